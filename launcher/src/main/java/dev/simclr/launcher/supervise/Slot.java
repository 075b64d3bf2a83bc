package dev.simclr.launcher.supervise;

import java.time.Instant;

/** One supervised child and what the {@link Supervisor} knows about it (guarded by the supervisor). */
final class Slot {

    final Child child;
    final ChildWatch watch;
    final RestartHistory history;
    /** When the pending restart is due; null when none is pending. */
    Instant restartAt;

    int restarts;
    String lastFailure = "";
    Instant lastFailureAt;
    /** Failed and not to be restarted: the stack is stopping because of it. */
    boolean failedForGood;

    Slot(Child child, ChildWatch watch, RestartHistory history) {
        this.child = child;
        this.watch = watch;
        this.history = history;
    }

    /** The supervision.json entry. */
    SupervisionState.Entry entry() {
        return new SupervisionState.Entry(child.name(), child.pid(), state(), restarts, lastFailure, lastFailureAt);
    }

    private SupervisionState.State state() {
        if (restartAt != null) {
            return SupervisionState.State.RESTART_PENDING;
        }
        if (failedForGood || watch.phase() == ChildWatch.Phase.FAILED) {
            return SupervisionState.State.FAILED;
        }
        if (watch.phase() == ChildWatch.Phase.STARTING) {
            return SupervisionState.State.STARTING;
        }
        return watch.notReady() ? SupervisionState.State.NOT_READY : SupervisionState.State.RUNNING;
    }
}
