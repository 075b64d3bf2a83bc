package dev.simclr.launcher;

import dev.simclr.contracts.Durations;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * What the CLI prints: one-liners on stdout, optionally prefixed with the time since the command started, and a few
 * number formats shared by every command.
 */
public final class Console {

    private final PrintStream out;
    private final long startNanos;
    private final boolean stamped;

    private Console(PrintStream out, boolean stamped) {
        this.out = out;
        this.startNanos = System.nanoTime();
        this.stamped = stamped;
    }

    /** Plain lines on stdout. */
    public static Console plain() {
        return new Console(System.out, false);
    }

    /** Plain lines on stderr (commands whose stdout carries data, e.g. {@code embed}). */
    public static Console stderr() {
        return new Console(System.err, false);
    }

    /** Lines on stdout prefixed with {@code [mm:ss]} since this call. */
    public static Console stamped() {
        return new Console(System.out, true);
    }

    /** Prints one line (thread-safe). */
    public synchronized void line(String text) {
        out.println(stamped ? "[" + Durations.clock(elapsed()) + "] " + text : text);
        out.flush();
    }

    /** Writes raw text without a newline (progress bars). */
    public synchronized void raw(String text) {
        out.print(text);
        out.flush();
    }

    /** Time since this console was created. */
    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** A fraction as a percentage with one decimal: {@code 0.8512 -> "85.1%"}. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** An integer with thousands separators: {@code 60,000}. */
    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
