package dev.simclr.launcher.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a stop request instead of an immediate JVM exit, so the launcher can stop its services
 * before the Kafka broker inside it and the S3 server they write to (the trainer's final checkpoint needs both). The
 * services run in sessions of their own, so the terminal's Ctrl-C reaches only the launcher. A second Ctrl-C runs
 * {@code force} (kill everything).
 */
final class StopSignal {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicInteger count = new AtomicInteger();
    private volatile Runnable onFirst = () -> {};
    private volatile Runnable force = () -> {};

    /** Installs the handlers. */
    static StopSignal install() {
        StopSignal s = new StopSignal();
        for (String name : new String[] {"INT", "TERM", "HUP"}) {
            try {
                Signal.handle(new Signal(name), sig -> s.fire());
            } catch (IllegalArgumentException unavailable) {
                // this platform has no such signal
            }
        }
        return s;
    }

    /** What to run (once) on the first signal, e.g. print "stopping...". */
    void onFirst(Runnable r) {
        this.onFirst = r;
    }

    /** What to run on the second signal. */
    void onForce(Runnable r) {
        this.force = r;
    }

    void fire() {
        int n = count.incrementAndGet();
        if (n == 1) {
            requested.countDown();
            onFirst.run();
        } else if (n == 2) {
            force.run();
        }
    }

    /** Whether a stop was requested. */
    boolean requested() {
        return requested.getCount() == 0;
    }

    /** Waits up to {@code millis}; true when a stop was requested. */
    boolean await(long millis) {
        try {
            return requested.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
