package dev.simclr.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunLeaseTest {

    /** A lease object in memory. */
    static final class MemoryStore implements LeaseStore {
        byte[] data;

        @Override
        public Optional<byte[]> read() {
            return Optional.ofNullable(data);
        }

        @Override
        public void write(byte[] d) {
            data = d.clone();
        }

        @Override
        public void delete() {
            data = null;
        }
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        Instant now = Instant.parse("2026-05-01T12:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MemoryStore store = new MemoryStore();
    private final MutableClock clock = new MutableClock();

    private RunLease lease(String holder) {
        return new RunLease(store, "run-1", holder, Duration.ofSeconds(30), clock);
    }

    @Test
    void aSecondTrainerIsRefusedWhileTheHeartbeatIsFresh() {
        lease("pod-a").acquire();
        clock.now = clock.now.plusSeconds(20);
        assertThatThrownBy(() -> lease("pod-b").acquire())
                .isInstanceOf(LeaseHeldException.class)
                .hasMessage(
                        "run 'run-1' is being trained by 'pod-a' (lease heartbeat 20 s ago, ttl 30 s): only one"
                                + " trainer may write a run's checkpoints; stop the other trainer or wait until its lease expires");
        assertThat(lease("pod-a").current().orElseThrow().holder()).isEqualTo("pod-a");
    }

    @Test
    void anExpiredLeaseIsTakenOverAndTheOldHolderNoticesAtItsNextCheck() {
        RunLease a = lease("pod-a");
        a.acquire();
        clock.now = clock.now.plusSeconds(31);
        RunLease b = lease("pod-b");
        b.acquire();
        assertThat(b.current().orElseThrow().heartbeat()).isEqualTo(clock.now);
        assertThatThrownBy(a::renew).isInstanceOf(LeaseHeldException.class).hasMessageContaining("held by 'pod-b'");
        assertThatThrownBy(a::verify).isInstanceOf(LeaseHeldException.class);
        a.release();
        assertThat(store.data).as("releasing someone else's lease does nothing").isNotNull();
        b.release();
        assertThat(store.data).isNull();
    }

    @Test
    void theSameHolderRetakesItsLeaseAtOnceAndRenewalMovesTheHeartbeat() {
        lease("pod-a").acquire();
        clock.now = clock.now.plusSeconds(5);
        RunLease again = lease("pod-a");
        again.acquire();
        clock.now = clock.now.plusSeconds(9);
        again.renew();
        RunLease.Holder h = again.current().orElseThrow();
        assertThat(h.heartbeat()).isEqualTo(clock.now);
        assertThat(h.ttlSeconds()).isEqualTo(30);
        assertThat(h.runId()).isEqualTo("run-1");
        assertThat(again.renewEvery()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void aLeaseLapsesWhenItsHeartbeatCannotBeWrittenAndIsRenewedOnlyIfNobodyTookOver() {
        RunLease a = lease("pod-a");
        assertThat(a.lapsedFor()).as("not taken yet").isEmpty();
        a.acquire();
        clock.now = clock.now.plusSeconds(29);
        assertThat(a.lapsedFor()).isEmpty();
        clock.now = clock.now.plusSeconds(11);
        assertThat(a.lapsedFor())
                .as("10 s past the ttl without a heartbeat write")
                .contains(Duration.ofSeconds(10));
        a.renew();
        assertThat(a.lapsedFor()).as("nobody took over: renewed").isEmpty();

        clock.now = clock.now.plusSeconds(45);
        RunLease b = lease("pod-b");
        b.acquire();
        assertThat(a.lapsedFor()).contains(Duration.ofSeconds(15));
        assertThatThrownBy(a::renew).isInstanceOf(LeaseHeldException.class).hasMessageContaining("held by 'pod-b'");
        assertThat(a.lapsedFor()).as("a refused renewal writes nothing").isPresent();
        assertThat(b.current().orElseThrow().holder()).isEqualTo("pod-b");
    }

    @Test
    void anotherStoreKeepsTheHeartbeatItKnows() {
        RunLease a = lease("pod-a");
        a.acquire();
        RunLease viaOther = a.withStore(store);
        clock.now = clock.now.plusSeconds(31);
        assertThat(viaOther.lapsedFor()).contains(Duration.ofSeconds(1));
        viaOther.renew();
        assertThat(viaOther.lapsedFor()).isEmpty();
        assertThat(viaOther.holder()).isEqualTo("pod-a");
        assertThat(viaOther.ttl()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anUnreadableLeaseCountsAsExpiredAndAMissingOneAsLost() {
        store.data = "not json".getBytes(StandardCharsets.UTF_8);
        RunLease a = lease("pod-a");
        a.acquire();
        assertThat(a.current().orElseThrow().holder()).isEqualTo("pod-a");
        store.data = null;
        assertThatThrownBy(a::verify).hasMessageContaining("it is now missing");
        assertThatThrownBy(() -> new RunLease(store, "r", " ", Duration.ofSeconds(5), clock))
                .hasMessageContaining("holder id is required");
    }
}
