package dev.simclr.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** Argument checks of {@link EvaluationProtocol#run}, each failing with the reason. */
final class ProtocolInputs {

    private ProtocolInputs() {}

    static void check(FeatureMatrix train, int[] trainLabels, FeatureMatrix test, int[] testLabels, int numClasses) {
        if (train == null || test == null || trainLabels == null || testLabels == null) {
            throw new IllegalArgumentException("protocol needs train and test features and labels");
        }
        if (numClasses < 2) {
            throw new IllegalArgumentException("protocol needs at least 2 classes, got " + numClasses);
        }
        if (train.dim() != test.dim()) {
            throw new IllegalArgumentException(
                    "train features are " + train.dim() + "-d but test features are " + test.dim() + "-d");
        }
        if (train.rows() < 2) {
            throw new IllegalArgumentException("protocol needs at least 2 train features, got " + train.rows());
        }
        labels("train", train, trainLabels, numClasses);
        labels("test", test, testLabels, numClasses);
    }

    private static void labels(String split, FeatureMatrix f, int[] labels, int numClasses) {
        if (labels.length != f.rows()) {
            throw new IllegalArgumentException(
                    split + ": " + f.rows() + " feature rows but " + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException(
                        split + " label " + i + " is " + labels[i] + ", outside 0.." + (numClasses - 1));
            }
        }
    }

    static void checkFinite(NDArray features, String split) {
        boolean bad;
        try (NDManager scope = features.getManager().newSubManager()) {
            NDArray x = Scopes.view(features, scope);
            bad = x.isNaN().logicalOr(x.isInfinite()).any().getBoolean();
        }
        if (bad) {
            throw new IllegalArgumentException(split + " features contain NaN or infinite values");
        }
    }
}
