/** SimCLR view generation: decoded images in, two independent seeded augmented views out. */
package dev.simclr.augment;
