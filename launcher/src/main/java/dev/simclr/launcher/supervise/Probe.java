package dev.simclr.launcher.supervise;

/**
 * One look at a child: whether its process runs and what its health endpoints answered.
 *
 * @param alive whether the process runs
 * @param exitCode its exit code once it has exited (else -1)
 * @param liveness the liveness answer (NO_ANSWER when not asked)
 * @param readiness the readiness answer (NO_ANSWER when not asked)
 */
public record Probe(boolean alive, int exitCode, Health liveness, Health readiness) {

    /** A process that has exited. */
    public static Probe exited(int exitCode) {
        return new Probe(false, exitCode, Health.noAnswer(), Health.noAnswer());
    }

    /** A running process with these answers. */
    public static Probe running(Health liveness, Health readiness) {
        return new Probe(true, -1, liveness, readiness);
    }

    /** Looks at {@code child}: readiness is asked only when liveness is UP. */
    public static Probe of(Child child) {
        if (!child.isAlive()) {
            return exited(child.exitCode());
        }
        Health live = child.liveness();
        return running(live, live.isUp() ? child.readiness() : Health.noAnswer());
    }
}
