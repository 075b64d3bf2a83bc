/**
 * Training progress records on simclr.progress: when to publish, and fire-and-forget sending off the training thread.
 */
package dev.simclr.trainer.progress;
