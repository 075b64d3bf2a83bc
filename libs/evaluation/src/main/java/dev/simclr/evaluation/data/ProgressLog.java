package dev.simclr.evaluation.data;

import dev.simclr.contracts.Durations;
import java.util.Locale;
import org.slf4j.Logger;

/** Progress lines for long loops: done/total, rate and ETA, at most one line per interval (and one at the end). */
public final class ProgressLog {

    private final Logger log;
    private final String what;
    private final String unit;
    private final long total;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastLog = start;

    /**
     * A progress log.
     *
     * @param log where lines go (INFO)
     * @param what what is being done, e.g. {@code features fashion-mnist/train}
     * @param unit what is counted, e.g. {@code images}
     * @param total the count at the end
     * @param intervalSeconds least time between two lines
     */
    public ProgressLog(Logger log, String what, String unit, long total, double intervalSeconds) {
        this.log = log;
        this.what = what;
        this.unit = unit;
        this.total = total;
        this.intervalNanos = (long) (intervalSeconds * 1e9);
    }

    /** Reports {@code done} units; logs when the interval has passed or {@code done == total}. */
    public void update(long done) {
        update(done, "");
    }

    /** As {@link #update(long)}, with extra text (e.g. a loss) appended to the line. */
    public void update(long done, String extra) {
        long now = System.nanoTime();
        if (done < total && now - lastLog < intervalNanos) {
            return;
        }
        lastLog = now;
        double seconds = Math.max((now - start) / 1e9, 1e-9);
        double rate = done / seconds;
        String eta = Durations.compact(rate > 0 ? (total - done) / rate : Double.NaN);
        log.info(
                "{}: {}/{} {}, {} {}/s, elapsed {}, ETA {}{}",
                what,
                done,
                total,
                unit,
                String.format(Locale.ROOT, "%.1f", rate),
                unit,
                Durations.seconds(seconds),
                eta,
                extra);
    }

    /** Seconds since this log was created. */
    public double elapsedSeconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
