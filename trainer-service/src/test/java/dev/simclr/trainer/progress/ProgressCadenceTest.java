package dev.simclr.trainer.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProgressCadenceTest {

    private static final long S = 1_000_000_000L;

    @Test
    void everyNStepsOrAfterTheIntervalIfAStepWasTaken() {
        ProgressCadence c = new ProgressCadence(10, 5 * S, 100, 0);
        assertThat(c.due(100, 60 * S)).as("no step, however long").isFalse();
        assertThat(c.pending(100)).isFalse();
        assertThat(c.due(109, S)).isFalse();
        assertThat(c.due(110, S)).isTrue();
        c.published(110, S);
        assertThat(c.due(111, 5 * S)).isFalse();
        assertThat(c.due(111, 6 * S)).as("slow steps still show up").isTrue();
        assertThat(c.pending(111)).isTrue();
        c.published(111, 6 * S);
        assertThat(c.due(120, 7 * S)).isFalse();
        assertThat(c.due(121, 7 * S)).isTrue();
    }

    @Test
    void aRewoundStepCountsAsProgress() {
        ProgressCadence c = new ProgressCadence(10, 5 * S, 50, 0);
        assertThat(c.pending(40)).isTrue();
        assertThatThrownBy(() -> new ProgressCadence(0, S, 0, 0)).hasMessageStartingWith("progress cadence:");
    }
}
