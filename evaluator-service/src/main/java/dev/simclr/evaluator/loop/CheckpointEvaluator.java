package dev.simclr.evaluator.loop;

import dev.simclr.contracts.CheckpointEvent;
import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.EvalResultBuilder;
import dev.simclr.evaluation.EvaluationProtocol;
import dev.simclr.evaluation.LabelFreeMeasures;
import dev.simclr.evaluation.MetricRegistry;
import dev.simclr.evaluation.ProtocolResult;
import dev.simclr.evaluation.data.EvalSetException;
import dev.simclr.evaluator.config.EvaluatorSetup;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.eval.EncoderFeatures;
import dev.simclr.model.onnx.OnnxExport;
import dev.simclr.model.onnx.OnnxExporter;
import dev.simclr.model.train.TrainerState;
import dev.simclr.objectstore.CorruptCheckpointException;
import dev.simclr.objectstore.ObjectStoreException;
import dev.simclr.objectstore.ObjectStoreUnavailableException;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.objectstore.VerifiedCheckpoint;
import dev.simclr.onnx.OnnxEncoder;
import dev.simclr.onnx.OnnxParity;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates one checkpoint: read and verify the set, rebuild the model from the manifest attributes and files
 * ({@link TrainerState}), extract features of the eval set (fitted to the input by the checkpoint's canvas), run the
 * fixed protocol and the label-free measures on a held-out sample, export the encoder to ONNX and check it against DJL
 * on ONNX Runtime, upload {@code encoder.onnx} and {@code embedding.json}, and return the {@link EvalResult} (not yet
 * published). Problems with the event or checkpoint throw {@link EvaluationFailure} with the dead-letter reason. Not
 * thread-safe: one worker calls it.
 */
public final class CheckpointEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointEvaluator.class);

    private final ArtefactLayout layout;
    private final CheckpointReader reader;
    private final ArtefactStore store;
    private final EvalSets evalSets;
    private final EvaluatorSetup setup;
    private final EvaluationProtocol protocol;
    private final Clock clock;

    /** An evaluator of the standard metrics writing artefacts with {@code layout} into {@code store}. */
    public CheckpointEvaluator(
            ArtefactLayout layout,
            CheckpointReader reader,
            ArtefactStore store,
            EvalSets evalSets,
            EvaluatorSetup setup,
            Clock clock) {
        this(layout, reader, store, evalSets, setup, clock, MetricRegistry.standard());
    }

    /** An evaluator computing {@code metrics}, writing artefacts with {@code layout} into {@code store}. */
    public CheckpointEvaluator(
            ArtefactLayout layout,
            CheckpointReader reader,
            ArtefactStore store,
            EvalSets evalSets,
            EvaluatorSetup setup,
            Clock clock,
            MetricRegistry metrics) {
        this.layout = layout;
        this.reader = reader;
        this.store = store;
        this.evalSets = evalSets;
        this.setup = setup;
        this.protocol = EvaluationProtocol.builder()
                .optDevice(setup.device())
                .optMetrics(metrics)
                .build();
        this.clock = clock;
    }

    /**
     * The outcome of an evaluation.
     *
     * @param result the result to publish
     * @param config the model config of the checkpoint (for the references)
     * @param evalSet the eval set it was scored on
     */
    public record Evaluation(EvalResult result, ModelConfig config, LoadedEvalSet evalSet) {}

    /**
     * Evaluates the checkpoint of {@code event}.
     *
     * @throws EvaluationFailure with the dead-letter reason and the exact problem
     */
    public Evaluation evaluate(CheckpointEvent event) {
        long t0 = System.nanoTime();
        Map<String, Long> timings = new LinkedHashMap<>();
        S3Uri prefix = layout.checkpoint(event);
        LOG.info("evaluating {} step {} ({})", event.runId(), event.step(), prefix);
        TrainerState state = load(event, prefix);
        try (SimClrModel model = create(state, prefix)) {
            timings.put("load", ms(t0));

            long t = System.nanoTime();
            EncoderFeatures extractor = EncoderFeatures.of(model);
            LoadedEvalSet loaded;
            try {
                loaded = evalSets.load(extractor.inputSpec(), state.config().fit());
            } catch (EvalSetException e) {
                if (EvaluationWorker.Outage.unavailableCause(e) != null) {
                    throw e;
                }
                throw new EvaluationFailure(Reason.INTERNAL, "eval set cannot be loaded: " + e.getMessage(), e);
            }
            timings.put("evalSet", ms(t));

            SplitFeatures features = SplitFeatures.extract(
                    extractor, loaded.set(), setup.config().batchSize(), setup.device());
            timings.put("features", features.millis());
            LabelFreeMeasures.Sample sample = loaded.labelFree() == null
                    ? null
                    : new LabelFreeMeasures.Sample(
                            extractor,
                            loaded.labelFree().images(),
                            setup.config().batchSize(),
                            loaded.labelFree().name());
            ProtocolResult r = features.run(protocol, loaded.set(), sample);
            r.timingsMs().forEach((phase, millis) -> {
                if (!phase.equals("total")) {
                    timings.put(phase, millis);
                }
            });

            t = System.nanoTime();
            OnnxExport export = OnnxExporter.builder()
                    .optRunId(event.runId())
                    .optStep(event.step())
                    .optCreatedAt(clock.instant())
                    .optProperty("simclr.eval_set", loaded.label())
                    .optProperty("simclr.checkpoint", prefix.toString())
                    .build()
                    .export(model);
            long exportMs = ms(t);

            t = System.nanoTime();
            OnnxParity.Report parity = verify(export, features, loaded);
            timings.put("onnxVerify", ms(t));
            if (!parity.within(setup.config().parityTolerance())) {
                throw new EvaluationFailure(
                        Reason.INTERNAL,
                        "ONNX parity check failed for " + prefix + ": "
                                + parity.describe(setup.config().parityTolerance()));
            }

            t = System.nanoTime();
            S3Uri onnx = layout.onnx(event.runId(), event.step());
            store.put(onnx, export.bytes(), "application/octet-stream");
            timings.put("onnxExport", exportMs + ms(t));

            t = System.nanoTime();
            store.put(
                    layout.embedding(event.runId(), event.step()),
                    EmbeddingProjection.json(
                            event.runId(),
                            event.step(),
                            loaded.label(),
                            features.test(),
                            loaded.set().test().labels(),
                            loaded.set().classNames(),
                            setup.config().embeddingPoints(),
                            clock.instant()),
                    "application/json");
            timings.put("embedding", ms(t));
            timings.put("total", ms(t0));

            EvalResultBuilder b = r.withTimings(Map.of())
                    .applyTo(EvalResult.builder())
                    .setRunId(event.runId())
                    .setStep(event.step())
                    .setCheckpointUri(prefix.toString())
                    .setEvalSet(loaded.label())
                    .setOnnxUri(onnx.toString())
                    .setOnnxMaxAbsDiff(parity.maxAbsDiff())
                    .optTimingsMs(timings)
                    .setCreatedAt(clock.instant());
            loaded.mismatch().forEach(b::optEvalSetMismatch);
            EvalResult result = b.build();
            LOG.info(
                    "evaluated {} step {}: {} on {}{}; ONNX {} ({} nodes), {}; {} s",
                    event.runId(),
                    event.step(),
                    metricsLine(result, true),
                    loaded.label(),
                    result.labelFreeSet() == null
                            ? ""
                            : "; " + metricsLine(result, false) + " on " + result.labelFreeCount() + " images of "
                                    + result.labelFreeSet(),
                    onnx,
                    export.nodeCount(),
                    parity.describe(),
                    String.format("%.1f", timings.get("total") / 1e3));
            return new Evaluation(result, state.config(), loaded);
        }
    }

    /** {@code linear_top1 0.8412, knn_top1 0.8123, ...}: the metrics that need labels, or those that do not. */
    private String metricsLine(EvalResult result, boolean needsLabels) {
        StringBuilder line = new StringBuilder();
        result.metrics().forEach((name, value) -> {
            boolean labelled = protocol.metrics()
                    .description(name)
                    .map(d -> d.needsLabels())
                    .orElse(true);
            if (labelled == needsLabels) {
                line.append(line.length() == 0 ? "" : ", ")
                        .append(name)
                        .append(' ')
                        .append(String.format(Locale.ROOT, "%.4f", value));
            }
        });
        return line.toString();
    }

    private TrainerState load(CheckpointEvent event, S3Uri prefix) {
        VerifiedCheckpoint checkpoint;
        try {
            checkpoint = reader.read(prefix);
        } catch (CorruptCheckpointException e) {
            throw new EvaluationFailure(Reason.BAD_CHECKPOINT, e.getMessage(), e);
        } catch (ObjectStoreUnavailableException e) {
            throw e;
        } catch (ObjectStoreException e) {
            throw new EvaluationFailure(
                    Reason.FETCH_FAILED, "reading checkpoint " + prefix + " failed: " + e.getMessage(), e);
        }
        if (!checkpoint.manifestSha256().equals(event.manifestSha256())) {
            throw new EvaluationFailure(
                    Reason.BAD_CHECKPOINT,
                    "checkpoint set " + prefix + ": manifest.json has sha256 " + checkpoint.manifestSha256()
                            + " but the event announced " + event.manifestSha256());
        }
        if (!checkpoint.manifest().runId().equals(event.runId()) || checkpoint.step() != event.step()) {
            throw new EvaluationFailure(
                    Reason.BAD_CHECKPOINT,
                    "checkpoint set " + prefix + ": manifest is for run "
                            + checkpoint.manifest().runId() + " step " + checkpoint.step() + ", the event for run "
                            + event.runId()
                            + " step " + event.step());
        }
        try {
            return TrainerState.fromFiles(
                    checkpoint.files(), checkpoint.manifest().attributes());
        } catch (IllegalArgumentException e) {
            throw new EvaluationFailure(
                    Reason.BAD_CHECKPOINT, "checkpoint set " + prefix + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    private SimClrModel create(TrainerState state, S3Uri prefix) {
        SimClrModel model = SimClrModel.create(state.config(), setup.device(), state.seed());
        try {
            model.loadParameters(state.parameters());
            return model;
        } catch (IllegalArgumentException e) {
            model.close();
            throw new EvaluationFailure(Reason.BAD_CHECKPOINT, "checkpoint set " + prefix + ": " + e.getMessage(), e);
        }
    }

    private OnnxParity.Report verify(OnnxExport export, SplitFeatures features, LoadedEvalSet loaded) {
        int n = Math.min(setup.config().parityImages(), features.test().rows());
        int dim = features.test().dim();
        byte[] pixels = Arrays.copyOf(
                loaded.set().test().pixels(), n * loaded.set().test().imageBytes());
        try (OnnxEncoder encoder = OnnxEncoder.builder()
                .setModel(export.bytes())
                .optIntraOpThreads(setup.config().threads())
                .optDevice(setup.onnxDevice())
                .build()) {
            float[][] rows = encoder.embedPixels(pixels, n);
            float[] onnx = new float[n * dim];
            for (int i = 0; i < n; i++) {
                System.arraycopy(rows[i], 0, onnx, i * dim, dim);
            }
            return OnnxParity.compare(Arrays.copyOf(features.test().data(), n * dim), onnx, n, dim);
        }
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }
}
