package dev.simclr.augmenter.loop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressLogTest {

    @Test
    void reportsRateAndEtaFromTheDoneDeltaOfTheSameEpoch() {
        ProgressLog log = new ProgressLog("r1", 10);
        assertThat(log.line(new EpochStatus(3, 1_000, 60_000, false), 0, 2, false, 0))
                .isEqualTo("run r1 epoch 3 of 0..9: 1,000/60,000 images (1.7%), 0.0 images/s, ETA unknown, dead letters 2, running");
        assertThat(log.line(new EpochStatus(3, 2_000, 60_000, false), 10_000_000_000L, 5, true, 25_000))
                .isEqualTo("run r1 epoch 3 of 0..9: 2,000/60,000 images (3.3%), 100.0 images/s, ETA 9m40s, dead letters 5, "
                        + "paused (views lag 25,000)");
    }

    @Test
    void aNewEpochRestartsTheRateAndAnIdleCompleteEpochIsLoggedOnce() {
        ProgressLog log = new ProgressLog("r", 2);
        log.line(new EpochStatus(0, 500, 500, true), 0, 0, false, 0);
        assertThat(log.line(new EpochStatus(0, 500, 500, true), 10_000_000_000L, 0, false, 0)).isNull();
        assertThat(log.line(new EpochStatus(1, 10, 500, false), 20_000_000_000L, 0, false, 0)).contains("0.0 images/s");
        assertThat(log.line(new EpochStatus(1, 500, 500, true), 30_000_000_000L, 0, false, 0)).contains("49.0 images/s")
                .contains("ETA done");
    }

    @Test
    void formatsDurations() {
        assertThat(ProgressLog.duration(42)).isEqualTo("42s");
        assertThat(ProgressLog.duration(602)).isEqualTo("10m02s");
        assertThat(ProgressLog.duration(3 * 3600 + 5 * 60 + 9)).isEqualTo("3h05m");
    }
}
