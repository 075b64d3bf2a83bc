/** Plugs a {@link dev.simclr.model.SimClrModel} into the fixed evaluation protocol. */
package dev.simclr.model.eval;
