/** The trainer's core (plain Java, no CDI): settings, the training thread, progress, metrics and the runtime that wires them. */
package dev.simclr.trainer.loop;
