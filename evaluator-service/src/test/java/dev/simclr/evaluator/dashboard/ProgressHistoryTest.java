package dev.simclr.evaluator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.TrainingProgress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProgressHistoryTest {

    static TrainingProgress at(String run, long step, double loss) {
        return TrainingProgress.builder()
                .setRunId(run)
                .setStep(step)
                .setEpoch(0)
                .setSamplesSeen(128 * step)
                .setLoss(loss)
                .setLr(0.1)
                .setViewsPerSecond(200 + step)
                .setTotalSteps(1000)
                .setCreatedAt(Instant.EPOCH.plusSeconds(step))
                .build();
    }

    @Test
    void keepsTheNewestPointsPerRunInStepOrder() {
        ProgressHistory h = new ProgressHistory(3, 10);
        assertThat(h.run("a")).isEmpty();
        for (long s = 10; s <= 50; s += 10) {
            h.add(at("a", s, 5.0 - s / 100.0));
        }
        ProgressHistory.RunProgress a = h.run("a").orElseThrow();
        assertThat(a.points()).extracting(TrainingProgress::step).containsExactly(30L, 40L, 50L);
        assertThat(a.latest().step()).isEqualTo(50);
        assertThat(h.run("b")).isEmpty();
    }

    @Test
    void aStepAtOrBelowTheNewestStartsTheSurvivingLineage() {
        ProgressHistory h = new ProgressHistory(100, 10);
        for (long s = 10; s <= 60; s += 10) {
            h.add(at("a", s, 5.0));
        }
        h.add(at("a", 40, 4.0)); // a restarted trainer retrains from its step-30 checkpoint
        assertThat(h.run("a").orElseThrow().points())
                .extracting(TrainingProgress::step)
                .containsExactly(10L, 20L, 30L, 40L);
        assertThat(h.run("a").orElseThrow().latest().loss()).isEqualTo(4.0);
        h.add(at("a", 40, 3.5)); // a duplicate replaces
        assertThat(h.run("a").orElseThrow().points())
                .hasSize(4)
                .last()
                .extracting(TrainingProgress::loss)
                .isEqualTo(3.5);
    }

    @Test
    void theRunUpdatedLongestAgoIsDroppedFirst() {
        ProgressHistory h = new ProgressHistory(10, 2);
        h.add(at("a", 1, 5));
        h.add(at("b", 1, 5));
        h.add(at("a", 2, 5));
        h.add(at("c", 1, 5));
        assertThat(h.latest().keySet()).containsExactly("a", "c");
        assertThat(h.latest().get("a").step()).isEqualTo(2);
        assertThatThrownBy(() -> new ProgressHistory(1, 1)).hasMessageStartingWith("progress history:");
    }
}
