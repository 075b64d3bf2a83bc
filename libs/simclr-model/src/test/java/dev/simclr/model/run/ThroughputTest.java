package dev.simclr.model.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ThroughputTest {

    @Test
    void rateAndEtaOverTheWindow() {
        Throughput t = new Throughput(10);
        assertThat(t.viewsPerSecond()).isZero();
        assertThat(t.etaSeconds(5)).isNaN();
        long s = 1_000_000_000L;
        t.record(0, 0, 0);
        t.record(2 * s, 1, 100);
        t.record(4 * s, 2, 200);
        assertThat(t.viewsPerSecond()).isCloseTo(50, within(1e-9));
        assertThat(t.etaSeconds(3)).isCloseTo(6, within(1e-9));
        // older samples fall out of a 10 s window: a slow-down shows quickly
        t.record(20 * s, 3, 300);
        t.record(30 * s, 4, 400);
        assertThat(t.viewsPerSecond()).isCloseTo(10, within(1e-9));
        assertThat(t.etaSeconds(0)).isZero();
    }
}
