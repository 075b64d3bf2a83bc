/**
 * The trainer's core (plain Java, no CDI): its configuration ({@link dev.simclr.trainer.config.TrainerConfig},
 * validated into a {@link dev.simclr.trainer.config.TrainerSetup}), the training thread, progress, metrics and the
 * runtime that wires them.
 */
package dev.simclr.trainer.loop;
