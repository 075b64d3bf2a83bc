/** Batch assembly: uint8 HWC view pairs to normalised NCHW tensors on the device. */
package dev.simclr.model.data;
