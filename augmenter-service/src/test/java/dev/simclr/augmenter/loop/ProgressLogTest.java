package dev.simclr.augmenter.loop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressLogTest {

    private static ProgressLog.Counts counts(long dead, long excluded, long hits, long misses) {
        return new ProgressLog.Counts(dead, excluded, hits, misses);
    }

    @Test
    void reportsRateAndEtaFromTheDoneDeltaOfTheSameEpoch() {
        ProgressLog log = new ProgressLog("r1", 10);
        assertThat(log.line(new EpochStatus(3, 1_000, 60_000, false), 0, counts(2, 0, 0, 0), false, 0))
                .isEqualTo(
                        "run r1 epoch 3 of 0..9: 1,000/60,000 images (1.7%), 0.0 images/s, ETA unknown, dead letters 2, "
                                + "excluded splits 0, cache hits -, running");
        assertThat(log.line(
                        new EpochStatus(3, 2_000, 60_000, false),
                        10_000_000_000L,
                        counts(5, 1_250, 0, 0),
                        true,
                        25_000))
                .isEqualTo(
                        "run r1 epoch 3 of 0..9: 2,000/60,000 images (3.3%), 100.0 images/s, ETA 9m40s, dead letters 5, "
                                + "excluded splits 1,250, cache hits -, paused (views lag 25,000)");
    }

    @Test
    void theCacheHitRateIsThatOfTheLastInterval() {
        ProgressLog log = new ProgressLog("r", 3);
        assertThat(log.line(new EpochStatus(0, 100, 400, false), 0, counts(0, 0, 0, 100), false, 0))
                .contains("cache hits 0.0%");
        assertThat(log.line(new EpochStatus(1, 100, 400, false), 1, counts(0, 0, 30, 170), false, 0))
                .as("30 hits of the last 100 lookups")
                .contains("cache hits 30.0%");
        assertThat(log.line(new EpochStatus(1, 200, 400, false), 2, counts(0, 0, 30, 170), false, 0))
                .as("no lookups since")
                .contains("cache hits -");
        assertThat(log.line(new EpochStatus(1, 300, 400, false), 3, counts(0, 0, 105, 195), false, 0))
                .contains("cache hits 75.0%");
    }

    @Test
    void aNewEpochRestartsTheRateAndAnIdleCompleteEpochIsLoggedOnce() {
        ProgressLog log = new ProgressLog("r", 2);
        ProgressLog.Counts none = counts(0, 0, 0, 0);
        log.line(new EpochStatus(0, 500, 500, true), 0, none, false, 0);
        assertThat(log.line(new EpochStatus(0, 500, 500, true), 10_000_000_000L, none, false, 0))
                .isNull();
        assertThat(log.line(new EpochStatus(1, 10, 500, false), 20_000_000_000L, none, false, 0))
                .contains("0.0 images/s");
        assertThat(log.line(new EpochStatus(1, 500, 500, true), 30_000_000_000L, none, false, 0))
                .contains("49.0 images/s")
                .contains("ETA done");
    }
}
