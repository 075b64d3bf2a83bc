package dev.simclr.evaluation;

/**
 * Top-1 and top-5 accuracy of one classifier on the test split.
 *
 * @param top1 fraction of test images whose true class scores highest, in [0, 1]
 * @param top5 fraction whose true class is among the 5 highest, or null when there are at most 5 classes (it would be
 *     trivially 1)
 */
public record Accuracy(double top1, Double top5) {

    /** From correct counts out of {@code n}; top-5 only when {@code classes > 5}. */
    static Accuracy of(long correct1, long correct5, int n, int classes) {
        return new Accuracy((double) correct1 / n, classes > 5 ? (double) correct5 / n : null);
    }
}
