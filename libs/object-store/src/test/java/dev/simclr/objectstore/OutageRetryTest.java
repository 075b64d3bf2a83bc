package dev.simclr.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Riding through outages on a fake clock: backoff, window, status, stop, and what is not retried. */
class OutageRetryTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final List<Duration> slept = new ArrayList<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final OutageStatus status = new OutageStatus(nanos::get, Clock.systemUTC());

    private OutageRetry retry(Duration tolerance) {
        return new OutageRetry(
                tolerance,
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                status,
                stopping::get,
                d -> {
                    slept.add(d);
                    nanos.addAndGet(d.toNanos());
                },
                nanos::get);
    }

    /** Fails with an unavailable store until {@code failures} attempts have failed, then answers "ok". */
    private static java.util.function.Supplier<String> flaky(int failures, AtomicInteger calls) {
        return () -> {
            if (calls.incrementAndGet() <= failures) {
                throw new ObjectStoreUnavailableException(
                        "put s3://b/k at http://s3 failed after 4 attempts: connection refused");
            }
            return "ok";
        };
    }

    private long secondsSlept() {
        return slept.stream().mapToLong(Duration::toMillis).sum() / 1000;
    }

    @Test
    void backoffDoublesFromOneSecondUpToTheCap() {
        assertThat(OutageRetry.MAX_BACKOFF).isEqualTo(Duration.ofSeconds(10));
        OutageRetry r = retry(Duration.ofMinutes(10));
        assertThat(List.of(1, 2, 3, 4, 5, 6, 7, 40))
                .extracting(n -> r.backoff(n).toSeconds())
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
    }

    @Test
    void ridesThroughAnOutageAndRecordsItInTheStatus() {
        AtomicInteger calls = new AtomicInteger();
        OutageRetry r = retry(Duration.ofMinutes(10));
        assertThat(r.call("put s3://b/k", () -> {
                    String result = flaky(5, calls).get();
                    assertThat(status.current())
                            .as("the outage is visible while it lasts")
                            .isPresent();
                    return result;
                }))
                .isEqualTo("ok");
        assertThat(calls).hasValue(6);
        assertThat(secondsSlept()).isEqualTo(1 + 2 + 4 + 8 + 16);
        assertThat(status.current()).isEmpty();
        assertThat(status.outagesRidden()).isEqualTo(1);
        assertThat(status.lastOutage()).isEqualTo(Duration.ofSeconds(31));
        assertThat(status.unavailable()).isFalse();
        assertThat(status.healthData())
                .containsEntry("objectStore", "available")
                .containsEntry("objectStoreOutagesRidden", 1L);
    }

    @Test
    void duringTheOutageTheStatusNamesTheOperationAndTheError() {
        status.failed("put s3://b/run/step-5/manifest.json", "connection refused");
        nanos.addAndGet(Duration.ofSeconds(42).toNanos());
        assertThat(status.unavailable()).isTrue();
        assertThat(status.healthData())
                .containsEntry("objectStore", "unavailable")
                .containsEntry("objectStoreUnavailableSeconds", 42L)
                .containsEntry("objectStoreOperation", "put s3://b/run/step-5/manifest.json")
                .containsEntry("objectStoreError", "connection refused");
    }

    @Test
    void givesUpWhenTheOutageOutlastsTheToleranceAndSaysSo() {
        AtomicInteger calls = new AtomicInteger();
        OutageRetry r = retry(Duration.ofSeconds(60));
        assertThatThrownBy(() -> r.call("put s3://b/k", flaky(1000, calls)))
                .isInstanceOf(ObjectStoreOutageException.class)
                .hasMessageStartingWith(
                        "the object store has been unavailable for 1m00s, longer than the tolerated 1m00s")
                .hasMessageContaining("connection refused");
        assertThat(secondsSlept()).as("waits never run past the window").isEqualTo(60);
        assertThat(slept).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 29L);
        assertThat(status.gaveUpReason()).startsWith("the object store has been unavailable for 1m00s");
        assertThat(status.healthData()).containsEntry("objectStore", "gave up");
        assertThat(status.gaveUp("later")).as("reported once").isFalse();
        assertThat(status.gaveUpReason()).startsWith("the object store has been unavailable for 1m00s");
    }

    @Test
    void oneOutageIsOneWindowAcrossOperations() {
        OutageRetry r = retry(Duration.ofSeconds(20));
        status.failed("renew lease", "connection refused");
        nanos.addAndGet(Duration.ofSeconds(15).toNanos());
        AtomicInteger calls = new AtomicInteger();
        assertThatThrownBy(() -> r.call("put s3://b/k", flaky(1000, calls)))
                .isInstanceOf(ObjectStoreOutageException.class);
        assertThat(secondsSlept())
                .as("the outage began 15 s before this operation")
                .isEqualTo(5);
    }

    @Test
    void otherFailuresAreNotRetried() {
        AtomicInteger calls = new AtomicInteger();
        OutageRetry r = retry(Duration.ofMinutes(10));
        assertThatThrownBy(() -> r.call("get s3://b/k", () -> {
                    calls.incrementAndGet();
                    throw new ObjectNotFoundException(S3Uri.parse("s3://bucket/k"));
                }))
                .isInstanceOf(ObjectNotFoundException.class);
        assertThat(calls).hasValue(1);
        assertThat(slept).isEmpty();
        assertThat(status.unavailable()).isFalse();
    }

    @Test
    void stoppingEndsTheWaitWithoutTheOutageVerdict() {
        AtomicInteger calls = new AtomicInteger();
        OutageRetry r = retry(Duration.ofMinutes(10));
        assertThatThrownBy(() -> r.call("put s3://b/k", () -> {
                    if (calls.incrementAndGet() == 2) {
                        stopping.set(true);
                    }
                    return flaky(1000, new AtomicInteger()).get();
                }))
                .isExactlyInstanceOf(ObjectStoreUnavailableException.class)
                .hasMessageStartingWith("put s3://b/k abandoned: stopping while the object store is unavailable");
        assertThat(calls).hasValue(2);
        assertThat(status.gaveUpReason()).isEmpty();
    }

    @Test
    void oneLogLinePerBackoffStepHoweverManyThreadsWait() {
        status.failed("a", "down");
        assertThat(status.claimLogLine(Duration.ofSeconds(4)))
                .as("the first failure is logged")
                .isTrue();
        assertThat(status.claimLogLine(Duration.ofSeconds(1)))
                .as("a second waiter in the same step")
                .isFalse();
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(status.claimLogLine(Duration.ofSeconds(8))).isTrue();
        assertThat(status.claimLogLine(Duration.ofSeconds(8))).isFalse();
    }

    @Test
    void aRidingStoreRetriesItsOperationsThroughTheOutage() {
        ObjectStoreConfig config = ObjectStoreConfig.builder()
                .setEndpoint("http://127.0.0.1:1")
                .setAccessKey("access")
                .setSecretKey("secret")
                .optMaxAttempts(1)
                .build();
        try (ObjectStore plain = ObjectStore.connect(config)) {
            ObjectStore riding = plain.riding(retry(Duration.ofSeconds(3)));
            assertThatThrownBy(() -> plain.put(S3Uri.parse("s3://bucket/k"), new byte[] {1}, null))
                    .isExactlyInstanceOf(ObjectStoreUnavailableException.class);
            assertThat(slept).as("the plain client does not ride").isEmpty();
            assertThatThrownBy(() -> riding.put(S3Uri.parse("s3://bucket/k"), new byte[] {1}, null))
                    .isInstanceOf(ObjectStoreOutageException.class)
                    .hasMessageContaining("put s3://bucket/k");
            assertThat(slept).extracting(Duration::toSeconds).containsExactly(1L, 2L);
        }
    }
}
