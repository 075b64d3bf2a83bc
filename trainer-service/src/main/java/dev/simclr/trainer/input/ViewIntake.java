package dev.simclr.trainer.input;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The polling loop (its own thread): reads every assigned partition of {@code simclr.views}, classifies records,
 * dead-letters rejects, shuffles and batches pairs ({@link PairBatcher}) and hands sealed batches to the training
 * thread through a bounded queue. Records the lineage trained before its checkpoint (listed above the checkpoint's
 * watermarks) are skipped unread. When a poll brings nothing while the training thread waits, the shuffle buffer
 * releases a batch. When the queue is full the partitions are paused (the loop keeps polling, receiving nothing) and
 * resumed once the queue has drained to half, so memory stays bounded by the queue, one poll's records, the shuffle
 * buffer and the pending batch, and nothing is dropped.
 *
 * <p>It also commits, for monitoring only, the position of the last trained step to the consumer group (requested by
 * the training thread through {@link #requestCommit}); resume never reads it.
 */
public final class ViewIntake implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ViewIntake.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final ViewTriage classifier;
    private final DeadLetterSink deadLetters;
    private final PairBatcher batcher;
    private final BlockingQueue<PairBatch> queue;
    private final int queueCapacity;
    private final IntakeEvents events;
    private final ArrayDeque<PairBatch> ready = new ArrayDeque<>();
    private final AtomicReference<Map<Integer, Long>> commitRequest = new AtomicReference<>();
    private volatile boolean running = true;
    private boolean paused;
    private Metric connectionCount;

    /**
     * Creates the loop around an assigned, positioned consumer (this loop then owns it).
     *
     * @param consumer the consumer, assigned to every partition of {@code topic} and positioned
     * @param topic the views topic
     * @param classifier what records are
     * @param deadLetters where rejects go
     * @param batcher started at the consumer's positions
     * @param queue bounded hand-off to the training thread
     * @param events metrics and health callbacks
     */
    public ViewIntake(
            Consumer<byte[], byte[]> consumer,
            String topic,
            ViewTriage classifier,
            DeadLetterSink deadLetters,
            PairBatcher batcher,
            BlockingQueue<PairBatch> queue,
            IntakeEvents events) {
        this.consumer = consumer;
        this.topic = topic;
        this.classifier = classifier;
        this.deadLetters = deadLetters;
        this.batcher = batcher;
        this.queue = queue;
        this.queueCapacity = queue.remainingCapacity() + queue.size();
        this.events = events;
    }

    /** Asks the loop to commit these positions (partition to next offset) to the consumer group. */
    public void requestCommit(Map<Integer, Long> offsets) {
        commitRequest.set(Map.copyOf(offsets));
    }

    /** Stops the loop at the next poll; the thread then closes the consumer. */
    public void stop() {
        running = false;
        consumer.wakeup();
    }

    /** Returns whether the partitions are paused (read by health and metrics threads). */
    public boolean isPaused() {
        return paused;
    }

    @Override
    public void run() {
        try {
            while (running) {
                commitIfRequested();
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                events.polled(records.count());
                events.brokerConnected(connected());
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    handle(r, now);
                }
                if (records.isEmpty() && !paused && ready.isEmpty() && queue.isEmpty()) {
                    // nothing arrives and the training thread waits: the shuffle buffer's pairs go ahead
                    batcher.releaseIdle(now).ifPresent(ready::add);
                }
                batcher.sealIfDue(System.nanoTime()).ifPresent(ready::add);
                handOver();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (OffsetOutOfRangeException e) {
            throw new IllegalStateException(
                    "records of " + topic + " were deleted by retention before they were"
                            + " trained (out of range: " + e.offsetOutOfRangePartitions()
                            + "); this lineage cannot continue"
                            + " exactly-once: raise the topic's retention, then start a new run id",
                    e);
        } finally {
            commitIfRequested();
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r, long now) {
        if (batcher.skipIfTrained(r.partition(), r.offset())) {
            return; // trained before the checkpoint this lineage resumed from (recorded above its watermark)
        }
        ViewTriage.Outcome outcome = classifier.classify(r);
        if (outcome instanceof ViewTriage.Accepted a) {
            Optional<PairBatch> sealed = batcher.add(r.partition(), r.offset(), a.pair(), now);
            sealed.ifPresent(ready::add);
        } else if (outcome instanceof ViewTriage.OtherRun o) {
            batcher.consumed(r.partition(), r.offset(), PairBatcher.Disposal.SKIPPED_OTHER_RUN);
            events.skippedOtherRun(o.runId());
        } else {
            ViewTriage.Rejected rej = (ViewTriage.Rejected) outcome;
            deadLetters.send(r, rej);
            batcher.consumed(r.partition(), r.offset(), PairBatcher.Disposal.DEAD_LETTERED);
            events.deadLettered(rej.reason());
            LOG.debug("dead-lettered {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), rej.message());
        }
    }

    /**
     * Whether the consumer holds a connection to a broker (its {@code connection-count} metric, the signal the Kafka
     * connector's readiness uses too); true when the consumer has no such metric.
     */
    private boolean connected() {
        if (connectionCount == null) {
            connectionCount = consumer.metrics().entrySet().stream()
                    .filter(e -> e.getKey().name().equals("connection-count")
                            && e.getKey().group().equals("consumer-metrics"))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElse(null);
            if (connectionCount == null) {
                return true;
            }
        }
        return !(connectionCount.metricValue() instanceof Number n) || n.doubleValue() >= 1;
    }

    /** Moves ready batches into the queue; pauses while they do not fit, resumes at half capacity. */
    private void handOver() {
        while (!ready.isEmpty() && queue.offer(ready.peekFirst())) {
            ready.pollFirst();
        }
        if (!ready.isEmpty() && !paused) {
            consumer.pause(consumer.assignment());
            paused = true;
            events.paused(true);
            LOG.debug("queue full ({} batches): paused {}", queueCapacity, topic);
        } else if (paused && ready.isEmpty() && queue.size() <= queueCapacity / 2) {
            consumer.resume(consumer.assignment());
            paused = false;
            events.paused(false);
            LOG.debug("queue drained to {}: resumed {}", queue.size(), topic);
        }
    }

    private void commitIfRequested() {
        Map<Integer, Long> offsets = commitRequest.getAndSet(null);
        if (offsets == null) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        consumer.commitAsync(commit, (committed, e) -> {
            if (e != null) {
                // retried with the next poll unless a newer position is already waiting
                commitRequest.compareAndSet(null, offsets);
                LOG.debug("committing the trained position to the monitoring group failed, retrying: {}", e.toString());
            }
        });
    }
}
