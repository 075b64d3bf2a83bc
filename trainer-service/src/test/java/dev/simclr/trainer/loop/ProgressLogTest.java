package dev.simclr.trainer.loop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressLogTest {

    @Test
    void aProgressLineHasStepLossLrRateSamplesQueueAndEta() {
        ProgressLog log = new ProgressLog("r1", 10_000_000_000L, 1000, 0, 4);
        assertThat(log.line(250, 4.25, 0.123456, 212.44, 32000, 3, false, 3725, 0))
                .isEqualTo("run r1 step 250/1000 (25.0%): loss 4.2500, lr 0.12346, 212.4 views/s, samples seen 32000,"
                        + " queue 3/4, ETA 1h02m");
        assertThat(log.line(250, 4.25, 0.1, 0, 32000, 0, true, 99, 42))
                .isEqualTo("run r1 step 250/1000 (25.0%): loss 4.2500, lr 0.10000, waiting for view pairs for 42s,"
                        + " samples seen 32000, queue 0/4 (input paused), ETA ?");
    }

    @Test
    void maxStepsBelowTheScheduleIsTheTarget() {
        ProgressLog log = new ProgressLog("r1", 1, 1000, 100, 2);
        assertThat(log.line(100, 1, 0.1, 10, 400, 0, false, 0, 0))
                .contains("step 100/100 (100.0%)")
                .endsWith("ETA done");
    }

    @Test
    void aDerivedScheduleLengthBecomesTheTarget() {
        ProgressLog log = new ProgressLog("r1", 1, 23_400, 0, 2);
        assertThat(log.targetSteps()).isEqualTo(23_400);
        log.retarget(700);
        assertThat(log.totalSteps()).isEqualTo(700);
        assertThat(log.line(350, 1, 0.1, 10, 400, 0, false, 60, 0)).contains("step 350/700 (50.0%)");
        ProgressLog capped = new ProgressLog("r1", 1, 23_400, 500, 2);
        capped.retarget(700);
        assertThat(capped.targetSteps()).as("max-steps still caps").isEqualTo(500);
    }
}
