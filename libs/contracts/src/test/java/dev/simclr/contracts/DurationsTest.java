package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The cases of the former formatters: simclr-model's Throughput.formatDuration, the augmenter's ProgressLog.duration,
 * the launcher's Console.duration / Console.clock and supervisor Reports.seconds, object-store's OutageRetry.format.
 */
class DurationsTest {

    @Test
    void compactDurationsAreCutToWholeSeconds() {
        assertThat(Durations.compact(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(Durations.compact(Duration.ofMillis(42_900))).isEqualTo("42s");
        assertThat(Durations.compact(Duration.ofSeconds(187))).isEqualTo("3m07s");
        assertThat(Durations.compact(Duration.ofMinutes(10))).isEqualTo("10m00s");
        assertThat(Durations.compact(Duration.ofSeconds(3720))).isEqualTo("1h02m");
        assertThat(Durations.compact(Duration.ofHours(26).plusMinutes(5))).isEqualTo("26h05m");
        assertThat(Durations.compact(Duration.ZERO)).isEqualTo("0s");
        assertThat(Durations.compact(Duration.ofMillis(400))).isEqualTo("0s");
        assertThat(Durations.compact(Duration.ofSeconds(-5))).isEqualTo("0s");
    }

    @Test
    void compactSecondsAreRoundedAndUnknownIsAQuestionMark() {
        assertThat(Durations.compact(42.4)).isEqualTo("42s");
        assertThat(Durations.compact(42.6)).isEqualTo("43s");
        assertThat(Durations.compact(185)).isEqualTo("3m05s");
        assertThat(Durations.compact(3720)).isEqualTo("1h02m");
        assertThat(Durations.compact(602)).isEqualTo("10m02s");
        assertThat(Durations.compact(3 * 3600 + 5 * 60 + 9)).isEqualTo("3h05m");
        assertThat(Durations.compact(0.0)).isEqualTo("0s");
        assertThat(Durations.compact(Double.NaN)).isEqualTo("?");
        assertThat(Durations.compact(Double.POSITIVE_INFINITY)).isEqualTo("?");
        assertThat(Durations.compact(-1.0)).isEqualTo("?");
    }

    @Test
    void clockReadings() {
        assertThat(Durations.clock(Duration.ofSeconds(39))).isEqualTo("00:39");
        assertThat(Durations.clock(Duration.ofSeconds(754))).isEqualTo("12:34");
        assertThat(Durations.clock(Duration.ofSeconds(3723))).isEqualTo("1:02:03");
        assertThat(Durations.clock(Duration.ofSeconds(-3))).isEqualTo("00:00");
    }

    @Test
    void measuredSecondsHaveOneDecimal() {
        assertThat(Durations.seconds(Duration.ofMillis(14_000))).isEqualTo("14.0 s");
        assertThat(Durations.seconds(Duration.ofMillis(12_345))).isEqualTo("12.3 s");
        assertThat(Durations.seconds(0.04)).isEqualTo("0.0 s");
    }
}
