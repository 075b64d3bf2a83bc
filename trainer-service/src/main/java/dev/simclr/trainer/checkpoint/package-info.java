/** The checkpoint lineage of a run: manifests with offsets and counters, resume plans, the run lease. */
package dev.simclr.trainer.checkpoint;
