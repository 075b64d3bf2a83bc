package dev.simclr.launcher.stack;

import dev.simclr.launcher.supervise.Child;
import dev.simclr.launcher.supervise.Health;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The S3 server as a supervised child: alive while its process runs, UP while its port answers HTTP (any status:
 * s3proxy has no health endpoint), restarted on the same data directory, port and credentials.
 */
final class S3Child implements Child {

    private final Infrastructure infra;

    S3Child(Infrastructure infra) {
        this.infra = infra;
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public long pid() {
        return infra.s3().pid();
    }

    @Override
    public boolean isAlive() {
        return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public int exitCode() {
        return -1;
    }

    @Override
    public Health liveness() {
        return Http.get(infra.s3().endpoint() + "/", Duration.ofSeconds(3)).isPresent()
                ? Health.up()
                : Health.noAnswer();
    }

    @Override
    public Health readiness() {
        return liveness();
    }

    @Override
    public Path logFile() {
        return infra.s3().dataDir().resolve("s3proxy.log");
    }

    @Override
    public String logTail(int lines) {
        return LogTail.of(logFile(), lines);
    }

    @Override
    public void restart() {
        infra.restartS3();
    }
}
