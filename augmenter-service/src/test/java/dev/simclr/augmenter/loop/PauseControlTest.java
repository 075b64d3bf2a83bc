package dev.simclr.augmenter.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PauseControlTest {

    @Test
    void backoffDoublesUpToTheMaximumAndResets() {
        PauseControl p = new PauseControl(Duration.ofMillis(100), Duration.ofMillis(350), new LoopStatus());
        assertThat(p.startBackoff()).isEqualTo(Duration.ofMillis(100));
        assertThat(p.startBackoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(p.startBackoff()).isEqualTo(Duration.ofMillis(350));
        assertThat(p.startBackoff()).isEqualTo(Duration.ofMillis(350));
        p.resetBackoff();
        assertThat(p.startBackoff()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void pausedWhileTheGateIsClosedOrABackoffRuns() {
        LoopStatus status = new LoopStatus();
        PauseControl p = new PauseControl(Duration.ofMillis(100), Duration.ofSeconds(1), status);
        assertThat(p.paused()).isFalse();
        assertThat(p.gate(true)).isTrue();
        assertThat(p.gate(true)).isFalse();
        p.apply(null);
        assertThat(status.paused()).isTrue();
        p.gate(false);
        p.startBackoff();
        assertThat(p.paused()).isTrue();
        assertThat(p.expire(System.nanoTime())).isFalse();
        assertThat(p.expire(System.nanoTime() + Duration.ofMillis(150).toNanos()))
                .isTrue();
        assertThat(p.paused()).isFalse();
        p.apply(null);
        assertThat(status.paused()).isFalse();
    }
}
