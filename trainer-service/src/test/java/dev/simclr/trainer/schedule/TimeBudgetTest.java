package dev.simclr.trainer.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.CheckpointManifest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimeBudgetTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    /** A wall clock and a monotonic clock that move together, driven by the test. */
    private static final class Clocks {
        final AtomicLong nanos = new AtomicLong(1_000_000_000L);

        Clock wall() {
            return new Clock() {
                @Override
                public ZoneOffset getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return T0.plusNanos(nanos.get() - 1_000_000_000L);
                }
            };
        }

        void advance(double seconds) {
            nanos.addAndGet((long) (seconds * 1e9));
        }
    }

    /** Runs steps from..to, each taking {@code seconds}. */
    private static OptionalLong steps(TimeBudget b, Clocks c, long from, long to, double seconds) {
        OptionalLong derived = OptionalLong.empty();
        for (long step = from; step <= to; step++) {
            b.beforeStep();
            c.advance(seconds);
            OptionalLong d = b.afterStep(step);
            if (d.isPresent()) {
                derived = d;
            }
        }
        return derived;
    }

    @Test
    void theFirstStepIsExcludedAndTheNextOnesAreTimed() {
        Clocks c = new Clocks();
        TimeBudget b = new TimeBudget(Duration.ofSeconds(100), 0, 4, 1000, null, c.wall(), c.nanos::get);
        assertThat(b.elapsed()).isZero();
        assertThat(steps(b, c, 1, 1, 10.0)).as("slow first step").isEmpty();
        assertThat(b.firstStepAt()).isEqualTo(T0);
        assertThat(steps(b, c, 2, 4, 1.0)).isEmpty();
        // step 5 completes 4 timed steps of 1 s; elapsed 10 + 4 = 14 s; (100 - 14) / 1 = 86 more
        assertThat(steps(b, c, 5, 5, 1.0)).hasValue(5 + 86);
        assertThat(b.secondsPerStep()).isEqualTo(1.0);
        assertThat(b.totalSteps()).hasValue(91);
        assertThat(steps(b, c, 6, 20, 1.0)).as("derived once").isEmpty();
        assertThat(b.elapsed()).isEqualTo(Duration.ofSeconds(29));
    }

    @Test
    void settleStepsAfterTheFirstAreNotTimed() {
        Clocks c = new Clocks();
        TimeBudget b = new TimeBudget(Duration.ofSeconds(100), 3, 2, 1000, null, c.wall(), c.nanos::get);
        assertThat(steps(b, c, 1, 1, 10.0)).as("first step").isEmpty();
        assertThat(steps(b, c, 2, 4, 5.0))
                .as("three slow settle steps, untimed")
                .isEmpty();
        assertThat(steps(b, c, 5, 5, 1.0)).as("one timed step of two").isEmpty();
        // step 6 completes 2 timed steps of 1 s; elapsed 10 + 15 + 2 = 27 s; (100 - 27) / 1 = 73 more
        assertThat(steps(b, c, 6, 6, 1.0)).hasValue(6 + 73);
        assertThat(b.secondsPerStep()).isEqualTo(1.0);
        assertThat(b.toAttribute()).containsEntry("settleSteps", 3).containsEntry("measureSteps", 2);
    }

    @Test
    void checkpointTimeIsExcludedFromTheStepRateAndChargedSeparately() {
        Clocks c = new Clocks();
        TimeBudget b = new TimeBudget(Duration.ofSeconds(200), 0, 2, 10, null, c.wall(), c.nanos::get);
        b.checkpointed(Duration.ofSeconds(3)); // step 0, before the budget starts: cost known, not timed
        steps(b, c, 1, 1, 1.0);
        steps(b, c, 2, 2, 0.5);
        c.advance(5.0);
        b.checkpointed(Duration.ofSeconds(5)); // inside the timed window
        OptionalLong total = steps(b, c, 3, 3, 0.5);
        // 0.5 s/step; checkpoints (3 + 5) / 2 = 4 s; elapsed 1 + 0.5 + 5 + 0.5 = 7 s;
        // left = 200 - 7 - 4 = 189; per step 0.5 + 4/10 = 0.9; floor(210) = 210
        assertThat(b.secondsPerStep()).isEqualTo(0.5);
        assertThat(total).hasValue(3 + 210);
        assertThat(b.toAttribute()).containsEntry("checkpointSeconds", 4.0).containsEntry("derivedAtStep", 3L);
    }

    @Test
    void theAttributeSurvivesAManifestAndAResumeKeepsTheDerivedLengthAndItsBudget() {
        Clocks c = new Clocks();
        TimeBudget b = new TimeBudget(Duration.ofMinutes(15), 0, 2, 100, null, c.wall(), c.nanos::get);
        steps(b, c, 1, 3, 2.0);
        long total = b.totalSteps().orElseThrow();
        CheckpointManifest m = CheckpointManifest.fromJson(CheckpointManifest.builder()
                .setRunId("r")
                .setStep(3)
                .setEpoch(0)
                .setSamplesSeen(12)
                .setCreatedAt(T0)
                .optAttributes(Map.of(TimeBudget.ATTRIBUTE, b.toAttribute()))
                .build()
                .toJsonBytes());
        @SuppressWarnings("unchecked")
        Map<String, Object> attribute = (Map<String, Object>) m.attributes().get(TimeBudget.ATTRIBUTE);
        assertThat(attribute)
                .containsEntry("budgetSeconds", 900.0)
                .containsEntry("measureSteps", 2)
                .containsEntry("firstStepAt", T0.toString())
                .containsEntry("totalSteps", (int) total);

        TimeBudget resumed = new TimeBudget(Duration.ofMinutes(30), 0, 2, 100, attribute, c.wall(), c.nanos::get);
        assertThat(resumed.totalSteps()).hasValue(total);
        assertThat(resumed.budget()).as("the budget the length came from").isEqualTo(Duration.ofMinutes(15));
        assertThat(resumed.firstStepAt()).isEqualTo(T0);
        assertThat(steps(resumed, c, 4, 10, 2.0)).as("nothing to measure").isEmpty();
        assertThat(resumed.toAttribute()).isEqualTo(b.toAttribute());
    }

    @Test
    void aResumeBeforeTheDerivationMeasuresAgainButCountsFromTheRunsFirstStep() {
        Clocks c = new Clocks();
        TimeBudget first = new TimeBudget(Duration.ofSeconds(60), 0, 5, 100, null, c.wall(), c.nanos::get);
        steps(first, c, 1, 3, 1.0);
        Map<String, Object> attribute = first.toAttribute();
        assertThat(attribute.get("totalSteps")).isNull();
        c.advance(20); // the crash and the restart
        TimeBudget again = new TimeBudget(Duration.ofSeconds(60), 0, 5, 100, attribute, c.wall(), c.nanos::get);
        assertThat(again.totalSteps()).isEmpty();
        steps(again, c, 4, 4, 3.0); // this process's first step, not timed
        OptionalLong total = steps(again, c, 5, 9, 1.0);
        // elapsed 3 + 20 + 3 + 5 = 31 s since the run's first step: (60 - 31) / 1 = 29 more
        assertThat(total).hasValue(9 + 29);
    }

    @Test
    void malformedAttributesAreRefusedWithTheKey() {
        Clock clock = Clock.systemUTC();
        assertThatThrownBy(() -> new TimeBudget(
                        Duration.ofSeconds(1), 0, 1, 1, Map.of("firstStepAt", "yesterday"), clock, System::nanoTime))
                .hasMessage("checkpoint attribute 'timeBudget.firstStepAt' must be an"
                        + " ISO-8601 instant, got yesterday");
        assertThatThrownBy(() -> new TimeBudget(
                        Duration.ofSeconds(1), 0, 1, 1, Map.of("totalSteps", 2.5), clock, System::nanoTime))
                .hasMessage("checkpoint attribute 'timeBudget.totalSteps' must be an integer >= 1," + " got 2.5");
        assertThatThrownBy(() -> new TimeBudget(Duration.ZERO, 0, 1, 1, null, clock, System::nanoTime))
                .hasMessageStartingWith("time budget: need a budget > 0");
    }
}
