package dev.simclr.launcher.supervise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's decisions with fake children and a hand-moved clock; {@link Supervisor#tick()} driven by the test.
 */
class SupervisorTest {

    private final FakeClock clock = new FakeClock();
    private final FakeChild s3 = new FakeChild("s3").healthy();
    private final FakeChild trainer = new FakeChild("trainer");
    private final List<String> said = new ArrayList<>();
    private final List<SupervisionState> states = new ArrayList<>();

    private Supervisor supervisor(SupervisionPolicy policy) {
        return new Supervisor(List.of(s3, trainer), List.of("s3"), policy, clock, said::add, states::add);
    }

    private Supervisor started() {
        Supervisor s = supervisor(SupervisionPolicy.DEFAULT);
        trainer.healthy();
        s.tick();
        assertThat(s.allReady()).isTrue();
        said.clear();
        return s;
    }

    private SupervisionState.Entry last(String name) {
        return states.get(states.size() - 1).process(name).orElseThrow();
    }

    @Test
    void readyOnceEveryChildWasReady() {
        Supervisor s = supervisor(SupervisionPolicy.DEFAULT);
        s.tick();
        assertThat(s.allReady()).isFalse();
        clock.advanceSeconds(14);
        trainer.healthy();
        s.tick();
        assertThat(s.allReady()).isTrue();
        assertThat(said).containsExactly("trainer ready (14.0 s)");
        assertThat(s.awaitReady(() -> false)).isTrue();
        assertThat(last("trainer").state()).isEqualTo(SupervisionState.State.RUNNING);
    }

    @Test
    void aServiceThatFailsWhileStartingEndsTheStackWithItsReasonAndIsNotRestarted() {
        Supervisor s = supervisor(SupervisionPolicy.DEFAULT);
        trainer.liveness = Health.down("trainer-thread DOWN: phase=FAILED, lastError=model mismatch");
        s.tick();
        clock.advanceSeconds(10);
        s.tick();
        assertThat(s.failure())
                .contains("trainer failed while starting: liveness DOWN for 10s: trainer-thread DOWN:"
                        + " phase=FAILED, lastError=model mismatch (the last lines of logs/trainer.log are above)");
        assertThat(said).hasSize(1);
        assertThat(said.get(0))
                .startsWith("trainer failed while starting (pid 100): liveness DOWN for 10s")
                .contains("last lines of logs/trainer.log:")
                .contains("  | line 2: the reason");
        assertThatThrownBy(() -> s.awaitReady(() -> false))
                .isInstanceOf(StackFailure.class)
                .hasMessageStartingWith("trainer failed while starting: liveness DOWN");
        clock.advanceSeconds(60);
        s.tick();
        assertThat(trainer.restarts).isZero();
        assertThat(last("trainer").state()).isEqualTo(SupervisionState.State.FAILED);
        assertThat(last("trainer").lastFailure()).startsWith("liveness DOWN for 10s");
    }

    @Test
    void aDeadProcessIsReportedAtOnceAndRestartedAfterTheBackoff() {
        Supervisor s = started();
        trainer.exits(137);
        s.tick();
        assertThat(said).hasSize(2);
        assertThat(said.get(0))
                .startsWith("trainer failed (pid 100): exited with code 137")
                .contains("  | line 1");
        assertThat(said.get(1)).isEqualTo("restarting trainer in 2s (failure 1 within 10m00s; at most 3 restarts)");
        assertThat(last("trainer").state()).isEqualTo(SupervisionState.State.RESTART_PENDING);
        clock.advance(Duration.ofMillis(1999));
        s.tick();
        assertThat(trainer.restarts).as("not before the backoff").isZero();
        clock.advance(Duration.ofMillis(1));
        s.tick();
        assertThat(trainer.restarts).isEqualTo(1);
        assertThat(said).contains("trainer restarted (pid 101, restart 1)");
        assertThat(last("trainer"))
                .extracting(
                        SupervisionState.Entry::pid, SupervisionState.Entry::state, SupervisionState.Entry::restarts)
                .containsExactly(101L, SupervisionState.State.STARTING, 1);
        clock.advanceSeconds(20);
        trainer.healthy();
        s.tick();
        assertThat(said.get(said.size() - 1)).isEqualTo("trainer ready again after its restart (20.0 s)");
        assertThat(last("trainer").state()).isEqualTo(SupervisionState.State.RUNNING);
        assertThat(last("trainer").lastFailure()).isEqualTo("exited with code 137");
        assertThat(s.failure()).isEmpty();
    }

    @Test
    void anExitIsToldBeforeTheHealthOfTheOthersIsAsked() {
        Supervisor s = started();
        s3.journal = said;
        trainer.exits(143);
        s.tick();
        assertThat(said.get(0)).startsWith("trainer failed (pid 100): exited with code 143");
        assertThat(said).contains("s3 liveness asked");
    }

