package dev.simclr.launcher.supervise;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The failures of one child within the policy's restart window, and what to do about a new one: restart after a backoff
 * that doubles with every failure in the window, or give up once {@code maxRestarts} restarts in the window did not
 * help.
 */
public final class RestartHistory {

    /**
     * What to do after a failure.
     *
     * @param giveUp true: stop the stack instead of restarting
     * @param delay how long to wait before the restart (zero when giving up)
     * @param failuresInWindow failures within the window, this one included
     */
    public record Decision(boolean giveUp, Duration delay, int failuresInWindow) {}

    private final SupervisionPolicy policy;
    private final Deque<Instant> failures = new ArrayDeque<>();

    public RestartHistory(SupervisionPolicy policy) {
        this.policy = policy;
    }

    /** Records a failure at {@code now} and decides. */
    public Decision failed(Instant now) {
        Instant oldest = now.minus(policy.restartWindow());
        while (!failures.isEmpty() && !failures.peekFirst().isAfter(oldest)) {
            failures.removeFirst();
        }
        failures.addLast(now);
        int n = failures.size();
        if (n > policy.maxRestarts()) {
            return new Decision(true, Duration.ZERO, n);
        }
        return new Decision(false, policy.backoffAfter(n), n);
    }
}
