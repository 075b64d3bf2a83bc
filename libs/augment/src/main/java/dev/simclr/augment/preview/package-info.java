/** The augmentation preview: a PNG grid of SimCLR view pairs for given images ({@code simclr preview} runs it). */
package dev.simclr.augment.preview;
