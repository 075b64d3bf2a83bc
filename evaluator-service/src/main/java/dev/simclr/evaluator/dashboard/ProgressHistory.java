package dev.simclr.evaluator.dashboard;

import dev.simclr.contracts.TrainingProgress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The newest {@code simclr.progress} records per run, in memory and bounded: at most {@code maxPoints} per run (the
 * oldest go first) and {@code maxRuns} runs (the run updated longest ago goes first). A record whose step is at or
 * below the newest one held starts the surviving lineage of a restarted trainer (or repeats a record): the points from
 * that step on are replaced. Thread-safe.
 */
public final class ProgressHistory {

    /**
     * One run's history.
     *
     * @param latest the newest record
     * @param points the held records, oldest first, steps strictly increasing
     */
    public record RunProgress(TrainingProgress latest, List<TrainingProgress> points) {}

    private final int maxPoints;
    private final int maxRuns;
    private final LinkedHashMap<String, ArrayDeque<TrainingProgress>> runs = new LinkedHashMap<>();

    /**
     * An empty history.
     *
     * @param maxPoints records kept per run, {@code >= 2}
     * @param maxRuns runs kept, {@code >= 1}
     */
    public ProgressHistory(int maxPoints, int maxRuns) {
        if (maxPoints < 2 || maxRuns < 1) {
            throw new IllegalArgumentException(
                    "progress history: need at least 2 points and 1 run, got " + maxPoints + " and " + maxRuns);
        }
        this.maxPoints = maxPoints;
        this.maxRuns = maxRuns;
    }

    /** Adds a record. */
    public synchronized void add(TrainingProgress p) {
        ArrayDeque<TrainingProgress> points = runs.remove(p.runId());
        if (points == null) {
            points = new ArrayDeque<>();
        }
        runs.put(p.runId(), points); // now the most recently updated run
        while (!points.isEmpty() && points.peekLast().step() >= p.step()) {
            points.removeLast();
        }
        points.addLast(p);
        while (points.size() > maxPoints) {
            points.removeFirst();
        }
        Iterator<String> oldest = runs.keySet().iterator();
        while (runs.size() > maxRuns) {
            oldest.next();
            oldest.remove();
        }
    }

    /** A copy of one run's history, or empty when none is held. */
    public synchronized Optional<RunProgress> run(String runId) {
        ArrayDeque<TrainingProgress> points = runs.get(runId);
        if (points == null || points.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RunProgress(points.peekLast(), new ArrayList<>(points)));
    }

    /** The newest record of every run held, by run id. */
    public synchronized Map<String, TrainingProgress> latest() {
        Map<String, TrainingProgress> out = new LinkedHashMap<>();
        runs.forEach((run, points) -> out.put(run, points.peekLast()));
        return out;
    }
}
