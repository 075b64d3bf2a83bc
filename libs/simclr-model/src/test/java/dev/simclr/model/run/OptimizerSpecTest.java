package dev.simclr.model.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.simclr.model.optim.Lars;
import dev.simclr.model.optim.SgdNesterov;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizerSpecTest {

    @Test
    void defaultsFollowSimclr() {
        OptimizerSpec lars = OptimizerSpec.builder()
                .setTotalSteps(100)
                .setBatchSize(512)
                .optWarmupSteps(10)
                .build();
        assertThat(lars.algorithm()).isEqualTo(Algorithm.LARS);
        assertThat(lars.learningRate()).isEqualTo(0.6);
        assertThat(lars.weightDecay()).isEqualTo(1e-6);
        assertThat(lars.momentum()).isEqualTo(0.9);
        assertThat(lars.create()).isInstanceOf(Lars.class);
        assertThat(lars.schedule().lr(0)).isCloseTo(0.06, within(1e-12));
        assertThat(lars.schedule().lr(100)).isZero();

        OptimizerSpec sgd = OptimizerSpec.builder()
                .setTotalSteps(10)
                .setBatchSize(256)
                .optAlgorithm(Algorithm.SGD)
                .optLearningRate(0.1)
                .build();
        assertThat(sgd.weightDecay()).isEqualTo(5e-4);
        assertThat(sgd.create()).isInstanceOf(SgdNesterov.class);
        assertThat(sgd.create().algorithm()).isEqualTo("sgd-nesterov");
    }

    @Test
    void mapRoundTripThroughJsonNumbers() {
        OptimizerSpec spec = new OptimizerSpec(Algorithm.SGD, 0.25, 3, 40, 1e-4, 0.8);
        Map<String, Object> map = spec.toMap();
        assertThat(map).containsEntry("algorithm", "sgd").containsEntry("schedule", "linear-warmup-cosine");
        map.put("warmupSteps", 3); // JSON readers give Integer for small longs
        map.put("totalSteps", java.math.BigInteger.valueOf(40));
        assertThat(OptimizerSpec.fromMap(map)).isEqualTo(spec);
    }

    @Test
    void invalidValuesAreNamed() {
        assertThatThrownBy(() -> new OptimizerSpec(Algorithm.LARS, 0.1, 20, 10, 0, 0.9))
                .hasMessage("optimizer: warmup steps must be in [0, total steps = 10], got 20");
        assertThatThrownBy(() -> new OptimizerSpec(Algorithm.LARS, -1, 0, 10, 0, 0.9))
                .hasMessageContaining("lr must be finite and >= 0");
        assertThatThrownBy(() -> new OptimizerSpec(Algorithm.LARS, 0.1, 0, 10, 0, 1.0))
                .hasMessageContaining("momentum must be in [0, 1)");
        assertThatThrownBy(() -> OptimizerSpec.builder().setBatchSize(4).build())
                .hasMessageContaining("total steps and batch size are required");
        assertThatThrownBy(() -> OptimizerSpec.fromMap(Map.of("algorithm", "lars")))
                .hasMessageContaining("'lr' must be a number");
    }
}
