package dev.simclr.evaluation;

import ai.djl.training.tracker.Tracker;

/**
 * Cosine annealing stepped once per epoch, as torch's {@code CosineAnnealingLR(opt, epochs)} with
 * {@code scheduler.step()} after every epoch: during epoch {@code e} (0-based) the rate is {@code
 * base * (1 + cos(pi * e / epochs)) / 2}.
 */
final class EpochCosineTracker implements Tracker {

  private final double base;
  private final int stepsPerEpoch;
  private final int epochs;

  EpochCosineTracker(double base, int stepsPerEpoch, int epochs) {
    this.base = base;
    this.stepsPerEpoch = stepsPerEpoch;
    this.epochs = epochs;
  }

  /** {@code numUpdate} is DJL's 1-based update count. */
  @Override
  public float getNewValue(int numUpdate) {
    int epoch = Math.min((Math.max(numUpdate, 1) - 1) / stepsPerEpoch, epochs - 1);
    return (float) (base * 0.5 * (1 + Math.cos(Math.PI * epoch / epochs)));
  }
}
