package dev.simclr.augmenter.loop;

import dev.simclr.augment.pipeline.ImagePipeline;
import dev.simclr.augmenter.config.AugmenterConfig;
import dev.simclr.augmenter.config.AugmenterSetup;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The augmenter: one thread that runs epoch after epoch, each as consumer group {@code <prefix>.e<epoch>} on the images
 * topic (earliest, read_committed), processing each poll on the worker pool and writing its view pairs, dead letters
 * and consumed offsets in one Kafka transaction. When its partitions are drained and the whole group has committed
 * every partition to its end, it closes the consumer and joins the next epoch's group; the last epoch's group is never
 * left, so images pushed later are still processed once. A trainer lag above the threshold pauses the partitions
 * (polling goes on). Failed transactions are aborted and the consumer rewound to the committed offsets; an unavailable
 * object store defers its records with backoff. Plain Java: tests drive it directly against a broker.
 */
public final class AugmenterLoop implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AugmenterLoop.class);

    private final AugmenterSetup s;
    private final AugmenterConfig cfg;
    private final LoopTuning t;
    private final LoopStatus status = new LoopStatus();
    private final AugmenterMetrics metrics;
    private final KafkaClients clients;
    private final ExecutorService workers;
    private final PollProcessor processor;
    private final TransactionalWriter writer;
    private final PauseControl pause;
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean abandon;
    private volatile Consumer<byte[], byte[]> consumer;
    private EpochGroups groups;
    private EpochMonitor monitor;
    private long batchNo;
    private boolean needsRewind;

    /** A loop (not started) with no test hooks. */
    public AugmenterLoop(AugmenterSetup setup, LoopTuning tuning, ImagePipeline pipeline, MeterRegistry registry) {
        this(setup, tuning, pipeline, registry, LoopHooks.NONE);
    }

    /** A loop (not started) calling {@code hooks} at its crash points. */
    public AugmenterLoop(
            AugmenterSetup setup, LoopTuning tuning, ImagePipeline pipeline, MeterRegistry registry, LoopHooks hooks) {
        this.s = setup;
        this.cfg = setup.config();
        this.t = tuning;
        this.metrics = new AugmenterMetrics(registry, status, pipeline.cache(), pipeline.excludedSplits());
        this.clients =
                new KafkaClients(setup, tuning, pipeline.factory().config().viewBytes());
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(setup.workers(), r -> {
            Thread t = new Thread(r, "augmenter-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.processor = new PollProcessor(pipeline, workers, setup.config().runId(), tuning, metrics, status);
        this.writer = new TransactionalWriter(clients::producer, hooks);
        this.pause = new PauseControl(tuning.minBackoff(), tuning.maxBackoff(), status);
        this.thread = new Thread(this::run, "augmenter-loop-" + setup.instanceId());
    }

    /** Starts the loop thread. */
    public void start() {
        LOG.info(
                "augmenter {} starting: run {}, {} epoch(s), groups {}.e<n>, transactional.id {}, {} worker(s), "
                        + "max.poll.records {}, lag gate {}",
                s.instanceId(),
                cfg.runId(),
                cfg.epochs(),
                s.groupPrefix(),
                s.transactionalId(),
                s.workers(),
                cfg.maxPollRecords(),
                cfg.maxViewsLag() > 0 ? cfg.maxViewsLag() + " pairs of group " + s.trainerGroup() : "off");
        thread.start();
    }

    /** The observable state (health checks, gauges). */
    public LoopStatus status() {
        return status;
    }

    /** The meters of this loop. */
    public AugmenterMetrics metrics() {
        return metrics;
    }

    /** Whether the loop thread is running. */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /**
     * Stops the loop: the in-flight batch is finished and committed (or aborted), then the consumer, producer and
     * workers are closed. After {@link LoopTuning#shutdownTimeout()} the batch is abandoned (nothing of it is
     * committed).
     */
    @Override
    public void close() {
        stopping = true;
        Consumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(t.shutdownTimeout().toMillis());
            if (thread.isAlive()) {
                LOG.warn(
                        "augmenter loop did not stop within {} ms; abandoning the in-flight batch",
                        t.shutdownTimeout().toMillis());
                abandon = true;
                thread.interrupt();
                workers.shutdownNow();
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        workers.shutdownNow();
    }

    private void run() {
        boolean crashed = false;
        try (Admin admin = clients.admin()) {
            OffsetQueries queries = new OffsetQueries(admin, Duration.ofSeconds(10));
            groups = new EpochGroups(queries, s, t.imagesTopic());
            monitor = new EpochMonitor(
                    s,
                    t.checkInterval(),
                    groups,
                    new ViewsLag(queries, t.viewsTopic(), s.trainerGroup()),
                    pause,
                    status,
                    metrics);
            while (!stopping) {
                try {
                    status.phase(LoopStatus.Phase.STARTING);
                    writer.ensureReady();
                    int epoch = groups.startEpoch();
                    status.kafkaOk();
                    runFrom(epoch);
                } catch (WakeupException e) {
                    LOG.debug("woken up to stop");
                } catch (RuntimeException e) {
                    if (stopping) {
                        break;
                    }
                    status.phase(LoopStatus.Phase.RECOVERING);
                    status.lastError(e.toString());
                    Duration delay = pause.nextRetryDelay();
                    LOG.warn("augmenter loop failed: {}; restarting in {} ms", e.toString(), delay.toMillis());
                    sleep(delay);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Error e) {
            // like a process crash: nothing is committed or aborted, the thread ends and liveness goes down
            crashed = true;
            LOG.error("augmenter loop died", e);
        } finally {
            if (crashed) {
                writer.drop(Duration.ZERO);
            } else {
                writer.close();
            }
            workers.shutdownNow();
            status.phase(LoopStatus.Phase.STOPPED);
            LOG.info("augmenter {} stopped", s.instanceId());
        }
    }

    private void runFrom(int epoch) throws InterruptedException {
        for (int e = epoch; !stopping; e++) {
            if (!runEpoch(e)) {
                return;
            }
            LOG.info(
                    "run {}: epoch {} complete; moving to epoch {} (group {})",
                    cfg.runId(),
                    e,
                    e + 1,
                    s.groupId(e + 1));
        }
    }

    /** Consumes one epoch; returns true when it completed and the next epoch should start. */
    private boolean runEpoch(int epoch) throws InterruptedException {
        Consumer<byte[], byte[]> c = clients.consumer(s.groupId(epoch), epoch);
        consumer = c;
        try {
            status.epoch(epoch);
            status.progress(new EpochStatus(epoch, 0, status.epochTotal(), false));
            monitor.startEpoch();
            needsRewind = false;
            LOG.info(
                    "run {}: epoch {} of 0..{}: consuming {} as group {}",
                    cfg.runId(),
                    epoch,
                    cfg.epochs() - 1,
                    t.imagesTopic(),
                    s.groupId(epoch));
            c.subscribe(List.of(t.imagesTopic()), new RebalanceListener(c, epoch, pause, status));
            status.phase(LoopStatus.Phase.RUNNING);
            while (!stopping) {
                if (needsRewind) {
                    rewind(c);
                    needsRewind = false;
                }
                ConsumerRecords<byte[], byte[]> records = c.poll(t.pollTimeout());
                status.beat();
                if (!records.isEmpty()) {
                    handle(c, records, epoch);
                }
                if (monitor.tick(c, epoch, records.isEmpty())) {
                    return !stopping;
                }
            }
            return false;
        } catch (Error e) {
            consumer = null;
            closeQuietly(c, Duration.ZERO);
            throw e;
        } finally {
            if (consumer == c) {
                consumer = null;
                closeQuietly(c, Duration.ofSeconds(5));
            }
        }
    }

    private void handle(Consumer<byte[], byte[]> c, ConsumerRecords<byte[], byte[]> records, int epoch)
            throws InterruptedException {
        PollOutcome b = processor.process(records, epoch);
        if (abandon) {
            return;
        }
        if (b.hasWork()) {
            long t0 = System.nanoTime();
            if (!writer.commit(b.outputs(), b.offsets(), c.groupMetadata(), epoch, ++batchNo)) {
                metrics.aborted();
                needsRewind = true;
                backoff(c, "transaction aborted; rewinding to the committed offsets");
                return;
            }
            metrics.committed(b, System.nanoTime() - t0);
            status.kafkaOk();
        }
        if (b.deferred()) {
            b.retryFrom().forEach(c::seek);
            status.storeUnavailable(b.unavailableReason());
            backoff(c, "object store unavailable (" + b.unavailableReason() + "); records deferred");
        } else {
            status.storeAvailable();
            pause.resetBackoff();
        }
    }

    private void backoff(Consumer<byte[], byte[]> c, String why) {
        Duration d = pause.startBackoff();
        status.lastError(why);
        LOG.warn("{}; pausing for {} ms", why, d.toMillis());
        pause.apply(c);
    }

    /** Seeks every assigned partition to its committed offset (the start of the partition when none). */
    private void rewind(Consumer<byte[], byte[]> c) {
        Set<TopicPartition> assigned = c.assignment();
        Map<TopicPartition, OffsetAndMetadata> committed = c.committed(assigned, Duration.ofSeconds(10));
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata o = committed.get(tp);
            if (o != null) {
                c.seek(tp, o);
            } else {
                c.seekToBeginning(List.of(tp));
            }
        }
    }

    private void sleep(Duration d) throws InterruptedException {
        long end = System.nanoTime() + d.toNanos();
        while (!stopping && System.nanoTime() - end < 0) {
            status.beat();
            Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
        }
    }

    private static void closeQuietly(Consumer<byte[], byte[]> c, Duration timeout) {
        try {
            c.close(timeout);
        } catch (RuntimeException e) {
            LOG.debug("closing the consumer failed: {}", e.toString());
        }
    }
}
