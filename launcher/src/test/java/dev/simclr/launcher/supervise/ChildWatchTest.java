package dev.simclr.launcher.supervise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Readiness versus liveness, grace periods and start timeout, on a hand-moved clock (policy: the defaults). */
class ChildWatchTest {

    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final Probe UP = Probe.running(Health.up(), Health.up());
    private static final Probe BOOTING = Probe.running(Health.noAnswer(), Health.noAnswer());
    private static final Probe NOT_READY = Probe.running(Health.up(), Health.down("object-store DOWN: error=refused"));
    private static final Probe LIVE_DOWN =
            Probe.running(Health.down("trainer-thread DOWN: phase=FAILED"), Health.noAnswer());

    private final ChildWatch watch = new ChildWatch(SupervisionPolicy.DEFAULT, T0, false);

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void becomesReadyWhenReadinessFirstSaysUp() {
        assertThat(watch.observe(BOOTING, at(5))).isEmpty();
        assertThat(watch.observe(NOT_READY, at(10))).isEmpty();
        assertThat(watch.observe(UP, at(12))).contains(new ChildWatch.Ready(Duration.ofSeconds(12), false));
        assertThat(watch.phase()).isEqualTo(ChildWatch.Phase.RUNNING);
        assertThat(watch.everReady()).isTrue();
        assertThat(watch.observe(UP, at(13))).isEmpty();
    }

    @Test
    void anExitFailsAtOnceAndSaysWhetherItWasStarting() {
        assertThat(watch.observe(Probe.exited(1), at(3))).contains(new ChildWatch.Failed("exited with code 1", true));
        assertThat(watch.phase()).isEqualTo(ChildWatch.Phase.FAILED);
        assertThat(watch.observe(UP, at(4))).as("nothing more until restarted").isEmpty();

        ChildWatch running = new ChildWatch(SupervisionPolicy.DEFAULT, T0, true);
        assertThat(running.observe(Probe.exited(137), at(60)))
                .contains(new ChildWatch.Failed("exited with code 137", false));

        ChildWatch unknownCode = new ChildWatch(SupervisionPolicy.DEFAULT, T0, true);
        assertThat(unknownCode.observe(Probe.exited(-1), at(60))).contains(new ChildWatch.Failed("exited", false));
    }

    @Test
    void livenessDownFailsOnlyAfterItsGrace() {
        watch.observe(UP, at(10));
        assertThat(watch.observe(LIVE_DOWN, at(20))).isEmpty();
        assertThat(watch.observe(LIVE_DOWN, at(29))).isEmpty();
        assertThat(watch.observe(UP, at(30))).as("UP again resets the grace").isEmpty();
        assertThat(watch.observe(LIVE_DOWN, at(31))).isEmpty();
        assertThat(watch.observe(LIVE_DOWN, at(41)))
                .contains(new ChildWatch.Failed("liveness DOWN for 10s: trainer-thread DOWN: phase=FAILED", false));
    }

    @Test
    void livenessDownWhileStartingFailsTheStartAfterTheGraceNotAfterTheStartTimeout() {
        assertThat(watch.observe(BOOTING, at(8))).isEmpty();
        assertThat(watch.observe(LIVE_DOWN, at(15))).isEmpty();
        assertThat(watch.observe(LIVE_DOWN, at(25)))
                .contains(new ChildWatch.Failed("liveness DOWN for 10s: trainer-thread DOWN: phase=FAILED", true));
    }

    @Test
    void readinessDownWithLivenessUpIsReportedOnceAndNeverAFailure() {
        watch.observe(UP, at(10));
        assertThat(watch.observe(NOT_READY, at(100))).isEmpty();
        assertThat(watch.observe(NOT_READY, at(129))).isEmpty();
        assertThat(watch.observe(NOT_READY, at(130)))
                .contains(new ChildWatch.NotReady("object-store DOWN: error=refused"));
        assertThat(watch.notReady()).isTrue();
        for (long t = 131; t < 3600; t += 7) {
            assertThat(watch.observe(NOT_READY, at(t))).isEmpty();
        }
        assertThat(watch.phase()).isEqualTo(ChildWatch.Phase.RUNNING);
        assertThat(watch.observe(UP, at(3700))).contains(new ChildWatch.ReadyAgain(Duration.ofSeconds(3600)));
        assertThat(watch.notReady()).isFalse();
    }

    @Test
    void aShortReadinessDipIsNotReported() {
        watch.observe(UP, at(10));
        assertThat(watch.observe(NOT_READY, at(20))).isEmpty();
        assertThat(watch.observe(UP, at(45))).isEmpty();
        assertThat(watch.observe(NOT_READY, at(46))).isEmpty();
        assertThat(watch.observe(NOT_READY, at(75)))
                .as("the grace starts again")
                .isEmpty();
    }

    @Test
    void silenceIsBootingWhileStartingButAFailureOnceRunning() {
        assertThat(watch.observe(BOOTING, at(1))).isEmpty();
        assertThat(watch.observe(BOOTING, at(200))).isEmpty();
        watch.observe(UP, at(210));
        assertThat(watch.observe(BOOTING, at(220))).isEmpty();
        assertThat(watch.observe(BOOTING, at(279))).isEmpty();
        assertThat(watch.observe(BOOTING, at(280)))
                .contains(new ChildWatch.Failed("no answer on its health endpoint for 1m00s", false));
    }

    @Test
    void notReadyWithinTheStartTimeoutFailsWithTheReadinessReason() {
        assertThat(watch.observe(NOT_READY, at(299))).isEmpty();
        assertThat(watch.observe(NOT_READY, at(300)))
                .contains(new ChildWatch.Failed(
                        "not ready within 5m00s (readiness: object-store DOWN: error=refused)", true));
    }

    @Test
    void aRestartStartsTheWatchAgain() {
        watch.observe(UP, at(10));
        watch.observe(Probe.exited(137), at(20));
        watch.restarted(at(30));
        assertThat(watch.phase()).isEqualTo(ChildWatch.Phase.STARTING);
        assertThat(watch.everReady()).isTrue();
        Optional<ChildWatch.Event> e = watch.observe(UP, at(45));
        assertThat(e).contains(new ChildWatch.Ready(Duration.ofSeconds(15), true));
    }
}
