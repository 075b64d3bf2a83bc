package dev.simclr.trainer.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.simclr.contracts.DeadLetter;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.data.BatchAssembler;
import dev.simclr.model.engine.Torch;
import dev.simclr.trainer.input.DeadLetterSink;
import dev.simclr.trainer.input.IntakeEvents;
import dev.simclr.trainer.input.PairBatch;
import dev.simclr.trainer.input.PairBatcher;
import dev.simclr.trainer.input.ViewIntake;
import dev.simclr.trainer.input.ViewTriage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;

/**
 * The trainer's real intake with the model step replaced by nothing: a {@link ViewIntake} (consume, classify and
 * decode, batch) on its own thread, exactly as {@code TrainerRuntime} wires it, handing sealed batches through the
 * bounded queue to a "training" thread that only does what {@code SimClrTrainer.step} does before the network runs: a
 * step sub-manager and {@link BatchAssembler#stage} (the copy into one uint8 NDArray).
 */
final class IntakeRun {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private IntakeRun() {}

    /**
     * Consumes {@code records} pairs from the beginning of every partition of {@code topic}.
     *
     * @param consumerProps the trainer's views-consumer properties
     * @param queueCapacity the trainer's queue capacity
     * @param dlq the dead-letter producer (no record of the bench is dead-lettered)
     */
    static Measured run(
            Map<String, Object> consumerProps,
            String topic,
            int partitions,
            int records,
            int batchSize,
            int queueCapacity,
            ModelConfig model,
            Producer<byte[], byte[]> dlq)
            throws InterruptedException {
        return run(consumerProps, topic, partitions, records, batchSize, queueCapacity, model, dlq, true);
    }

    /**
     * As {@link #run(Map, String, int, int, int, int, ModelConfig, Producer)}; with {@code stage} false the training
     * thread drops each batch (isolates the polling thread's share from the staging copy).
     */
    static Measured run(
            Map<String, Object> consumerProps,
            String topic,
            int partitions,
            int records,
            int batchSize,
            int queueCapacity,
            ModelConfig model,
            Producer<byte[], byte[]> dlq,
            boolean stage)
            throws InterruptedException {
        if (records % batchSize != 0) {
            throw new IllegalArgumentException("records must be a multiple of the batch size");
        }
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
        List<TopicPartition> tps = new ArrayList<>();
        Map<Integer, Long> start = new TreeMap<>();
        for (int p = 0; p < partitions; p++) {
            tps.add(new TopicPartition(topic, p));
            start.put(p, 0L);
        }
        consumer.assign(tps);
        tps.forEach(tp -> consumer.seek(tp, 0L));
        FetchMetrics fetchMetrics = new FetchMetrics(consumer.metrics());
        BlockingQueue<PairBatch> queue = new ArrayBlockingQueue<>(queueCapacity);
        Counting events = new Counting();
        PollClock clock = new PollClock();
        ViewIntake intake = new ViewIntake(
                clock.wrap(consumer),
                topic,
                new ViewTriage(
                        "bench",
                        model.inputSize(),
                        model.channels(),
                        model.fit().id()),
                new DeadLetterSink(dlq, topic + ".dlq", Clock.systemUTC()),
                new PairBatcher(batchSize, Duration.ofMinutes(10), start),
                queue,
                events);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(
                () -> {
                    try {
                        intake.run();
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "bench-intake");
        BatchAssembler assembler = BatchAssembler.forConfig(model);
        long stageCpu0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        thread.start();
        long pairs = 0;
        long waitNanos = 0;
        long intakeCpu;
        long end = 0;
        double stageCpu;
        long stopped;
        try (NDManager base = Torch.engine().newBaseManager()) {
            while (pairs < records) {
                long w0 = System.nanoTime();
                PairBatch b = queue.poll(60, TimeUnit.SECONDS);
                waitNanos += System.nanoTime() - w0;
                if (b == null) {
                    throw new IllegalStateException(
                            "no batch for 60 s after " + pairs + " pairs: " + failure.get(), failure.get());
                }
                pairs += b.size();
                if (!stage) {
                    continue;
                }
                try (NDManager step = base.newSubManager();
                        NDArray staged = assembler.stage(step, b.pairs())) {
                    if (staged.size() != (long) b.size() * 2 * assembler.viewBytes()) {
                        throw new IllegalStateException("staged " + staged.getShape() + " for " + b.size() + " pairs");
                    }
                }
            }
            // the last pair is handled here, as the raw paths stop their clocks at their last record (stopping the
            // intake thread and closing its consumer, which takes ~0.5 s on this broker, is not consumption)
            end = System.nanoTime();
        } finally {
            intakeCpu = THREADS.getThreadCpuTime(thread.getId());
            stageCpu = (THREADS.getCurrentThreadCpuTime() - stageCpu0) / 1e9;
            System.out.println("    intake: " + fetchMetrics.line());
            long s0 = System.nanoTime();
            intake.stop();
            thread.join(15_000);
            stopped = System.nanoTime() - s0;
        }
        System.out.println(
                "    intake: " + clock.line(t0) + String.format("; stop + consumer close %.2f s", stopped / 1e9));
        double seconds = (end - t0) / 1e9;
        if (pairs != records || events.deadLettered.get() != 0) {
            throw new IllegalStateException(
                    "intake: " + pairs + " pairs of " + records + ", " + events.deadLettered.get() + " dead-lettered");
        }
        System.out.printf(
                "    intake: paused %d times, the staging thread waited %.2f s for batches%n",
                events.pauses.get(), waitNanos / 1e9);
        return new Measured(
                stage ? "trainer intake" : "trainer intake, no staging", records, seconds, intakeCpu / 1e9, stageCpu);
    }

    /** Counts what the intake reports. */
    private static final class Counting implements IntakeEvents {
        final AtomicLong deadLettered = new AtomicLong();
        final AtomicLong pauses = new AtomicLong();

        @Override
        public void deadLettered(DeadLetter.Reason reason) {
            deadLettered.incrementAndGet();
        }

        @Override
        public void skippedOtherRun(String otherRunId) {
            throw new IllegalStateException("the bench writes only run 'bench', got " + otherRunId);
        }

        @Override
        public void paused(boolean paused) {
            if (paused) {
                pauses.incrementAndGet();
            }
        }

        @Override
        public void polled(int records) {}
    }
}
