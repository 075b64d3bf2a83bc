package dev.simclr.launcher.cli;

import java.time.Duration;

/**
 * How the demo fits its time: the trainer gets the minutes minus the time to start (and import) and
 * to evaluate the final checkpoint; the checkpoint interval gives about three evaluations before
 * the final one. The step estimate only sizes the warm-up and the checkpoint interval (the trainer
 * measures its own speed and sizes the schedule to its time budget) and is the stop of a trainer
 * that has no time budget.
 *
 * @param minutes the whole demo
 * @param trainerBudget the trainer's time budget
 * @param estimatedSteps steps expected in the budget
 * @param checkpointEvery steps between checkpoints (each one is evaluated)
 */
record DemoPlan(int minutes, Duration trainerBudget, long estimatedSteps, long checkpointEvery) {

  /** Start-up and import (~1.5 min) plus the final evaluation (~2.5 min) on a 2-core machine. */
  static final Duration OVERHEAD = Duration.ofMinutes(4);
  /** Steps per second of the demo model on 2 cores while the augmenter and evaluator share them. */
  static final double STEPS_PER_SECOND = 0.8;

  /** The plan for a demo of {@code minutes} (at least 5). */
  static DemoPlan of(int minutes, double stepsPerSecond) {
    if (minutes < 5 || minutes > 24 * 60) {
      throw new IllegalArgumentException("--minutes must be in [5, 1440], got " + minutes);
    }
    Duration budget = Duration.ofMinutes(minutes).minus(OVERHEAD);
    long steps = Math.max(20, Math.round(budget.toSeconds() * stepsPerSecond));
    long every = steps / 4;
    every = every >= 100 ? every / 10 * 10 : Math.max(5, every);
    return new DemoPlan(minutes, budget, steps, every);
  }
}
