package dev.simclr.contracts;

import java.time.Duration;
import java.util.Locale;

/**
 * The one place durations become text, for every log line, health reason and CLI line that shows an elapsed time, a
 * timeout or an ETA.
 */
public final class Durations {

    private Durations() {}

    /**
     * A short human duration in whole seconds, cut down: {@code 42s}, {@code 3m07s}, {@code 1h02m}; a negative duration
     * is {@code 0s}.
     */
    public static String compact(Duration d) {
        return compact(Math.max(0, d.toSeconds()));
    }

    /**
     * {@link #compact(Duration)} of a number of seconds, rounded to the nearest second: {@code 42s}, {@code 3m05s},
     * {@code 1h02m}; {@code ?} when unknown (NaN, infinite or negative), as an ETA that cannot be estimated yet.
     */
    public static String compact(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "?";
        }
        return compact(Math.round(seconds));
    }

    private static String compact(long s) {
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60);
    }

    /**
     * A clock reading, {@code mm:ss} or {@code h:mm:ss}, as in progress bars and stamped lines; negative is
     * {@code 00:00}.
     */
    public static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    /** Seconds with one decimal, for measured times: {@code 12.3 s}. */
    public static String seconds(Duration d) {
        return seconds(d.toNanos() / 1e9);
    }

    /** {@link #seconds(Duration)} of a number of seconds: {@code 12.3 s}. */
    public static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f s", seconds);
    }
}
