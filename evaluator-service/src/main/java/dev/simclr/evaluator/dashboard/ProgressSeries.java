package dev.simclr.evaluator.dashboard;

import dev.simclr.contracts.TrainingProgress;
import java.util.List;

/**
 * A run's progress as columns for a chart, downsampled to at most {@code maxPoints}: the held records are cut into that
 * many consecutive buckets of (nearly) equal size; a bucket's point has the step, learning rate and samples of its last
 * record and the mean loss and views/s of all its records (so a long noisy curve is smoothed, not aliased). The newest
 * record always ends the last bucket.
 *
 * @param step step of each point
 * @param loss mean loss
 * @param viewsPerSecond mean throughput
 * @param lr learning rate at the point's step
 * @param samplesSeen samples at the point's step
 */
public record ProgressSeries(long[] step, double[] loss, double[] viewsPerSecond, double[] lr, long[] samplesSeen) {

    /**
     * Downsamples {@code points} (oldest first).
     *
     * @param points the records
     * @param maxPoints at most this many points, {@code >= 1}
     * @return the columns
     */
    public static ProgressSeries of(List<TrainingProgress> points, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("progress series: max points must be >= 1, got " + maxPoints);
        }
        int n = points.size();
        int m = Math.min(n, maxPoints);
        long[] step = new long[m];
        double[] loss = new double[m];
        double[] rate = new double[m];
        double[] lr = new double[m];
        long[] samples = new long[m];
        for (int b = 0; b < m; b++) {
            int from = (int) ((long) b * n / m);
            int to = (int) ((long) (b + 1) * n / m);
            double lossSum = 0;
            double rateSum = 0;
            for (int i = from; i < to; i++) {
                lossSum += points.get(i).loss();
                rateSum += points.get(i).viewsPerSecond();
            }
            TrainingProgress last = points.get(to - 1);
            step[b] = last.step();
            loss[b] = lossSum / (to - from);
            rate[b] = rateSum / (to - from);
            lr[b] = last.lr();
            samples[b] = last.samplesSeen();
        }
        return new ProgressSeries(step, loss, rate, lr, samples);
    }

    /** Returns the number of points. */
    public int size() {
        return step.length;
    }
}
