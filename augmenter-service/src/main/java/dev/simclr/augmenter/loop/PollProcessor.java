package dev.simclr.augmenter.loop;

import dev.simclr.augment.pipeline.ImagePipeline;
import dev.simclr.augment.pipeline.Outcome;
import dev.simclr.contracts.DeadLetter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Runs the {@link ImagePipeline} on every record of a poll in parallel on the worker pool (never on the polling thread)
 * and assembles the {@link PollOutcome}: outputs and offsets in source order per partition.
 */
final class PollProcessor {

    private final ImagePipeline pipeline;
    private final ExecutorService workers;
    private final String runId;
    private final LoopTuning tuning;
    private final AugmenterMetrics metrics;
    private final LoopStatus status;
    private final String fit;

    PollProcessor(
            ImagePipeline pipeline,
            ExecutorService workers,
            String runId,
            LoopTuning tuning,
            AugmenterMetrics metrics,
            LoopStatus status) {
        this.pipeline = pipeline;
        this.workers = workers;
        this.runId = runId;
        this.tuning = tuning;
        this.metrics = metrics;
        this.status = status;
        this.fit = pipeline.factory().config().fit().id();
    }

    /**
     * Processes {@code records} for {@code epoch}.
     *
     * @throws InterruptedException when the loop is being torn down
     */
    PollOutcome process(ConsumerRecords<byte[], byte[]> records, int epoch) throws InterruptedException {
        Map<ConsumerRecord<byte[], byte[]>, Future<Outcome>> futures = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            status.inFlightCounter().incrementAndGet();
            futures.put(r, workers.submit(task(r, epoch)));
        }
        Map<ConsumerRecord<byte[], byte[]>, Outcome> outcomes = new HashMap<>();
        for (Map.Entry<ConsumerRecord<byte[], byte[]>, Future<Outcome>> e : futures.entrySet()) {
            outcomes.put(e.getKey(), await(e.getValue()));
        }
        return assemble(records, outcomes);
    }

    private Callable<Outcome> task(ConsumerRecord<byte[], byte[]> r, int epoch) {
        return () -> {
            try {
                Outcome o = pipeline.process(r.key(), r.value(), epoch);
                metrics.stages(o.timings());
                return o;
            } finally {
                status.inFlightCounter().decrementAndGet();
                status.beat();
            }
        };
    }

    private static Outcome await(Future<Outcome> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            // the pipeline never throws; a failure here is a bug in the task wrapper: report it as internal
            Throwable c = e.getCause();
            return new Outcome.Dead(
                    DeadLetter.Reason.INTERNAL, "unexpected " + c, c, dev.simclr.augment.pipeline.StageTimings.NONE);
        }
    }

    private PollOutcome assemble(
            ConsumerRecords<byte[], byte[]> records, Map<ConsumerRecord<byte[], byte[]>, Outcome> outcomes) {
        List<ProducerRecord<byte[], byte[]>> outputs = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        Map<TopicPartition, Long> retryFrom = new HashMap<>();
        Map<DeadLetter.Reason, Integer> dead = new EnumMap<>(DeadLetter.Reason.class);
        Map<String, Integer> excluded = new HashMap<>();
        int consumed = 0;
        int pairs = 0;
        int skipped = 0;
        int deferred = 0;
        String unavailable = "";
        Instant now = Instant.now();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            for (int i = 0; i < list.size(); i++) {
                ConsumerRecord<byte[], byte[]> r = list.get(i);
                Outcome o = outcomes.get(r);
                if (o instanceof Outcome.Unavailable u) {
                    retryFrom.put(tp, r.offset());
                    unavailable = unavailable.isEmpty() ? u.message() : unavailable;
                    deferred += list.size() - i;
                    break;
                }
                consumed++;
                if (o instanceof Outcome.Pair p) {
                    outputs.add(OutputRecords.viewPair(tuning.viewsTopic(), p.pair(), runId, fit));
                    pairs++;
                } else if (o instanceof Outcome.Dead d) {
                    outputs.add(OutputRecords.deadLetter(tuning.dlqTopic(), r, d, now));
                    dead.merge(d.reason(), 1, Integer::sum);
                } else if (o instanceof Outcome.Excluded x) {
                    excluded.merge(x.split(), 1, Integer::sum);
                } else {
                    skipped++;
                }
                offsets.put(tp, new OffsetAndMetadata(r.offset() + 1));
            }
        }
        if (deferred > 0) {
            metrics.unavailable(deferred);
        }
        return new PollOutcome(outputs, offsets, retryFrom, consumed, pairs, skipped, excluded, dead, unavailable);
    }
}
