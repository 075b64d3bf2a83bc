package dev.simclr.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * Counts top-1 / top-5 hits from class scores with a fixed tie rule: the rank of the true class is the number of
 * classes scoring strictly higher plus the number scoring equal with a lower index (so top-1 equals {@code argmax ==
 * label} with the first maximum winning, as torch's argmax).
 */
final class TopKAccuracy {

    private TopKAccuracy() {}

    /**
     * Hits of one chunk.
     *
     * @param scores {@code (n, classes)} float scores
     * @param labels {@code (n)} int64 true classes
     * @return {top-1 hits, top-5 hits}
     */
    static long[] hits(NDArray scores, NDArray labels) {
        long n = scores.getShape().get(0);
        long classes = scores.getShape().get(1);
        NDArray label = labels.reshape(n, 1);
        NDArray trueScore = scores.gather(label, 1);
        NDArray higher = scores.gt(trueScore).toType(DataType.INT64, false).sum(new int[] {1});
        NDArray classIndex =
                scores.getManager().arange(0, classes, 1, DataType.INT64).reshape(1, classes);
        NDArray tiedBefore = scores.eq(trueScore)
                .logicalAnd(classIndex.lt(label))
                .toType(DataType.INT64, false)
                .sum(new int[] {1});
        NDArray rank = higher.add(tiedBefore);
        long top1 = rank.eq(0).toType(DataType.INT64, false).sum().getLong();
        long top5 = rank.lt(5).toType(DataType.INT64, false).sum().getLong();
        return new long[] {top1, top5};
    }
}
