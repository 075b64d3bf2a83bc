package dev.simclr.evaluator.service;

import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.contracts.EvalResult;
import dev.simclr.evaluation.MetricRegistry;
import dev.simclr.evaluator.config.EvaluatorConfig;
import dev.simclr.evaluator.config.EvaluatorSetup;
import dev.simclr.evaluator.loop.ArtefactLayout;
import dev.simclr.evaluator.loop.ArtefactStore;
import dev.simclr.evaluator.loop.CheckpointEvaluator;
import dev.simclr.evaluator.loop.EvalSets;
import dev.simclr.evaluator.loop.EvaluationQueue;
import dev.simclr.evaluator.loop.EvaluationWorker;
import dev.simclr.evaluator.loop.PendingCheckpoint;
import dev.simclr.evaluator.loop.ReferenceBaselines;
import dev.simclr.evaluator.loop.ResultIndex;
import dev.simclr.evaluator.loop.S3Artefacts;
import dev.simclr.evaluator.loop.WorkerHealth;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.OutageRetry;
import dev.simclr.objectstore.OutageStatus;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.objectstore.StoreProbe;
import dev.simclr.onnx.OrtRuntime;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Owns the evaluation queue and the single worker thread ({@code simclr-evaluator}): the Kafka consumer offers events,
 * the worker evaluates them off the event loop, one at a time. The worker's object-store operations ride through
 * outages (within {@code outage-tolerance}); the read API's do not (a request fails at once), and a probe keeps the
 * outage status current while nothing is evaluated.
 */
@ApplicationScoped
public class EvaluatorService {

    private static final Logger LOG = Logger.getLogger(EvaluatorService.class);

    /** The metrics this evaluator computes, publishes, exports and describes at {@code /api/metrics}. */
    static final MetricRegistry METRICS = MetricRegistry.standard();

    @Inject
    EvaluatorConfig config;

    @Inject
    ObjectStore objectStore;

    @Inject
    KafkaOutlets outlets;

    @Inject
    EvaluatorMetrics metrics;

    private static final Duration PROBE_EVERY = Duration.ofSeconds(5);

    private final OutageStatus storeStatus = new OutageStatus();
    private ArtefactLayout layout;
    private ObjectStore ridingStore;
    private ArtefactStore artefacts;
    private EvaluationQueue queue;
    private ResultIndex index;
    private WorkerHealth health;
    private volatile StoreProbe probe;
    private volatile boolean stopping;
    private volatile EvaluationWorker workerLoop;
    private volatile Thread worker;

    @PostConstruct
    void init() {
        layout = new ArtefactLayout(config.bucket());
        ridingStore = objectStore.riding(new OutageRetry(config.outageTolerance(), storeStatus, () -> stopping));
        artefacts = new S3Artefacts(ridingStore);
        queue = new EvaluationQueue(config.everyNth(), config.tailGrace(), System::nanoTime, metrics::skipped);
        index = new ResultIndex(new S3Artefacts(objectStore), layout, config.apiRefresh(), System::nanoTime);
        health = new WorkerHealth(
                this::workerAlive,
                () -> workerLoop == null ? "" : workerLoop.stopped(),
                queue,
                storeStatus,
                () -> probe == null ? "" : probe.problem(),
                config.bucket());
        metrics.bind(queue);
    }

