/** Throughput benchmark of the augmentation policy, compared with the torchvision anchor by bench.sh. */
package dev.simclr.augment.bench;
