package dev.simclr.evaluator.service;

import ai.djl.Device;
import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.ViewPairFactory;
import dev.simclr.augment.idx.IdxFile;
import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.Sha256;
import dev.simclr.contracts.TrainingProgress;
import dev.simclr.contracts.ViewPair;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.run.Algorithm;
import dev.simclr.model.run.OptimizerSpec;
import dev.simclr.model.run.TrainingSession;
import dev.simclr.model.train.TrainerState;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Real data for the dashboard test, made the way the pipeline makes it: SimCLR view pairs of Fashion-MNIST training
 * images drawn by libs/augment's policy, a small encoder trained on them for a few steps with the trainer's
 * {@link TrainingSession} (so losses and views/s are measured, not invented), a {@link TrainingProgress} record per
 * step, and checkpoint sets written as the trainer writes them.
 */
final class TrainingRun implements AutoCloseable {

    /** The model: ResNet-18, small stem, 1/8 width, 32 px grey (the evaluator pads 28 to 32). */
    static final ModelConfig MODEL = ModelConfig.builder()
            .setChannels(1)
            .setInputSize(32)
            .optWidth(0.125)
            .optNormalization(List.of(0.286), List.of(0.353))
            .build();

    private final String runId;
    private final int batch;
    private final long totalSteps;
    private final DecodedImage[] images;
    private final ViewPairFactory views = new ViewPairFactory(PolicyConfig.simclr(32, 1));
    private final TrainingSession session;
    private final double[] recentSeconds = new double[10];
    private long step;

    /**
     * A fresh run on the first {@code images} Fashion-MNIST training images.
     *
     * @param dataset the directory of the IDX files
     */
    TrainingRun(String runId, Path dataset, int imageCount, int batch, long totalSteps) {
        this.runId = runId;
        this.batch = batch;
        this.totalSteps = totalSteps;
        try {
            images = IdxFile.read(dataset.resolve("train-images-idx3-ubyte.gz"))
                    .greyImages(imageCount)
                    .toArray(DecodedImage[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        OptimizerSpec spec = OptimizerSpec.builder()
                .setTotalSteps(totalSteps)
                .setBatchSize(batch)
                .optAlgorithm(Algorithm.SGD)
                .optLearningRate(0.1)
                .optWarmupSteps(Math.min(10, totalSteps))
                .build();
        session = TrainingSession.create(MODEL, spec, 0.2, Device.cpu(), 7);
    }

    /** The pair of image {@code i} in {@code epoch}, as the augmenter would publish it. */
    ViewPair pair(int i, int epoch) {
        return views.create(images[i % images.length], "fmnist-train-" + (i % images.length), epoch, 31L * i + epoch);
    }

    /** Runs one step on the next batch and returns its progress record. */
    TrainingProgress step() {
        List<byte[]> first = new ArrayList<>(batch);
        List<byte[]> second = new ArrayList<>(batch);
        for (int k = 0; k < batch; k++) {
            long n = step * batch + k;
            ViewPair p = pair((int) (n % images.length), (int) (n / images.length));
            first.add(p.view1());
            second.add(p.view2());
        }
        double lr = session.learningRate();
        long t0 = System.nanoTime();
        float loss = session.step(first, second);
        recentSeconds[(int) (step % recentSeconds.length)] = (System.nanoTime() - t0) / 1e9;
        step++;
        double window = Arrays.stream(recentSeconds).filter(s -> s > 0).sum();
        long timed = Math.min(step, recentSeconds.length);
        double viewsPerSecond = 2.0 * batch * timed / window;
        return TrainingProgress.builder()
                .setRunId(runId)
                .setStep(step)
                .setEpoch(step * batch / images.length)
                .setSamplesSeen(step * batch)
                .setLoss(loss)
                .setLr(lr)
                .setViewsPerSecond(viewsPerSecond)
                .optQueueDepth((int) (step % 3))
                .setTotalSteps(totalSteps)
                .optEtaSeconds((totalSteps - step) * window / timed)
                .setCreatedAt(Instant.now())
                .build();
    }

    /** Writes the checkpoint set of the current step to {@code s3://<bucket>/<run>/step-<n>/} and returns its event. */
    CheckpointEvent checkpoint(ObjectStore store, String bucket, double loss) {
        TrainerState state = session.state();
        S3Uri prefix = S3Uri.parse("s3://" + bucket + "/" + runId + "/step-" + step + "/");
        CheckpointManifest manifest = new CheckpointSets(store)
                .write(
                        prefix,
                        state.files(),
                        CheckpointManifest.builder()
                                .setRunId(runId)
                                .setStep(step)
                                .setEpoch(step * batch / images.length)
                                .setSamplesSeen(step * batch)
                                .setCreatedAt(Instant.now())
                                .optAttributes(state.attributes())
                                .build());
        return new CheckpointEvent(
                runId,
                step,
                step * batch / images.length,
                step * batch,
                loss,
                prefix.toString(),
                Sha256.hex(manifest.toJson().getBytes(StandardCharsets.UTF_8)),
                Instant.now());
    }

    /** Trains {@code steps} steps, handing each progress record to {@code progress}. */
    void train(long steps, Consumer<TrainingProgress> progress) {
        for (long i = 0; i < steps; i++) {
            progress.accept(step());
        }
    }

    @Override
    public void close() {
        session.close();
    }
}
