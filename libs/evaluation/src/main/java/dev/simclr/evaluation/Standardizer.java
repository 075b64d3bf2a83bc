package dev.simclr.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Per-feature standardisation fitted on the train split: {@code (x - mean) / (std + eps)} with the unbiased standard
 * deviation (n - 1), as {@code torch.std}. A feature constant on the train split becomes 0 there.
 */
final class Standardizer {

    private final NDArray mean;
    private final NDArray scale;

    private Standardizer(NDArray mean, NDArray scale) {
        this.mean = mean;
        this.scale = scale;
    }

    /** Fits on {@code (n, d)} train features ({@code n >= 2}); arrays live in {@code manager}. */
    static Standardizer fit(NDArray train, double eps, NDManager manager) {
        long n = train.getShape().get(0);
        NDArray mean;
        NDArray scale;
        try (NDManager scope = manager.newSubManager()) {
            NDArray x = Scopes.view(train, scope);
            NDArray m = x.mean(new int[] {0});
            NDArray centered = x.sub(m);
            NDArray variance = centered.muli(centered).sum(new int[] {0}).div((float) (n - 1));
            NDArray s = variance.sqrt().add((float) eps);
            m.attach(manager);
            s.attach(manager);
            mean = m;
            scale = s;
        }
        return new Standardizer(mean, scale);
    }

    /** Standardises features with the fitted mean and scale (a new array in x's manager). */
    NDArray apply(NDArray x) {
        return x.sub(mean).div(scale);
    }
}
