/** Reading simclr.views: classification of records, dead letters, per-partition offsets and fixed-size batches. */
package dev.simclr.trainer.input;
