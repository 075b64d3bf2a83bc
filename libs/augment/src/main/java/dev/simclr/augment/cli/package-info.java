/** Command-line preview: writes a PNG grid of augmented view pairs for given images. */
package dev.simclr.augment.cli;
