/** The NT-Xent contrastive loss as a DJL Loss. */
package dev.simclr.model.loss;
