/** Network blocks: torchvision-topology ResNet encoders, projection head, PyTorch-style initialisation. */
package dev.simclr.model.nn;
