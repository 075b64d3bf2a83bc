package dev.simclr.model.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.contracts.Json;
import dev.simclr.model.run.Throughput;
import dev.simclr.model.run.TrainingSession;
import java.lang.management.ManagementFactory;

/** The bench's training loop: takes batches in order, steps, prints JSON progress lines. */
final class TrainLoop {

    /** What the loop measured. */
    record Result(
            long steps,
            double seconds,
            double viewsPerSecond,
            double viewsPerSecondAfterFirst,
            double cpuSecondsPerStep,
            double inputWaitSeconds,
            double firstLoss,
            double lastLoss,
            double meanLossLast10) {}

    private TrainLoop() {}

    static Result run(TrainingSession session, AugmentedBatches batches, long steps, int logEvery, long stepsPerEpoch)
            throws InterruptedException {
        Throughput meter = new Throughput(30);
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        long afterFirst = 0;
        long waitNanos = 0;
        long views = 0;
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        double[] recent = new double[10];
        meter.record(start, 0, 0);
        for (long step = 1; step <= steps; step++) {
            long w = System.nanoTime();
            AugmentedBatches.PairBatch batch = batches.next();
            waitNanos += System.nanoTime() - w;
            double lr = session.learningRate();
            float loss = session.step(batch.first(), batch.second());
            long now = System.nanoTime();
            views += 2L * batch.first().size();
            meter.record(now, step, views);
            if (step == 1) {
                afterFirst = now;
                firstLoss = loss;
            }
            lastLoss = loss;
            recent[(int) ((step - 1) % recent.length)] = loss;
            if (step % logEvery == 0 || step == steps) {
                double elapsed = (now - start) / 1e9;
                ObjectNode line = Json.mapper().createObjectNode();
                line.put("step", step);
                line.put("epoch", Math.round(1000.0 * step / stepsPerEpoch) / 1000.0);
                line.put("loss", loss);
                line.put("lr", lr);
                line.put("viewsPerSec", Math.round(meter.viewsPerSecond() * 10) / 10.0);
                line.put("elapsedSec", Math.round(elapsed * 10) / 10.0);
                line.put("etaSec", Math.round(meter.etaSeconds(steps - step)));
                line.put("prefetched", batches.queued());
                System.out.println(line);
                System.out.flush();
            }
        }
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        int n = (int) Math.min(steps, recent.length);
        double mean = 0;
        for (int i = 0; i < n; i++) {
            mean += recent[i] / n;
        }
        double after = steps > 1 ? (views - views / steps) * 1e9 / (end - afterFirst) : Double.NaN;
        return new Result(
                steps,
                seconds,
                views / seconds,
                after,
                (processCpuNanos() - cpuStart) / 1e9 / steps,
                waitNanos / 1e9,
                firstLoss,
                lastLoss,
                mean);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
