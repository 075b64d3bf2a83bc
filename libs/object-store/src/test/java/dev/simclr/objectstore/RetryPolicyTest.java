package dev.simclr.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final List<Duration> slept = new ArrayList<>();

    private RetryPolicy policy(int attempts, double random) {
        return new RetryPolicy(attempts, Duration.ofMillis(100), Duration.ofMillis(1000), slept::add, () -> random);
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy full = policy(10, 1.0);
        assertThat(List.of(1, 2, 3, 4, 5, 6, 60, 100))
                .extracting(n -> full.backoff(n).toMillis())
                .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L, 1000L);
    }

    @Test
    void jitterScalesBetweenHalfAndFull() {
        assertThat(policy(10, 0.0).backoff(3)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy(10, 0.5).backoff(3)).isEqualTo(Duration.ofMillis(300));
        assertThat(policy(10, 1.0).backoff(3)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void retriesTransientFailuresThenSucceeds() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        String result = policy(4, 1.0)
                .run(
                        "op",
                        () -> {
                            if (calls.incrementAndGet() < 3) {
                                throw new IOException("connection reset");
                            }
                            return "ok";
                        },
                        e -> e instanceof IOException);
        assertThat(result).isEqualTo("ok");
        assertThat(calls).hasValue(3);
        assertThat(slept).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheLastFailure() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy(3, 1.0)
                        .run(
                                "op",
                                () -> {
                                    throw new IOException("failure " + calls.incrementAndGet());
                                },
                                e -> true))
                .isInstanceOf(IOException.class)
                .hasMessage("failure 3");
        assertThat(calls).hasValue(3);
        assertThat(slept).hasSize(2);
    }

    @Test
    void permanentFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy(5, 1.0)
                        .run(
                                "op",
                                () -> {
                                    calls.incrementAndGet();
                                    throw new IllegalStateException("permanent");
                                },
                                e -> e instanceof IOException))
                .hasMessage("permanent");
        assertThat(calls).hasValue(1);
        assertThat(slept).isEmpty();
    }

    @Test
    void oneAttemptMeansNoRetry() {
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> policy(1, 1.0)
                        .run(
                                "op",
                                () -> {
                                    calls.incrementAndGet();
                                    throw new IOException("x");
                                },
                                e -> true))
                .isInstanceOf(IOException.class);
        assertThat(calls).hasValue(1);
    }
}