    @Test
    void theS3ServerIsRestartedLikeAService() {
        Supervisor s = started();
        s3.exits(137);
        s.tick();
        clock.advanceSeconds(2);
        s.tick();
        assertThat(s3.restarts).isEqualTo(1);
        s3.healthy();
        s.tick();
        assertThat(said).contains("s3 restarted (pid 101, restart 1)", "s3 ready again after its restart (0.0 s)");
    }

    @Test
    void readinessDownIsReportedOnceWithItsReasonAndNeverRestarted() {
        Supervisor s = started();
        trainer.readiness = Health.down("trainer-input DOWN: lastError=S3 unavailable");
        for (int i = 0; i < 600; i++) {
            s.tick();
            clock.advanceSeconds(1);
        }
        assertThat(trainer.restarts).isZero();
        assertThat(said)
                .containsExactly("trainer not ready for 30s, alive (no restart; a dependency may be down):"
                        + " trainer-input DOWN: lastError=S3 unavailable");
        assertThat(last("trainer").state()).isEqualTo(SupervisionState.State.NOT_READY);
        trainer.readiness = Health.up();
        s.tick();
        assertThat(said.get(1)).isEqualTo("trainer ready again (was not ready for 10m00s)");
    }

    @Test
    void livenessDownBeyondTheGraceRestarts() {
        Supervisor s = started();
        trainer.liveness = Health.down("trainer-thread DOWN: phase=FAILED");
        s.tick();
        clock.advanceSeconds(9);
        s.tick();
        assertThat(said).isEmpty();
        clock.advanceSeconds(1);
        s.tick();
        assertThat(said.get(0))
                .startsWith("trainer failed (pid 100): liveness DOWN for 10s: trainer-thread DOWN: phase=FAILED");
        clock.advanceSeconds(2);
        s.tick();
        assertThat(trainer.restarts).isEqualTo(1);
    }

    @Test
    void givesUpAfterMaxRestartsFailuresInTheWindowAndSaysWhy() {
        Supervisor s = started();
        for (int failure = 1; failure <= 3; failure++) {
            trainer.exits(1);
            s.tick();
            clock.advance(SupervisionPolicy.DEFAULT.backoffAfter(failure));
            s.tick();
            assertThat(trainer.restarts).isEqualTo(failure);
            trainer.healthy();
            s.tick();
            clock.advanceSeconds(30);
        }
        assertThat(s.failure()).isEmpty();
        trainer.exits(1);
        s.tick();
        assertThat(s.failure())
                .contains("gave up on trainer: 4 failures within 10m00s (at most 3 restarts); last: exited"
                        + " with code 1");
        assertThat(said.get(said.size() - 1))
                .startsWith("giving up: gave up on trainer")
                .endsWith("; stopping the stack");
        clock.advanceSeconds(120);
        s.tick();
        assertThat(trainer.restarts).isEqualTo(3);
        assertThat(last("trainer"))
                .extracting(SupervisionState.Entry::state, SupervisionState.Entry::restarts)
                .containsExactly(SupervisionState.State.FAILED, 3);
        assertThatThrownBy(s::throwIfFailed)
                .isInstanceOf(StackFailure.class)
                .hasMessageStartingWith("gave up on trainer");
    }

    @Test
    void aRestartThatCannotStartCountsAsAFailureAndIsRetriedWithALongerBackoff() {
        Supervisor s = started();
        s3.exits(137);
        s3.restartFailure = new IllegalStateException("s3proxy exited before answering");
        s.tick();
        clock.advanceSeconds(2);
        s.tick();
        assertThat(s3.restarts).isEqualTo(1);
        assertThat(said)
                .anyMatch(l -> l.startsWith("s3 failed while starting (pid 100): restart failed: s3proxy exited"));
        assertThat(said.get(said.size() - 1))
                .isEqualTo("restarting s3 in 4s (failure 2 within 10m00s; at most 3 restarts)");
        s3.restartFailure = null;
        clock.advanceSeconds(4);
        s.tick();
        assertThat(s3.restarts).isEqualTo(2);
        assertThat(s.failure()).isEmpty();
    }

    @Test
    void awaitReadyReturnsFalseWhenAStopIsRequested() {
        Supervisor s = supervisor(SupervisionPolicy.DEFAULT);
        s.tick();
        assertThat(s.awaitReady(() -> true)).isFalse();
    }

    @Test
    void closingStopsTheThreadWithoutTouchingTheChildren() throws Exception {
        Supervisor s = supervisor(SupervisionPolicy.DEFAULT);
        trainer.healthy();
        s.start();
        s.close();
        trainer.exits(1);
        s.tick();
        assertThat(trainer.restarts).isZero();
        assertThat(said).noneMatch(l -> l.contains("failed"));
    }
}
