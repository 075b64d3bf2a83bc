package dev.simclr.launcher.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RestartHistoryTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private final RestartHistory history = new RestartHistory(SupervisionPolicy.DEFAULT);

    @Test
    void backsOffTwoFourEightThenGivesUpOnTheFourthFailureInTheWindow() {
        assertThat(history.failed(T0)).isEqualTo(new RestartHistory.Decision(false, Duration.ofSeconds(2), 1));
        assertThat(history.failed(T0.plusSeconds(60)))
                .isEqualTo(new RestartHistory.Decision(false, Duration.ofSeconds(4), 2));
        assertThat(history.failed(T0.plusSeconds(120)))
                .isEqualTo(new RestartHistory.Decision(false, Duration.ofSeconds(8), 3));
        assertThat(history.failed(T0.plusSeconds(599))).isEqualTo(new RestartHistory.Decision(true, Duration.ZERO, 4));
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        history.failed(T0);
        history.failed(T0.plusSeconds(60));
        history.failed(T0.plusSeconds(120));
        RestartHistory.Decision d = history.failed(T0.plusSeconds(600));
        assertThat(d.giveUp()).as("the failure at T0 is exactly one window old").isFalse();
        assertThat(d.failuresInWindow()).isEqualTo(3);
        assertThat(d.delay()).isEqualTo(Duration.ofSeconds(8));
        assertThat(history.failed(T0.plusSeconds(2000)))
                .isEqualTo(new RestartHistory.Decision(false, Duration.ofSeconds(2), 1));
    }

    @Test
    void noRestartsAllowedGivesUpAtTheFirstFailure() {
        RestartHistory none = new RestartHistory(SupervisionPolicy.DEFAULT.withOptions(
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(2), 0, Duration.ofMinutes(10)));
        assertThat(none.failed(T0).giveUp()).isTrue();
    }
}
