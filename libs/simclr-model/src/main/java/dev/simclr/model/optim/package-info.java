/** LARS and SGD-Nesterov as DJL Optimizers with serialisable state, and the warm-up + cosine schedule. */
package dev.simclr.model.optim;
