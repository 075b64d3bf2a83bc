package dev.simclr.evaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hyper-parameters of the weighted kNN classifier. The defaults are the protocol (the anchor's {@code knn}, after Wu et
 * al. 2018): k = 200 nearest train features by cosine similarity, each voting {@code exp(sim / 0.1)} for its label.
 * {@code chunkSize} and {@code memoryBudgetBytes} bound memory only; they do not change the result.
 *
 * @param k neighbours, {@code >= 1} (capped at the train count)
 * @param temperature vote temperature, {@code > 0}
 * @param chunkSize most test rows scored at once, {@code >= 1}
 * @param memoryBudgetBytes most bytes of a chunk's similarity / vote tensors; the chunk shrinks to fit, {@code >= 1
 *     MiB}
 */
public record KnnConfig(int k, double temperature, int chunkSize, long memoryBudgetBytes) {

    /** The protocol's kNN. */
    public static final KnnConfig DEFAULT = builder().build();

    /** Validates ranges. */
    public KnnConfig {
        if (k < 1) {
            throw new IllegalArgumentException("knn config: k must be >= 1, got " + k);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("knn config: temperature must be > 0, got " + temperature);
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("knn config: chunkSize must be >= 1, got " + chunkSize);
        }
        if (memoryBudgetBytes < (1 << 20)) {
            throw new IllegalArgumentException(
                    "knn config: memoryBudgetBytes must be >= 1 MiB, got " + memoryBudgetBytes);
        }
    }

    /** A builder starting from the defaults; every value is optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** Test rows per chunk for this train count, neighbour count and class count. */
    int chunkRows(int trainCount, int neighbours, int classes) {
        long perRow = 4L * Math.max(trainCount, (long) neighbours * classes);
        long fit = Math.max(1, memoryBudgetBytes / perRow);
        return (int) Math.min(chunkSize, fit);
    }

    /** The values by name, for provenance (memory knobs left out: they do not change results). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", k);
        m.put("similarity", "cosine");
        m.put("temperature", temperature);
        m.put("votes", "sum exp(sim/temperature) per class");
        return m;
    }

    /** Builds a {@link KnnConfig}; unset values keep the protocol defaults. */
    public static final class Builder {
        private int k = 200;
        private double temperature = 0.1;
        private int chunkSize = 1000;
        private long memoryBudgetBytes = 256L << 20;

        private Builder() {}

        public Builder optK(int k) {
            this.k = k;
            return this;
        }

        public Builder optTemperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder optChunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        public Builder optMemoryBudgetBytes(long memoryBudgetBytes) {
            this.memoryBudgetBytes = memoryBudgetBytes;
            return this;
        }

        public KnnConfig build() {
            return new KnnConfig(k, temperature, chunkSize, memoryBudgetBytes);
        }
    }
}
