package dev.simclr.localstack;

import java.nio.file.Path;

/**
 * Test helper run in its own JVM by {@link NoOrphanIT}: starts an {@link EmbeddedS3}, prints the s3proxy PID, then
 * either waits to be killed ({@code wait}) or exits without closing ({@code exit}).
 */
public final class OrphanProbeMain {

    private OrphanProbeMain() {}

    /**
     * Entry point.
     *
     * @param args data directory, then {@code wait} or {@code exit}
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        EmbeddedS3 s3 = EmbeddedS3.start(Path.of(args[0]));
        System.out.println("S3PROXY_PID=" + s3.pid());
        System.out.flush();
        if ("exit".equals(args[1])) {
            System.exit(0);
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
