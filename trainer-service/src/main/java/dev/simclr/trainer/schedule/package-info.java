/** The trainer's time budget: measuring the step rate and deriving the schedule length that fits. */
package dev.simclr.trainer.schedule;
