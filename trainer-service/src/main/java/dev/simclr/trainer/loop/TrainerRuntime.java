package dev.simclr.trainer.loop;

import ai.djl.Device;
import dev.simclr.contracts.OffsetRanges;
import dev.simclr.contracts.TrainedPosition;
import dev.simclr.model.run.TrainingSession;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreOutageException;
import dev.simclr.objectstore.ObjectStoreUnavailableException;
import dev.simclr.objectstore.OutageRetry;
import dev.simclr.objectstore.OutageStatus;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.trainer.checkpoint.Checkpointer;
import dev.simclr.trainer.checkpoint.EventPublisher;
import dev.simclr.trainer.checkpoint.LeaseHeldException;
import dev.simclr.trainer.checkpoint.Provenance;
import dev.simclr.trainer.checkpoint.RunLease;
import dev.simclr.trainer.checkpoint.S3LeaseStore;
import dev.simclr.trainer.config.KafkaClients;
import dev.simclr.trainer.config.TrainerConfig;
import dev.simclr.trainer.config.TrainerSetup;
import dev.simclr.trainer.input.DeadLetterSink;
import dev.simclr.trainer.input.PairBatch;
import dev.simclr.trainer.input.PairBatcher;
import dev.simclr.trainer.input.ShuffleBuffer;
import dev.simclr.trainer.input.ViewIntake;
import dev.simclr.trainer.input.ViewTriage;
import dev.simclr.trainer.progress.ProgressPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trainer process: takes the run's lease, then on its own training thread resumes from the newest verified
 * checkpoint (or writes step 0 of a fresh lineage), positions the consumer, starts the polling thread and trains,
 * publishing progress records on the side. {@link #close()} stops gracefully: the current step finishes, a final
 * checkpoint is written, the lease is released. Plain Java: the Quarkus service and the tests drive it the same way.
 *
 * <p>After start-up every object-store operation rides through outages ({@link ObjectStore#riding}): a checkpoint write
 * waits for the store (training pauses, the input backs up and is paused), the lease heartbeat waits too, and readiness
 * reports the outage. An outage longer than {@code checkpoint.outage-tolerance} stops the trainer (FAILED, with the
 * reason); stopping during an outage ends the wait at once, without a final checkpoint.
 */
public final class TrainerRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TrainerRuntime.class);

    private final TrainerSetup settings;
    private final TrainerConfig config;
    private final ObjectStore store;
    private final OutageStatus storeStatus = new OutageStatus();
    private final S3Uri runPrefix;
    private final RunLease lease;
    private final StepHooks hooks;
    private final TrainerStatus status = new TrainerStatus();
    private final BlockingQueue<PairBatch> queue;
    private final TrainerMetrics metrics;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ProgressPublisher progress;
    private final Thread trainingThread;
    private final LeaseHeartbeat heartbeat;
    private final TrainerHealth health;
    private volatile IntakeThread intake;
    private volatile BatchStager stager;
    private volatile TrainingLoop loop;
    private volatile boolean closing;

    private TrainerRuntime(
            TrainerSetup settings,
            ObjectStore plainStore,
            MeterRegistry registry,
            StepHooks hooks,
            RunLease acquired,
            S3Uri runPrefix) {
        this.settings = settings;
        this.config = settings.config();
        this.store =
                plainStore.riding(new OutageRetry(config.checkpoint().outageTolerance(), storeStatus, () -> closing));
        this.runPrefix = runPrefix;
        this.lease = acquired.withStore(new S3LeaseStore(store, runPrefix));
        this.hooks = hooks;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.metrics = new TrainerMetrics(registry, config.runId(), queue::size);
        this.producer = KafkaClients.producer(settings);
        this.progress = new ProgressPublisher(
                KafkaClients.progressProducer(settings),
                config.progressTopic(),
                metrics,
                "simclr-trainer-progress-" + config.runId());
        this.heartbeat = new LeaseHeartbeat(lease, this::leaseLost, this::outageTooLong);
        this.trainingThread = new Thread(this::runTrainer, "simclr-trainer-" + config.runId());
        this.health = new TrainerHealth(
                status,
                storeStatus,
                trainingThread::isAlive,
                queue::size,
                metrics::isPaused,
                lease::lapsedFor,
                metrics::isBrokerConnected);
    }

    /**
     * Takes the run's lease (synchronously and without riding outages, so a second trainer, or an object store that is
     * down at start-up, fails here with a clear message) and starts the training thread.
     *
     * @throws LeaseHeldException when another trainer holds a fresh lease on the run
     */
    public static TrainerRuntime start(
            TrainerSetup settings, ObjectStore store, MeterRegistry registry, StepHooks hooks) {
        TrainerConfig config = settings.config();
        store.ensureBucket(config.bucket());
        S3Uri runPrefix = new S3Uri(config.bucket(), config.runId() + "/");
        RunLease lease = new RunLease(
                new S3LeaseStore(store, runPrefix),
                config.runId(),
                settings.holderId(),
                config.lease().ttl(),
                Clock.systemUTC());
        lease.acquire();
        LOG.info(
                "run {}: lease {}LEASE taken by {} (ttl {})",
                config.runId(),
                runPrefix,
                settings.holderId(),
                config.lease().ttl());
        TrainerRuntime rt = new TrainerRuntime(settings, store, registry, hooks, lease, runPrefix);
        rt.heartbeat.start();
        rt.trainingThread.start();
        return rt;
    }

    /** Returns the live status. */
    public TrainerStatus status() {
        return status;
    }

    /** Returns the health (liveness and readiness). */
    public TrainerHealth health() {
        return health;
    }

    /** Returns the object store's outage status. */
    public OutageStatus storeStatus() {
        return storeStatus;
    }

    /** Returns the metrics (and poll/pause state). */
    public TrainerMetrics metrics() {
        return metrics;
    }

    /** Returns whether the training thread is running. */
    public boolean trainingThreadAlive() {
        return trainingThread.isAlive();
    }

    /** Returns the sealed batches waiting for the training thread. */
    public int queueDepth() {
        return queue.size();
    }

    private void runTrainer() {
        try {
            Device device = LineageStart.engine(settings);
            Provenance provenance = Provenance.of("kafka:" + config.viewsTopic(), LineageStart.engineText(device));
            CheckpointSets sets = new CheckpointSets(store);
            RunResume.Start start = RunResume.open(settings, store, sets, runPrefix, device, Clock.systemUTC());
            try (var sessions = new SessionHolder(start.session(), device)) {
                TrainingSession session = start.session();
                status.modelReady(true);
                DeadLetterSink dlq = new DeadLetterSink(producer, settings.deadLetterTopic(), Clock.systemUTC());
                Checkpointer checkpointer = new Checkpointer(
                        sets,
                        config.runId(),
                        runPrefix,
                        config.viewsTopic(),
                        new EventPublisher(
                                producer,
                                config.checkpointsTopic(),
                                config.checkpoint().outageTolerance(),
                                () -> closing),
                        dlq,
                        lease,
                        Clock.systemUTC(),
                        hooks::afterManifest);
                KafkaConsumer<byte[], byte[]> consumer = KafkaClients.consumer(settings);
                Map<Integer, Long> positions;
                try {
                    positions = PartitionSetup.assignAndSeek(
                            consumer,
                            config.viewsTopic(),
                            start.checkpoint().map(c -> c.manifest()),
                            settings.startFrom(),
                            () -> !closing);
                } catch (RuntimeException | InterruptedException e) {
                    consumer.close(Duration.ofSeconds(5));
                    throw e;
                }
                status.consumerAssigned(true);
                long t0 = System.nanoTime();
                LineageState lineage =
                        LineageStart.begin(settings, start, session, checkpointer, positions, provenance);
                if (start.budget() != null && start.resumed().isEmpty()) {
                    start.budget().checkpointed(Duration.ofNanos(System.nanoTime() - t0));
                }
                status.lastCheckpointStep(lineage.step());
                status.step(lineage.step());
                metrics.resumed(lineage.step(), lineage.samplesSeen(), session.learningRate());
                ViewIntake viewIntake = new ViewIntake(
                        consumer,
                        config.viewsTopic(),
                        new ViewTriage(
                                config.runId(),
                                settings.model().inputSize(),
                                settings.model().channels(),
                                settings.model().fit().id()),
                        dlq,
                        batcher(positions, start, lineage.step()),
                        queue,
                        metrics);
                intake = new IntakeThread(viewIntake, "simclr-trainer-intake-" + config.runId(), this::intakeFailed);
                stager = new BatchStager(
                        queue,
                        settings.model(),
                        device,
                        "simclr-trainer-stager-" + config.runId(),
                        this::stagingFailed);
                loop = new TrainingLoop(
                        settings,
                        sessions,
                        stager,
                        checkpointer,
                        lineage,
                        metrics,
                        status,
                        hooks,
                        viewIntake,
                        provenance,
                        start.budget(),
                        progress,
                        lease);
                intake.start();
                stager.start();
                status.phase(TrainerStatus.Phase.RUNNING);
                if (closing) {
                    loop.stop();
                }
                loop.run();
                status.phase(TrainerStatus.Phase.STOPPED);
            }
        } catch (InterruptedException e) {
            if (closing) {
                status.phase(TrainerStatus.Phase.STOPPED);
            } else {
                status.failed(e);
            }
            Thread.currentThread().interrupt();
        } catch (ObjectStoreUnavailableException e) {
            if (closing && !(e instanceof ObjectStoreOutageException)) {
                status.phase(TrainerStatus.Phase.STOPPED);
                LOG.warn(
                        "run {}: stopped while the object store was unavailable, without a final checkpoint: {}; the"
                                + " next start resumes from checkpoint {}",
                        config.runId(),
                        e.getMessage(),
                        status.lastCheckpointStep());
            } else {
                status.failed(e);
                LOG.error(
                        "run {}: trainer stopped: {}; once the object store is back, a restart resumes from checkpoint"
                                + " {}",
                        config.runId(),
                        status.lastError(),
                        status.lastCheckpointStep());
            }
        } catch (Throwable t) {
            status.failed(t);
            LOG.error("run {}: trainer stopped: {}", config.runId(), status.lastError(), t);
        } finally {
            stopIntake();
        }
    }

    /**
     * The batcher: starts at the consumer's positions, skips what the checkpoint trained above them, and shuffles with
     * a seed of the step this process starts at.
     */
    private PairBatcher batcher(Map<Integer, Long> positions, RunResume.Start start, long step) {
        TrainedPosition from = new TrainedPosition(
                positions, start.resumed().map(r -> r.lineage().trainedAbove()).orElse(Map.of()));
        int ranges = from.trainedAbove().values().stream()
                .mapToInt(OffsetRanges::rangeCount)
                .sum();
        LOG.info(
                "run {}: shuffle buffer {} pairs (at most {} MiB of views, seed {}, step {}); {} range(s) above the"
                        + " watermarks were trained before the checkpoint and are skipped when read again",
                config.runId(),
                settings.shuffleBuffer(),
                String.format(Locale.ROOT, "%.1f", settings.shuffleBufferBytes() / 1048576.0),
                settings.shuffleSeed(),
                step,
                ranges);
        return new PairBatcher(
                config.batchSize(),
                config.partialBatchTimeout(),
                from,
                new ShuffleBuffer<>(settings.shuffleBuffer(), settings.shuffleSeedAt(step)));
    }

    private void intakeFailed(Throwable t) {
        status.failed(t);
        LOG.error("run {}: polling {} stopped: {}", config.runId(), config.viewsTopic(), status.lastError(), t);
        TrainingLoop l = loop;
        if (l != null) {
            l.stop();
        }
    }

    private void stagingFailed(Throwable t) {
        status.failed(t);
        LOG.error("run {}: staging batches stopped: {}", config.runId(), status.lastError(), t);
        TrainingLoop l = loop;
        if (l != null) {
            l.stop();
        }
    }

    private void leaseLost(LeaseHeldException e) {
        status.failed(e);
        LOG.error("run {}: {}", config.runId(), e.getMessage());
        TrainingLoop l = loop;
        if (l != null) {
            l.stop();
        }
    }

    private void outageTooLong(ObjectStoreOutageException e) {
        status.failed(e);
        LOG.error(
                "run {}: {}; training stops, a restart resumes from checkpoint {}",
                config.runId(),
                e.getMessage(),
                status.lastCheckpointStep());
        TrainingLoop l = loop;
        if (l != null) {
            l.stop();
        }
    }

    private void stopIntake() {
        IntakeThread i = intake;
        if (i != null) {
            i.stop();
        }
        BatchStager s = stager;
        if (s != null) {
            s.stop();
        }
    }

    /**
     * Stops gracefully: finishes the current step, writes a final checkpoint if steps were taken since the last one,
     * releases the lease. Waits up to {@code timeout} for the training thread.
     */
    public void close(Duration timeout) {
        closing = true;
        TrainingLoop l = loop;
        if (l != null) {
            l.stop();
        }
        try {
            trainingThread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (trainingThread.isAlive()) {
            LOG.warn(
                    "run {}: the training thread did not stop within {}; the next start resumes from checkpoint {}",
                    config.runId(),
                    timeout,
                    status.lastCheckpointStep());
        }
        stopIntake();
        heartbeat.stop();
        if (!trainingThread.isAlive()) {
            try {
                lease.release();
            } catch (RuntimeException e) {
                LOG.warn(
                        "run {}: releasing the lease failed (it expires after {}): {}",
                        config.runId(),
                        config.lease().ttl(),
                        e.toString());
            }
        }
        producer.close(Duration.ofSeconds(10));
        progress.close();
        LOG.info(
                "run {}: trainer closed at step {} (last checkpoint {})",
                config.runId(),
                status.step(),
                status.lastCheckpointStep());
    }

    @Override
    public void close() {
        close(Duration.ofMinutes(5));
    }
}
