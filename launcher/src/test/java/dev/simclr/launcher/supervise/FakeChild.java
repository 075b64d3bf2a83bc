package dev.simclr.launcher.supervise;

import java.nio.file.Path;

/** A child whose process state and health answers the test sets; restarts bring it back alive. */
final class FakeChild implements Child {

    private final String name;
    long pid = 100;
    boolean alive = true;
    int exitCode = -1;
    Health liveness = Health.noAnswer();
    Health readiness = Health.noAnswer();
    String log = "line 1\nline 2: the reason";
    int restarts;
    RuntimeException restartFailure;
    /** Where liveness probes are recorded, if anywhere. */
    java.util.List<String> journal;

    FakeChild(String name) {
        this.name = name;
    }

    /** Process runs, liveness and readiness UP. */
    FakeChild healthy() {
        alive = true;
        exitCode = -1;
        liveness = Health.up();
        readiness = Health.up();
        return this;
    }

    /** Process exited with {@code code}. */
    FakeChild exits(int code) {
        alive = false;
        exitCode = code;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public boolean isAlive() {
        return alive;
    }

    @Override
    public int exitCode() {
        return alive ? -1 : exitCode;
    }

    @Override
    public Health liveness() {
        if (journal != null) {
            journal.add(name + " liveness asked");
        }
        return liveness;
    }

    @Override
    public Health readiness() {
        return readiness;
    }

    @Override
    public Path logFile() {
        return Path.of("logs", name + ".log");
    }

    @Override
    public String logTail(int lines) {
        return log;
    }

    @Override
    public void restart() {
        restarts++;
        if (restartFailure != null) {
            throw restartFailure;
        }
        pid++;
        alive = true;
        exitCode = -1;
        liveness = Health.noAnswer();
        readiness = Health.noAnswer();
    }
}
