/** Safe image decoding with size, pixel and time budgets: bytes in, {@code DecodedImage} out. */
package dev.simclr.augment.decode;
