/**
 * The trainer's configuration: {@link dev.simclr.trainer.config.TrainerConfig}, the {@code simclr.trainer.*} mapping
 * and its defaults, and {@link dev.simclr.trainer.config.TrainerSetup}, the one place that validates it and derives
 * what the loop needs from it.
 */
package dev.simclr.trainer.config;