    void onStart(@Observes StartupEvent event) {
        // DJL reads its thread settings when the engine loads, i.e. in EvaluatorSetup.of below.
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        if (config.threads() > 0) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(config.threads()));
        }
        if (!"PASSIVE".equalsIgnoreCase(System.getenv("OMP_WAIT_POLICY"))) {
            LOG.warn("OMP_WAIT_POLICY is not PASSIVE: spinning OpenMP threads can make DJL many times slower when the "
                    + "CPU is shared (set OMP_WAIT_POLICY=PASSIVE)");
        }
        // ONNX Runtime's environment (telemetry off) before any worker can use it: see OrtRuntime.
        OrtRuntime.environment();
        EvaluatorSetup setup = EvaluatorSetup.of(config);
        Clock clock = Clock.systemUTC();
        CheckpointEvaluator evaluator = new CheckpointEvaluator(
                layout, new CheckpointSets(ridingStore)::read, artefacts, evalSets(), setup, clock, METRICS);
        ReferenceBaselines references =
                config.references() ? new ReferenceBaselines(layout, artefacts, setup, clock, METRICS) : null;
        EvaluationWorker.Observer observer = new EvaluationWorker.Observer() {
            @Override
            public void evaluated(EvalResult result) {
                index.add(result);
                metrics.evaluated(result);
            }

            @Override
            public void failed(PendingCheckpoint e, Reason reason, String message) {
                metrics.failed(e, reason, message);
            }

            @Override
            public void skipped(PendingCheckpoint e, EvaluationQueue.SkipReason reason, String detail) {
                metrics.skipped(e, reason, detail);
            }
        };
        EvaluationWorker loop = new EvaluationWorker(
                queue, evaluator, references, artefacts, layout, outlets, observer, config.outageTolerance());
        workerLoop = loop;
        Thread t = new Thread(loop, "simclr-evaluator");
        t.setDaemon(true);
        worker = t;
        t.start();
        probe = StoreProbe.start(objectStore, config.bucket(), storeStatus, PROBE_EVERY);
        LOG.infof(
                "evaluator ready: bucket %s, eval set %s (max train %d, test %d), held-out images %s (label-free "
                        + "sample %d), every %d-th step, device %s, references %s",
                config.bucket(),
                config.evalSet(),
                config.maxTrainSamples(),
                config.maxTestSamples(),
                config.holdoutSet().orElse("none"),
                config.labelFreeSamples(),
                config.everyNth(),
                setup.device(),
                config.references() ? "on" : "off");
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        EvaluationWorker loop = workerLoop;
        if (loop != null) {
            loop.stop();
        }
        StoreProbe p = probe;
        if (p != null) {
            p.close();
        }
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private EvalSets evalSets() {
        Path cache = Path.of(config.evalSetCacheDir());
        EvalSets.Limits limits =
                new EvalSets.Limits(config.maxTrainSamples(), config.maxTestSamples(), config.labelFreeSamples());
        String spec = config.evalSet().trim();
        EvalSets sets;
        if (spec.startsWith("s3://")) {
            S3Uri manifest = S3Uri.parse(spec);
            String name = config.evalSetName().orElseGet(() -> manifestName(manifest));
            sets = EvalSets.manifest(
                    manifest, artefacts, name, config.evalSetClassNames().orElse(null), cache, limits);
        } else {
            sets = EvalSets.fashionMnist(Path.of(spec), cache, limits);
        }
        return config.holdoutSet()
                .map(String::trim)
                .filter(h -> !h.isEmpty())
                .map(h -> sets.withHoldout(S3Uri.parse(h), artefacts))
                .orElse(sets);
    }

    static String manifestName(S3Uri manifest) {
        String file = manifest.name();
        int dot = file.indexOf('.');
        String base = (dot > 0 ? file.substring(0, dot) : file).replaceAll("[^A-Za-z0-9._-]", "-");
        return base.isEmpty() || !Character.isLetterOrDigit(base.charAt(0)) ? "manifest" : base;
    }

    /** Hands a parsed event to the queue (never blocks). */
    public void offer(PendingCheckpoint event) {
        index.seen(event.runId());
        queue.offer(event);
    }

    /** The queue (for health and metrics). */
    public EvaluationQueue queue() {
        return queue;
    }

    /** The read API's index. */
    public ResultIndex index() {
        return index;
    }

    /** The metrics this evaluator computes, in order. */
    public MetricRegistry metrics() {
        return METRICS;
    }

    /** The artefact layout. */
    public ArtefactLayout layout() {
        return layout;
    }

    /** Liveness and readiness of the worker and the object store. */
    public WorkerHealth health() {
        return health;
    }

    /** True while the worker thread runs. */
    public boolean workerAlive() {
        Thread t = worker;
        return t != null && t.isAlive();
    }
}
