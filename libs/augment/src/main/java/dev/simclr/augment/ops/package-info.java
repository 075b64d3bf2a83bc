/** The SimCLR augmentation ops on uint8 HWC arrays, each drawing its randomness from a passed-in generator. */
package dev.simclr.augment.ops;
