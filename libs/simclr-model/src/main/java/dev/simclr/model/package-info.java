/** SimCLR model library: config, model wrapper (DJL, PyTorch engine) and device parsing. */
package dev.simclr.model;
