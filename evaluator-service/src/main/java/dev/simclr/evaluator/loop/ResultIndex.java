package dev.simclr.evaluator.loop;

import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.RunLayout;
import dev.simclr.objectstore.ObjectNotFoundException;
import dev.simclr.objectstore.S3Uri;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the read API serves: the stored results ({@code eval.json}) and the steps that have an {@code embedding.json},
 * per run. Built by listing the bucket, refreshed when older than {@code refresh} (so results written by other
 * evaluator instances appear), and updated at once by the local worker. Runs seen in events but not yet evaluated are
 * listed too.
 */
public final class ResultIndex {

    private static final Logger LOG = LoggerFactory.getLogger(ResultIndex.class);
    private static final long MAX_JSON_BYTES = 1024 * 1024;
    private static final long MAX_EMBEDDING_BYTES = 64L * 1024 * 1024;

    private final ArtefactStore store;
    private final ArtefactLayout layout;
    private final long refreshNanos;
    private final LongSupplier clock;
    private final Map<String, TreeMap<Long, EvalResult>> results = new TreeMap<>();
    private final Map<String, TreeSet<Long>> embeddings = new TreeMap<>();
    private final Set<S3Uri> unreadable = new HashSet<>();
    private final Set<String> seen = new TreeSet<>();
    private long scannedAt;
    private boolean scanned;

    /** An index of {@code store}'s bucket. */
    public ResultIndex(ArtefactStore store, ArtefactLayout layout, Duration refresh, LongSupplier clock) {
        this.store = store;
        this.layout = layout;
        this.refreshNanos = refresh.toNanos();
        this.clock = clock;
    }

    /** Records a result the local worker published (its embedding was written before it). */
    public synchronized void add(EvalResult result) {
        results.computeIfAbsent(result.runId(), r -> new TreeMap<>()).put(result.step(), result);
        embeddings.computeIfAbsent(result.runId(), r -> new TreeSet<>()).add(result.step());
    }

    /** Records a run id seen in an event. */
    public synchronized void seen(String runId) {
        seen.add(runId);
    }

    /** Run ids with results, or seen in events, sorted. */
    public synchronized List<RunSummary> runs() {
        refresh();
        Set<String> all = new TreeSet<>(seen);
        all.addAll(results.keySet());
        List<RunSummary> out = new ArrayList<>();
        for (String run : all) {
            TreeMap<Long, EvalResult> r = results.getOrDefault(run, new TreeMap<>());
            out.add(new RunSummary(run, r.size(), r.isEmpty() ? null : r.lastKey()));
        }
        return out;
    }

    /** The results of a run, by step; empty when there are none. */
    public synchronized List<EvalResult> results(String runId) {
        refresh();
        return List.copyOf(results.getOrDefault(runId, new TreeMap<>()).values());
    }

    /** True when the run has results or was seen in an event. */
    public synchronized boolean known(String runId) {
        refresh();
        return results.containsKey(runId) || seen.contains(runId);
    }

    /** The run's {@code reference.json}, if written. */
    public Optional<byte[]> reference(String runId) {
        try {
            return Optional.of(store.get(layout.reference(runId), MAX_JSON_BYTES));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The {@code embedding.json} of the run's newest step that has one. */
    public Optional<byte[]> latestEmbedding(String runId) {
        Long step;
        synchronized (this) {
            refresh();
            TreeSet<Long> steps = embeddings.get(runId);
            step = steps == null || steps.isEmpty() ? null : steps.last();
        }
        if (step == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(store.get(layout.embedding(runId, step), MAX_EMBEDDING_BYTES));
        } catch (ObjectNotFoundException e) {
            return Optional.empty();
        }
    }

    private void refresh() {
        long now = clock.getAsLong();
        if (scanned && now - scannedAt < refreshNanos) {
            return;
        }
        for (S3Uri uri : store.list(layout.root())) {
            layout.parse(uri).ifPresent(f -> {
                if (f.name().equals(RunLayout.EMBEDDING)) {
                    embeddings.computeIfAbsent(f.runId(), r -> new TreeSet<>()).add(f.step());
                } else if (f.name().equals(RunLayout.EVAL)
                        && !unreadable.contains(uri)
                        && !results.getOrDefault(f.runId(), new TreeMap<>()).containsKey(f.step())) {
                    read(uri);
                }
            });
        }
        scanned = true;
        scannedAt = now;
    }

    private void read(S3Uri uri) {
        try {
            EvalResult r = EvalResult.fromJson(store.get(uri, MAX_JSON_BYTES));
            results.computeIfAbsent(r.runId(), x -> new TreeMap<>()).put(r.step(), r);
        } catch (ContractException | ObjectNotFoundException e) {
            LOG.warn("ignoring {}: {}", uri, e.getMessage());
            unreadable.add(uri);
        }
    }

    /**
     * A run in the index.
     *
     * @param runId the run
     * @param evaluations stored results
     * @param latestStep newest evaluated step, or null
     */
    public record RunSummary(String runId, int evaluations, Long latestStep) {}
}
