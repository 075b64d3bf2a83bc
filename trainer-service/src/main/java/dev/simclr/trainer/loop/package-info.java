/**
 * The trainer's core (plain Java, no CDI): its configuration ({@link dev.simclr.trainer.loop.TrainerConfig},
 * validated into a {@link dev.simclr.trainer.loop.TrainerSetup}), the training thread, progress, metrics and
 * the runtime that wires them.
 */
package dev.simclr.trainer.loop;
