package dev.simclr.launcher.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SupervisionPolicyTest {

    @Test
    void backoffDoublesPerFailureUpToTheCap() {
        SupervisionPolicy p = SupervisionPolicy.DEFAULT;
        assertThat(p.backoffAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoffAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoffAfter(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(p.backoffAfter(6)).isEqualTo(Duration.ofSeconds(60));
        assertThat(p.backoffAfter(1000)).isEqualTo(Duration.ofSeconds(60));
        assertThatThrownBy(() -> p.backoffAfter(0)).hasMessageContaining("failures must be >= 1");
    }

    @Test
    void optionsReplaceTheirValuesAndABackoffAboveTheCapRaisesIt() {
        SupervisionPolicy p = SupervisionPolicy.DEFAULT.withOptions(
                Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofMinutes(3), 0, Duration.ofHours(1));
        assertThat(p.livenessGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.readinessGrace()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.maxRestarts()).isZero();
        assertThat(p.restartWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(p.backoffAfter(1)).isEqualTo(Duration.ofMinutes(3));
        assertThat(p.backoffAfter(2)).isEqualTo(Duration.ofMinutes(3));
        assertThat(p.probeInterval()).isEqualTo(SupervisionPolicy.DEFAULT.probeInterval());
    }

    @Test
    void rejectsNonPositiveDurationsAndNegativeRestarts() {
        assertThatThrownBy(() -> SupervisionPolicy.DEFAULT.withOptions(
                        Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1, Duration.ofMinutes(1)))
                .hasMessage("liveness grace must be positive, got PT0S");
        assertThatThrownBy(() -> SupervisionPolicy.DEFAULT.withOptions(
                        Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), -1, Duration.ofMinutes(1)))
                .hasMessage("--max-restarts must be >= 0, got -1");
    }
}
