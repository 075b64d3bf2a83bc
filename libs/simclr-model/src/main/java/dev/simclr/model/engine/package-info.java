/** PyTorch-engine specifics that DJL's engine-neutral API does not cover. */
package dev.simclr.model.engine;
