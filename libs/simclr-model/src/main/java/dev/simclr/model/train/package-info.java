/** The training step and the state needed to resume it exactly. */
package dev.simclr.model.train;
