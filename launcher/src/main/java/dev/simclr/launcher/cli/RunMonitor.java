package dev.simclr.launcher.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.Json;
import dev.simclr.contracts.MetricDescription;
import dev.simclr.contracts.Topics;
import dev.simclr.launcher.Console;
import dev.simclr.launcher.kafka.TopicReader;
import dev.simclr.launcher.report.EvalLines;
import dev.simclr.launcher.report.MetricCatalog;
import dev.simclr.launcher.report.PrometheusText;
import dev.simclr.launcher.stack.Http;
import dev.simclr.launcher.stack.Stack;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * Follows a run on a local stack: prints every evaluation result of the run as it arrives (from the beginning of
 * simclr.eval, so a resumed demo shows its history), a progress line every {@code progressEvery} (the newest record of
 * simclr.progress), and tells when the run is finished: the trainer is idle (schedule done, final checkpoint written)
 * and its last checkpoint has been evaluated.
 */
final class RunMonitor implements AutoCloseable {

    private final Stack stack;
    private final Console console;
    private final Duration progressEvery;
    private final String run;
    private final TopicReader evals;
    private final TopicReader progress;
    private final Map<Long, EvalResult> results = new TreeMap<>();
    private final MetricCatalog metrics;
    private JsonNode lastProgress;
    private long lastProgressPrint = System.nanoTime();
    private long lastHealthCheck;
    private String trainerPhase = "";
    private long trainerLastCheckpoint = -1;

    RunMonitor(Stack stack, Console console, Duration progressEvery) {
        this.stack = stack;
        this.console = console;
        this.progressEvery = progressEvery;
        this.run = stack.run().runId();
        this.metrics = stack.info()
                .service("evaluator")
                .map(e -> MetricCatalog.remote(e.url()))
                .orElseGet(MetricCatalog::none);
        String bootstrap = stack.info().kafka().bootstrapServers();
        this.evals = TopicReader.open(bootstrap, Topics.EVAL, TopicReader.Start.BEGINNING);
        this.progress = TopicReader.open(bootstrap, Topics.PROGRESS, TopicReader.Start.END);
    }

    /** Polls the topics once (about half a second) and prints what is new. */
    void poll() {
        evals.poll(Duration.ofMillis(250), r -> {
            try {
                EvalResult e = EvalResult.fromJson(r.value());
                if (e.runId().equals(run)) {
                    results.put(e.step(), e);
                    console.line(EvalLines.eval(e, metrics));
                }
            } catch (IllegalArgumentException | NullPointerException ignored) {
                // not a result of this protocol: the evaluator dead-letters, we skip
            }
        });
        progress.poll(Duration.ofMillis(250), r -> {
            try {
                JsonNode n = Json.mapper().readTree(r.value());
                if (run.equals(n.path("runId").asText())) {
                    lastProgress = n;
                }
            } catch (IOException | NullPointerException ignored) {
                // skip what is not JSON
            }
        });
        long now = System.nanoTime();
        if (now - lastProgressPrint >= progressEvery.toNanos()) {
            lastProgressPrint = now;
            printProgress();
        }
        if (now - lastHealthCheck >= 5_000_000_000L) {
            lastHealthCheck = now;
            readTrainerHealth();
        }
    }

    private void printProgress() {
        JsonNode p = lastProgress;
        lastProgress = null;
        if (p == null) {
            console.line("train " + run + ": waiting for the trainer ("
                    + (trainerPhase.isEmpty() ? "starting" : trainerPhase) + ")");
            return;
        }
        console.line(EvalLines.progress(p) + augmenterNote());
    }

    private String augmenterNote() {
        Optional<Http.Response> r = Http.get(stack.service("augmenter").url() + "/q/metrics", Duration.ofSeconds(3));
        if (r.isEmpty() || r.get().status() != 200) {
            return "";
        }
        PrometheusText m = new PrometheusText(r.get().body());
        StringBuilder s = new StringBuilder();
        m.value("simclr_augmenter_pairs_out_total", true)
                .ifPresent(v -> s.append("; augmenter: ")
                        .append(Console.count((long) v))
                        .append(" view pairs"));
        m.value("simclr_augmenter_epoch", false)
                .ifPresent(v -> s.append(String.format(Locale.ROOT, ", epoch %d", (long) v)));
        return s.toString();
    }

    private void readTrainerHealth() {
        Http.get(stack.service("trainer").url() + "/q/health/ready", Duration.ofSeconds(3))
                .ifPresent(r -> {
                    try {
                        JsonNode d = trainerState(Json.mapper().readTree(r.body()));
                        trainerPhase = d.path("phase").asText("");
                        trainerLastCheckpoint = d.path("lastCheckpointStep").asLong(-1);
                    } catch (IOException ignored) {
                        // keep the last known state
                    }
                });
    }

    /**
     * The data of the trainer's readiness check that carries its phase ({@code trainer-input}): found by its content,
     * not its position, since MicroProfile Health does not order the checks (the object store's came first once and
     * {@code demo --exit} waited for ever for a trainer it took to be starting).
     *
     * @param health the JSON of {@code /q/health/ready}
     * @return the check's data, or a missing node when no check has a phase
     */
    static JsonNode trainerState(JsonNode health) {
        for (JsonNode check : health.path("checks")) {
            if (check.path("data").has("phase")) {
                return check.path("data");
            }
        }
        return health.path("checks").path(Integer.MAX_VALUE);
    }

    /** The trainer's last known phase (STARTING, RUNNING, IDLE, ...). */
    String trainerPhase() {
        return trainerPhase;
    }

    /** True when the trainer is idle and its last checkpoint has a result. */
    boolean finished() {
        return "IDLE".equals(trainerPhase) && trainerLastCheckpoint > 0 && results.containsKey(trainerLastCheckpoint);
    }

    /** The run's results so far, by step. */
    Map<Long, EvalResult> results() {
        return results;
    }

    /** What the evaluator says its metrics are. */
    MetricCatalog metrics() {
        return metrics;
    }

    /** The result with the best value of {@code metric} (by its direction), among those that have it. */
    Optional<EvalResult> best(MetricDescription metric) {
        return best(results.values(), metric);
    }

    static Optional<EvalResult> best(Collection<EvalResult> results, MetricDescription metric) {
        EvalResult best = null;
        for (EvalResult r : results) {
            OptionalDouble v = r.metric(metric.name());
            if (v.isPresent()
                    && (best == null
                            || metric.better(
                                    v.getAsDouble(), best.metric(metric.name()).getAsDouble()))) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    Optional<EvalResult> last() {
        return results.values().stream().max(Comparator.comparingLong(EvalResult::step));
    }

    @Override
    public void close() {
        evals.close();
        progress.close();
    }
}
