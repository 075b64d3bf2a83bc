package dev.simclr.model.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LrScheduleTest {

    @Test
    void warmupThenCosineToZero() {
        LrSchedule s = LrSchedule.warmupCosine(1.2, 10, 110);
        assertThat(s.lr(0)).isCloseTo(0.12, within(1e-12)); // warm-up start: base / warmup
        assertThat(s.lr(4)).isCloseTo(0.6, within(1e-12));
        assertThat(s.lr(9)).isCloseTo(1.2, within(1e-12)); // warm-up end reaches the base rate
        assertThat(s.lr(10)).isCloseTo(1.2, within(1e-12)); // decay starts at the peak
        assertThat(s.lr(60)).isCloseTo(0.6, within(1e-12)); // decay midpoint: half
        assertThat(s.lr(85)).isCloseTo(1.2 * 0.5 * (1 + Math.cos(Math.PI * 0.75)), within(1e-12));
        assertThat(s.lr(109)).isPositive().isLessThan(1e-3);
        assertThat(s.lr(110)).isZero(); // end
        assertThat(s.lr(1_000)).isZero();
        assertThat(s.getNewValue(60)).isCloseTo(0.6f, within(1e-6f));
    }

    @Test
    void noWarmupAndConstant() {
        LrSchedule s = LrSchedule.warmupCosine(0.3, 0, 4);
        assertThat(s.lr(0)).isCloseTo(0.3, within(1e-12));
        assertThat(s.lr(2)).isCloseTo(0.15, within(1e-12));
        LrSchedule c = LrSchedule.constant(0.05);
        assertThat(c.lr(0)).isEqualTo(0.05);
        assertThat(c.lr(1_000_000)).isEqualTo(0.05);
        assertThat(c.totalSteps()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void linearScalingRule() {
        assertThat(LrSchedule.linearScaled(0.3, 256)).isCloseTo(0.3, within(1e-12));
        assertThat(LrSchedule.linearScaled(0.3, 512)).isCloseTo(0.6, within(1e-12));
        assertThat(LrSchedule.linearScaled(0.3, 128)).isCloseTo(0.15, within(1e-12));
        LrSchedule lars = LrSchedule.simclrLars(1024, 10, 100);
        assertThat(lars.baseLr()).isCloseTo(1.2, within(1e-12));
        assertThat(lars.warmupSteps()).isEqualTo(10);
        assertThat(lars.totalSteps()).isEqualTo(100);
        assertThatThrownBy(() -> LrSchedule.linearScaled(0.3, 0)).hasMessageContaining("batch size must be >= 1");
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> LrSchedule.warmupCosine(-1, 0, 10)).hasMessageContaining("base lr");
        assertThatThrownBy(() -> LrSchedule.warmupCosine(1, 11, 10)).hasMessageContaining("0 <= warmup <= total");
        assertThatThrownBy(() -> LrSchedule.warmupCosine(1, 0, 0)).hasMessageContaining("total >= 1");
        assertThatThrownBy(() -> LrSchedule.constant(1).lr(-1)).hasMessageContaining("step must be >= 0");
    }
}
