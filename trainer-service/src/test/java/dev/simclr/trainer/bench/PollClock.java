package dev.simclr.trainer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Splits a polling thread's wall and CPU time into inside {@code poll} (waiting for and reading fetch responses) and
 * outside it (the loop's own work between polls, including time the thread waits for a core): {@link #wrap} returns a
 * consumer that times every {@code poll} of the one thread that polls it.
 */
final class PollClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong inWall = new AtomicLong();
    private final AtomicLong inCpu = new AtomicLong();
    private final AtomicLong outWall = new AtomicLong();
    private final AtomicLong outCpu = new AtomicLong();
    private volatile long firstStartWall = -1;
    private volatile long firstEndWall = -1;
    private long lastEndWall = -1;
    private long lastEndCpu;

    @SuppressWarnings("unchecked")
    <K, V> Consumer<K, V> wrap(Consumer<K, V> consumer) {
        return (Consumer<K, V>) Proxy.newProxyInstance(
                Consumer.class.getClassLoader(), new Class<?>[] {Consumer.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("poll")) {
                        return invoke(consumer, method, args);
                    }
                    beforePoll();
                    try {
                        return invoke(consumer, method, args);
                    } finally {
                        afterPoll();
                    }
                });
    }

    void beforePoll() {
        long w = System.nanoTime();
        long c = THREADS.getCurrentThreadCpuTime();
        if (firstStartWall < 0) {
            firstStartWall = w;
        }
        if (lastEndWall >= 0) {
            outWall.addAndGet(w - lastEndWall);
            outCpu.addAndGet(c - lastEndCpu);
        }
        lastEndWall = w;
        lastEndCpu = c;
    }

    void afterPoll() {
        long w = System.nanoTime();
        long c = THREADS.getCurrentThreadCpuTime();
        inWall.addAndGet(w - lastEndWall);
        inCpu.addAndGet(c - lastEndCpu);
        if (polls.incrementAndGet() == 1) {
            firstEndWall = w;
        }
        lastEndWall = w;
        lastEndCpu = c;
    }

    /** As {@link #line()}, with when the first poll started and ended, in seconds after {@code t0}. */
    String line(long t0) {
        return String.format(
                        "first poll %.3f-%.3f s after start; ", (firstStartWall - t0) / 1e9, (firstEndWall - t0) / 1e9)
                + line();
    }

    /** One line: polls, wall and CPU seconds inside and outside poll. */
    String line() {
        return String.format(
                "%d polls; in poll %.2f s wall (%.2f s CPU), between polls %.2f s wall (%.2f s CPU)",
                polls.get(), inWall.get() / 1e9, inCpu.get() / 1e9, outWall.get() / 1e9, outCpu.get() / 1e9);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
