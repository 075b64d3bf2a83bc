package dev.simclr.trainer.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * The run's wall-time budget (training thread only). The budget counts from the wall-clock start of the run's first
 * step, which every manifest records, so a restarted trainer keeps counting. This process lets its first step and
 * {@code settleSteps} more pass untimed (warm-up: allocation, kernel selection, the input pipeline filling its
 * buffers), then times {@code measureSteps} steps, excluding checkpoint time, then derives the schedule length with
 * {@link BudgetMath#totalSteps}. The derived length is recorded in every later manifest ({@link #ATTRIBUTE}); a run
 * resumed from such a manifest keeps it and measures nothing.
 */
public final class TimeBudget {

    /** The manifest attribute holding {@link #toAttribute()}. */
    public static final String ATTRIBUTE = "timeBudget";

    private final Duration budget;
    private final int settleSteps;
    private final int measureSteps;
    private long processFirstStep = -1;
    private final long checkpointEvery;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private Instant firstStepAt;
    private Long totalSteps;
    private Double secondsPerStep;
    private Double checkpointSeconds;
    private Long derivedAtStep;
    private Instant derivedAt;
    private long windowStartNanos = -1;
    private long windowStartStep;
    private long windowCheckpointNanos;
    private long checkpointNanos;
    private int checkpoints;

    /**
     * A budget for a run, continuing what a resumed manifest recorded.
     *
     * @param budget the run's wall time, {@code > 0} (a resumed derived length keeps the budget it was derived from)
     * @param settleSteps steps after this process's first one that are not timed, {@code >= 0}
     * @param measureSteps steps to time before deriving, {@code >= 1}
     * @param checkpointEvery steps between checkpoints
     * @param resumed the {@link #ATTRIBUTE} of the manifest resumed from, or null (fresh run, or a run that had no
     *     budget so far: it counts from its next step)
     * @param clock wall clock (the first step's time survives restarts)
     * @param nanoTime monotonic clock for the measurement
     * @throws IllegalArgumentException when the resumed attribute is malformed
     */
    public TimeBudget(
            Duration budget,
            int settleSteps,
            int measureSteps,
            long checkpointEvery,
            Map<String, ?> resumed,
            Clock clock,
            LongSupplier nanoTime) {
        if (budget.isZero() || budget.isNegative() || measureSteps < 1 || settleSteps < 0) {
            throw new IllegalArgumentException("time budget: need a budget > 0, settle steps >= 0 and measure steps"
                    + " >= 1, got " + budget + ", " + settleSteps + ", " + measureSteps);
        }
        Double recorded = resumed == null ? null : number(resumed, "budgetSeconds");
        boolean derived = resumed != null && whole(resumed, "totalSteps") != null;
        // A derived length belongs to the budget it was derived from: keep that one on record.
        this.budget = derived && recorded != null ? Duration.ofMillis(Math.round(recorded * 1000)) : budget;
        this.settleSteps = settleSteps;
        this.measureSteps = measureSteps;
        this.checkpointEvery = checkpointEvery;
        this.clock = clock;
        this.nanoTime = nanoTime;
        if (resumed != null) {
            firstStepAt = instant(resumed, "firstStepAt");
            totalSteps = whole(resumed, "totalSteps");
            secondsPerStep = number(resumed, "secondsPerStep");
            checkpointSeconds = number(resumed, "checkpointSeconds");
            derivedAtStep = whole(resumed, "derivedAtStep");
            derivedAt = instant(resumed, "derivedAt");
        }
    }

    /** Returns the derived schedule length, once known (measured now or resumed). */
    public OptionalLong totalSteps() {
        return totalSteps == null ? OptionalLong.empty() : OptionalLong.of(totalSteps);
    }

    /** Returns the wall-clock start of the run's first step, or null before it. */
    public Instant firstStepAt() {
        return firstStepAt;
    }

    /** Returns the budget. */
    public Duration budget() {
        return budget;
    }

    /** Returns the measured seconds per step, or null before the measurement ended. */
    public Double secondsPerStep() {
        return secondsPerStep;
    }

    /** Returns wall time since the run's first step (zero before it). */
    public Duration elapsed() {
        return firstStepAt == null ? Duration.ZERO : Duration.between(firstStepAt, clock.instant());
    }

    /** Call before each step: the run's first step starts the budget. */
    public void beforeStep() {
        if (firstStepAt == null) {
            firstStepAt = clock.instant();
        }
    }

    /**
     * Call after each step.
     *
     * @param step the steps taken now
     * @return the derived schedule length when this step completed the measurement, else empty
     */
    public OptionalLong afterStep(long step) {
        if (totalSteps != null) {
            return OptionalLong.empty();
        }
        long now = nanoTime.getAsLong();
        if (processFirstStep < 0) {
            processFirstStep = step;
        }
        if (windowStartNanos < 0 && step - processFirstStep < settleSteps) {
            return OptionalLong.empty();
        }
        if (windowStartNanos < 0) {
            windowStartNanos = now;
            windowStartStep = step;
            windowCheckpointNanos = 0;
            return OptionalLong.empty();
        }
        long timed = step - windowStartStep;
        if (timed < measureSteps) {
            return OptionalLong.empty();
        }
        double seconds = Math.max(1, now - windowStartNanos - windowCheckpointNanos) / 1e9 / timed;
        double perCheckpoint = checkpoints == 0 ? 0 : checkpointNanos / 1e9 / checkpoints;
        totalSteps = BudgetMath.totalSteps(budget, elapsed(), step, seconds, perCheckpoint, checkpointEvery);
        secondsPerStep = seconds;
        checkpointSeconds = perCheckpoint;
        derivedAtStep = step;
        derivedAt = clock.instant();
        return OptionalLong.of(totalSteps);
    }

    /** Call after each checkpoint written by this process (its time is excluded from the step rate). */
    public void checkpointed(Duration took) {
        checkpointNanos += took.toNanos();
        checkpoints++;
        if (windowStartNanos >= 0 && totalSteps == null) {
            windowCheckpointNanos += took.toNanos();
        }
    }

    /**
     * The manifest attribute: {@code budgetSeconds}, {@code settleSteps}, {@code measureSteps}, {@code firstStepAt},
     * {@code totalSteps}, {@code secondsPerStep}, {@code checkpointSeconds}, {@code derivedAtStep}, {@code derivedAt}
     * (null until known).
     */
    public Map<String, Object> toAttribute() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("budgetSeconds", budget.toMillis() / 1000.0);
        m.put("settleSteps", settleSteps);
        m.put("measureSteps", measureSteps);
        m.put("firstStepAt", firstStepAt == null ? null : firstStepAt.toString());
        m.put("totalSteps", totalSteps);
        m.put("secondsPerStep", secondsPerStep);
        m.put("checkpointSeconds", checkpointSeconds);
        m.put("derivedAtStep", derivedAtStep);
        m.put("derivedAt", derivedAt == null ? null : derivedAt.toString());
        return m;
    }

    /** Reads the budget in seconds a manifest attribute was written with (NaN if absent). */
    public static double recordedBudgetSeconds(Map<String, ?> attribute) {
        Double d = number(attribute, "budgetSeconds");
        return d == null ? Double.NaN : d;
    }

    private static Instant instant(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(String.valueOf(v));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "checkpoint attribute '" + ATTRIBUTE + "." + key + "' must be an ISO-8601 instant, got " + v);
        }
    }

    private static Long whole(Map<String, ?> m, String key) {
        Double d = number(m, key);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || d < 1) {
            throw new IllegalArgumentException(
                    "checkpoint attribute '" + ATTRIBUTE + "." + key + "' must be an integer >= 1, got " + m.get(key));
        }
        return ((Number) m.get(key)).longValue();
    }

    private static Double number(Map<String, ?> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException(
                    "checkpoint attribute '" + ATTRIBUTE + "." + key + "' must be a number, got " + v);
        }
        return n.doubleValue();
    }
}
