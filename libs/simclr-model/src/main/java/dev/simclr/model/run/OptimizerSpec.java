package dev.simclr.model.run;

import dev.simclr.model.optim.Lars;
import dev.simclr.model.optim.LrSchedule;
import dev.simclr.model.optim.SgdNesterov;
import dev.simclr.model.optim.SimClrOptimizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Optimiser and learning-rate schedule of a run: algorithm, peak rate, linear warm-up then cosine decay to 0 at
 * {@code totalSteps}, weight decay and momentum. Stored in checkpoint manifests via {@link #toMap()} so a resumed run
 * can check it continues with the same schedule.
 *
 * @param algorithm LARS or SGD-Nesterov
 * @param learningRate peak learning rate, finite and &gt;= 0
 * @param warmupSteps linear warm-up steps, 0..totalSteps
 * @param totalSteps schedule length in steps (the rate is 0 from here on), &gt;= 1
 * @param weightDecay weight decay (not applied to BN and bias), &gt;= 0
 * @param momentum momentum coefficient, in [0, 1)
 */
public record OptimizerSpec(
        Algorithm algorithm,
        double learningRate,
        long warmupSteps,
        long totalSteps,
        double weightDecay,
        double momentum) {

    /** Validates every field; the message names the field. */
    public OptimizerSpec {
        if (algorithm == null) {
            throw new IllegalArgumentException("optimizer: algorithm is required (lars or sgd)");
        }
        if (!(learningRate >= 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("optimizer: lr must be finite and >= 0, got " + learningRate);
        }
        if (totalSteps < 1) {
            throw new IllegalArgumentException("optimizer: total steps must be >= 1, got " + totalSteps);
        }
        if (warmupSteps < 0 || warmupSteps > totalSteps) {
            throw new IllegalArgumentException(
                    "optimizer: warmup steps must be in [0, total steps = " + totalSteps + "], got " + warmupSteps);
        }
        if (!(weightDecay >= 0) || !Double.isFinite(weightDecay)) {
            throw new IllegalArgumentException("optimizer: weight decay must be finite and >= 0, got " + weightDecay);
        }
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("optimizer: momentum must be in [0, 1), got " + momentum);
        }
    }

    /** Returns a builder; total steps and batch size (for the default rate) are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns the warm-up + cosine schedule. */
    public LrSchedule schedule() {
        return LrSchedule.warmupCosine(learningRate, warmupSteps, totalSteps);
    }

    /** Returns a new optimiser (no state yet; bind it through a trainer). */
    public SimClrOptimizer create() {
        return switch (algorithm) {
            case LARS ->
                Lars.builder()
                        .setLearningRate(schedule())
                        .optMomentum((float) momentum)
                        .optWeightDecays((float) weightDecay)
                        .build();
            case SGD ->
                SgdNesterov.builder()
                        .setLearningRate(schedule())
                        .optMomentum((float) momentum)
                        .optWeightDecays((float) weightDecay)
                        .build();
        };
    }

    /** Returns the spec as JSON-friendly values. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("algorithm", algorithm.id());
        m.put("lr", learningRate);
        m.put("warmupSteps", warmupSteps);
        m.put("totalSteps", totalSteps);
        m.put("weightDecay", weightDecay);
        m.put("momentum", momentum);
        m.put("schedule", "linear-warmup-cosine");
        return m;
    }

    /**
     * Reads a spec written by {@link #toMap()}.
     *
     * @param map the values
     * @return the spec
     * @throws IllegalArgumentException naming the missing or malformed key
     */
    public static OptimizerSpec fromMap(Map<String, ?> map) {
        if (map == null) {
            throw new IllegalArgumentException("optimizer spec: map is null");
        }
        return new OptimizerSpec(
                Algorithm.parse(String.valueOf(map.get("algorithm"))),
                number(map, "lr"),
                whole(map, "warmupSteps"),
                whole(map, "totalSteps"),
                number(map, "weightDecay"),
                number(map, "momentum"));
    }

    private static double number(Map<String, ?> map, String key) {
        if (!(map.get(key) instanceof Number n)) {
            throw new IllegalArgumentException("optimizer spec: '" + key + "' must be a number, got " + map.get(key));
        }
        return n.doubleValue();
    }

    private static long whole(Map<String, ?> map, String key) {
        double d = number(map, key);
        if (d != Math.rint(d)) {
            throw new IllegalArgumentException("optimizer spec: '" + key + "' must be an integer, got " + d);
        }
        return (long) d;
    }

    /** Builder: {@code setTotalSteps} and {@code setBatchSize} are required. */
    public static final class Builder {
        private Algorithm algorithm = Algorithm.LARS;
        private Long totalSteps;
        private Integer batchSize;
        private Double learningRate;
        private long warmupSteps;
        private Double weightDecay;
        private double momentum = 0.9;

        private Builder() {}

        /** Sets the schedule length in steps (required). */
        public Builder setTotalSteps(long totalSteps) {
            this.totalSteps = totalSteps;
            return this;
        }

        /** Sets the pairs per step B (required; the default rate is 0.3 * B / 256). */
        public Builder setBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Sets the algorithm (default LARS). */
        public Builder optAlgorithm(Algorithm algorithm) {
            this.algorithm = algorithm;
            return this;
        }

        /** Sets the peak learning rate (default 0.3 * B / 256, SimCLR's linear scaling). */
        public Builder optLearningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /** Sets the warm-up length in steps (default 0). */
        public Builder optWarmupSteps(long warmupSteps) {
            this.warmupSteps = warmupSteps;
            return this;
        }

        /** Sets the weight decay (default: 1e-6 for LARS, 5e-4 for SGD). */
        public Builder optWeightDecay(double weightDecay) {
            this.weightDecay = weightDecay;
            return this;
        }

        /** Sets the momentum (default 0.9). */
        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /** Builds and validates the spec. */
        public OptimizerSpec build() {
            if (totalSteps == null || batchSize == null) {
                throw new IllegalArgumentException("optimizer: total steps and batch size are required");
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("optimizer: batch size must be >= 1, got " + batchSize);
            }
            double lr = learningRate != null ? learningRate : LrSchedule.linearScaled(0.3, batchSize);
            double wd = weightDecay != null ? weightDecay : algorithm == null ? 0 : algorithm.defaultWeightDecay();
            return new OptimizerSpec(algorithm, lr, warmupSteps, totalSteps, wd, momentum);
        }
    }
}
