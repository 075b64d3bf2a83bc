package dev.simclr.launcher.images;

import dev.simclr.contracts.Durations;
import dev.simclr.launcher.Console;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar with rate and ETA: redrawn in place twice a second on a terminal, one line every 10 seconds otherwise
 * (logs, CI).
 */
public final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 30;

    private final Console console;
    private final String label;
    private final long total;
    private final boolean terminal;
    private final AtomicLong done = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private final Thread ticker;
    private volatile boolean finished;

    /** Starts drawing. */
    public ProgressBar(Console console, String label, long total, boolean terminal) {
        this.console = console;
        this.label = label;
        this.total = total;
        this.terminal = terminal;
        this.ticker = new Thread(this::tick, "progress-bar");
        ticker.setDaemon(true);
        ticker.start();
    }

    /** Counts one more item. */
    public void advance() {
        done.incrementAndGet();
    }

    /** Sets the count (monotonic callers, e.g. cumulative batch counts). */
    public void set(long count) {
        done.set(count);
    }

    /** Items counted so far. */
    public long done() {
        return done.get();
    }

    private void tick() {
        long interval = terminal ? 500 : 10_000;
        while (!finished) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException e) {
                return;
            }
            if (!finished) {
                draw(false);
            }
        }
    }

    private synchronized void draw(boolean last) {
        String text = render(label, done.get(), total, Duration.ofNanos(System.nanoTime() - startNanos));
        if (terminal) {
            console.raw("\r" + text + (last ? System.lineSeparator() : ""));
        } else {
            console.line(text);
        }
    }

    /** One progress line, e.g. {@code upload [=====> ] 12,000/60,000 (20.0%) 1,234/s ETA 0:39}. */
    static String render(String label, long done, long total, Duration elapsed) {
        double frac = total > 0 ? Math.min(1.0, (double) done / total) : 1.0;
        int filled = (int) Math.round(frac * WIDTH);
        StringBuilder bar = new StringBuilder(label).append(" [");
        for (int i = 0; i < WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        double secs = Math.max(1e-3, elapsed.toNanos() / 1e9);
        double rate = done / secs;
        String eta = rate > 0 && done < total
                ? Durations.clock(Duration.ofSeconds((long) Math.ceil((total - done) / rate)))
                : "--:--";
        return bar.append("] ")
                .append(Console.count(done))
                .append('/')
                .append(Console.count(total))
                .append(String.format(Locale.ROOT, " (%.1f%%) %,.0f/s ETA %s", frac * 100, rate, eta))
                .toString();
    }

    /** Draws the final state and stops. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        finished = true;
        ticker.interrupt();
        draw(true);
    }
}
