package dev.simclr.evaluator.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.DeadLetter.Reason;
import dev.simclr.contracts.EvalResult;
import dev.simclr.contracts.LegacyMetrics;
import dev.simclr.contracts.MetricDescription;
import dev.simclr.contracts.MetricDescription.Direction;
import dev.simclr.contracts.MetricDescription.Unit;
import dev.simclr.evaluation.EvaluationMetric;
import dev.simclr.evaluation.MetricRegistry;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.Stem;
import dev.simclr.objectstore.CorruptCheckpointException;
import dev.simclr.objectstore.S3Uri;
import dev.simclr.objectstore.VerifiedCheckpoint;
import dev.simclr.onnx.EncoderMetadata;
import dev.simclr.onnx.OnnxEncoder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The per-checkpoint pipeline on a tiny model, a synthetic eval set and an in-memory store. */
class CheckpointEvaluatorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-02-03T04:05:06Z"), ZoneOffset.UTC);
    private static VerifiedCheckpoint checkpoint;

    @TempDir
    Path cache;

    @BeforeAll
    static void writeCheckpoint() {
        checkpoint = Fixtures.checkpoint("run-1", 100, Fixtures.tinyConfig(), 5);
    }

    private CheckpointEvaluator evaluator(
            MemoryArtefacts store, CheckpointReader reader, double tolerance, int maxTrain) {
        return new CheckpointEvaluator(
                new ArtefactLayout(Fixtures.BUCKET),
                reader,
                store,
                Fixtures.evalSets(cache, maxTrain, 0),
                Fixtures.settings(tolerance),
                CLOCK);
    }

    private static CheckpointReader reader(VerifiedCheckpoint cp) {
        return prefix -> {
            assertThat(prefix).isEqualTo(cp.prefix());
            return cp;
        };
    }

    @Test
    void evaluatesExportsVerifiesAndWritesArtefacts() {
        MemoryArtefacts store = new MemoryArtefacts();
        CheckpointEvaluator.Evaluation e =
                evaluator(store, reader(checkpoint), 1e-4, 45).evaluate(Fixtures.event("run-1", 100));
        EvalResult r = e.result();

        assertThat(r.runId()).isEqualTo("run-1");
        assertThat(r.step()).isEqualTo(100);
        assertThat(r.checkpointUri()).isEqualTo("s3://simclr-test/run-1/step-100/");
        assertThat(r.evalSet()).isEqualTo("synthetic[train=45,test=30]");
        assertThat(r.trainCount()).isEqualTo(45);
        assertThat(r.testCount()).isEqualTo(30);
        assertThat(r.featureDim()).isEqualTo(64);
        assertThat(r.linearTop1()).isBetween(0.0, 1.0);
        assertThat(r.knnTop1()).isBetween(0.0, 1.0);
        assertThat(r.linearTop5()).as("3 classes: no top-5").isNull();
        assertThat(r.onnxMaxAbsDiff()).isLessThanOrEqualTo(1e-4);
        assertThat(r.createdAt()).isEqualTo(CLOCK.instant());
        assertThat(r.timingsMs().keySet())
                .containsExactly(
                        "load",
                        "evalSet",
                        "features",
                        "standardize",
                        "linear",
                        "knn",
                        "labelFree",
                        "onnxVerify",
                        "onnxExport",
                        "embedding",
                        "total");
        assertThat(r.labelFreeSet()).isEqualTo("synthetic/test");
        assertThat(r.labelFreeCount()).isEqualTo(Fixtures.LABEL_FREE_SAMPLES);
        assertThat(r.alignment()).isBetween(0.0, 4.0);
        assertThat(r.uniformity()).isBetween(-4 - 4.0 / 19, 0.0);
        assertThat(r.evalSetMismatch())
                .as("nothing known about the synthetic set's images")
                .isEmpty();
        assertThat(r.timingsMs().get("total"))
                .isGreaterThanOrEqualTo(r.timingsMs().get("features"));
        assertThat(e.config()).isEqualTo(Fixtures.tinyConfig());

        assertThat(r.onnxUri()).isEqualTo("s3://simclr-test/run-1/step-100/encoder.onnx");
        byte[] onnx = store.get(S3Uri.parse(r.onnxUri()), Long.MAX_VALUE - 1);
        try (OnnxEncoder encoder = OnnxEncoder.load(onnx)) {
            EncoderMetadata m = encoder.metadata();
            assertThat(m.property(EncoderMetadata.RUN_ID)).contains("run-1");
            assertThat(m.property(EncoderMetadata.STEP)).contains("100");
            assertThat(m.property("simclr.eval_set")).contains("synthetic[train=45,test=30]");
            assertThat(m.resizeMode()).contains(ResizeMode.PAD);
            assertThat(m.mean()).containsExactly(0.3);
        }

        JsonNode embedding = Jsons.parse(
                store.get(S3Uri.parse("s3://simclr-test/run-1/step-100/embedding.json"), 1 << 20), "embedding");
        assertThat(embedding.path("count").asInt()).isEqualTo(25);
        assertThat(embedding.path("x")).hasSize(25);
        assertThat(embedding.path("label")).hasSize(25);
        assertThat(embedding.path("classNames").toString()).isEqualTo("[\"left\",\"middle\",\"right\"]");
        assertThat(embedding.path("explainedVarianceRatio").get(0).asDouble()).isBetween(0.0, 1.0);
        assertThat(store.objects()).doesNotContainKey("s3://simclr-test/run-1/step-100/eval.json");
    }

    /** A metric that exists only in this test: the share of test images of class 0. */
    static final EvaluationMetric CLASS0_SHARE = EvaluationMetric.of(
            MetricDescription.builder()
                    .setName("class0_share")
                    .setLabel("class-0 share")
                    .setDescription("Share of test images of class 0.")
                    .setUnit(Unit.FRACTION)
                    .setDirection(Direction.HIGHER)
                    .optNeedsLabels(true)
                    .optSummaryLabel("class 0")
                    .build(),
            c -> OptionalDouble.of(
                    Arrays.stream(c.testLabels()).filter(y -> y == 0).count() / (double) c.testLabels().length));

    @Test
    void aMetricRegisteredOnceReachesTheResultAndTheReferences() {
        MemoryArtefacts store = new MemoryArtefacts();
        ArtefactLayout layout = new ArtefactLayout(Fixtures.BUCKET);
        MetricRegistry metrics = MetricRegistry.standard().with(CLASS0_SHARE);
        CheckpointEvaluator.Evaluation e = new CheckpointEvaluator(
                        layout,
                        reader(checkpoint),
                        store,
                        Fixtures.evalSets(cache, 45, 0),
                        Fixtures.settings(1e-4),
                        CLOCK,
                        metrics)
                .evaluate(Fixtures.event("run-1", 100));
        EvalResult r = EvalResult.fromJson(e.result().toJson());
        assertThat(r.metrics().keySet())
                .containsExactly("linear_top1", "knn_top1", "alignment", "uniformity", "class0_share");
        double expected = Arrays.stream(e.evalSet().set().test().labels())
                        .filter(y -> y == 0)
                        .count()
                / (double) e.evalSet().set().test().count();
        assertThat(r.metric("class0_share")).hasValue(expected);
        assertThat(e.result().toJson()).as("legacy fields still written").contains("\"linearTop1\":", "\"alignment\":");

        new ReferenceBaselines(layout, store, Fixtures.settings(1e-4), CLOCK, metrics)
                .ensure("run-1", e.config(), e.evalSet());
        JsonNode raw = Jsons.parse(store.get(layout.reference("run-1"), 1 << 20), "reference")
                .path("entries")
                .get(0)
                .path("rawPixels");
        assertThat(LegacyMetrics.read(raw))
                .containsOnlyKeys("linear_top1", "knn_top1", "class0_share")
                .containsEntry("class0_share", expected);
        assertThat(raw.path("linearTop1").asDouble())
                .isEqualTo(raw.path("metrics").path("linear_top1").asDouble());
    }

    @Test
    void evaluationAndExportUseTheCheckpointsCanvas() {
        ModelConfig cropped = ModelConfig.builder()
                .setChannels(1)
                .setInputSize(16)
                .optArch(Arch.RESNET18)
                .optStem(Stem.SMALL)
                .optWidth(0.125)
                .optNormalization(List.of(0.3), List.of(0.3))
                .optFit(ResizeMode.CENTER_CROP)
                .build();
        VerifiedCheckpoint cp = Fixtures.checkpoint("run-c", 10, cropped, 5);
        MemoryArtefacts store = new MemoryArtefacts();
        CheckpointEvaluator.Evaluation e =
                evaluator(store, reader(cp), 1e-4, 30).evaluate(Fixtures.event("run-c", 10));
        assertThat(e.evalSet().mode()).isEqualTo(ResizeMode.CENTER_CROP);
        assertThat(e.evalSet().set().preprocessing().key()).isEqualTo("16x16x1-center-crop");
        try (OnnxEncoder encoder =
                OnnxEncoder.load(store.get(S3Uri.parse(e.result().onnxUri()), Long.MAX_VALUE - 1))) {
            assertThat(encoder.metadata().resizeMode()).contains(ResizeMode.CENTER_CROP);
            assertThat(encoder.preprocessor().mode()).isEqualTo(ResizeMode.CENTER_CROP);
        }
    }

    @Test
    void corruptOrInconsistentCheckpointsAreBadCheckpoints() {
        MemoryArtefacts store = new MemoryArtefacts();
        CheckpointReader corrupt = prefix -> {
            throw new CorruptCheckpointException(prefix, "file parameters.djl has sha256 00, manifest says 11");
        };
        assertThatThrownBy(() -> evaluator(store, corrupt, 1e-4, 0).evaluate(Fixtures.event("run-1", 100)))
                .isInstanceOfSatisfying(
                        EvaluationFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.BAD_CHECKPOINT))
                .hasMessage(
                        "checkpoint set s3://simclr-test/run-1/step-100/ does not verify: file parameters.djl has sha256 00,"
                                + " manifest says 11");

        VerifiedCheckpoint otherManifest =
                new VerifiedCheckpoint(checkpoint.prefix(), checkpoint.manifest(), "b".repeat(64), checkpoint.files());
        assertThatThrownBy(
                        () -> evaluator(store, reader(otherManifest), 1e-4, 0).evaluate(Fixtures.event("run-1", 100)))
                .isInstanceOfSatisfying(
                        EvaluationFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.BAD_CHECKPOINT))
                .hasMessageContaining("manifest.json has sha256 bbbb")
                .hasMessageContaining("the event announced aaaa");

        CheckpointManifest noModel = CheckpointManifest.builder()
                .setRunId("run-1")
                .setStep(100)
                .setEpoch(0)
                .setSamplesSeen(0)
                .setCreatedAt(Instant.EPOCH)
                .optAttributes(Fixtures.attributesWithout(checkpoint, "model"))
                .build();
        VerifiedCheckpoint withoutModel =
                new VerifiedCheckpoint(checkpoint.prefix(), noModel, Fixtures.SHA, checkpoint.files());
        assertThatThrownBy(() -> evaluator(store, reader(withoutModel), 1e-4, 0).evaluate(Fixtures.event("run-1", 100)))
                .isInstanceOfSatisfying(
                        EvaluationFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.BAD_CHECKPOINT))
                .hasMessageContaining("attribute 'model' (model config) is missing");

        VerifiedCheckpoint otherModel = Fixtures.checkpoint(
                "run-1",
                100,
                dev.simclr.model.ModelConfig.builder()
                        .setChannels(1)
                        .setInputSize(16)
                        .optWidth(0.25)
                        .build(),
                1);
        VerifiedCheckpoint mismatched =
                new VerifiedCheckpoint(checkpoint.prefix(), checkpoint.manifest(), Fixtures.SHA, otherModel.files());
        assertThatThrownBy(() -> evaluator(store, reader(mismatched), 1e-4, 0).evaluate(Fixtures.event("run-1", 100)))
                .isInstanceOfSatisfying(
                        EvaluationFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.BAD_CHECKPOINT))
                .hasMessageContaining("parameters do not fit this resnet18 network");
        assertThat(store.objects()).isEmpty();
    }

    @Test
    void eventsOutsideTheLayoutAreRefused() {
        MemoryArtefacts store = new MemoryArtefacts();
        var event = Fixtures.event("run-1", 100);
        var elsewhere = new dev.simclr.contracts.CheckpointEvent(
                "run-1", 100, 0, 0, 1.0, "s3://other-bucket/run-1/step-100/", Fixtures.SHA, Instant.EPOCH);
        assertThatThrownBy(() -> evaluator(store, reader(checkpoint), 1e-4, 0).evaluate(elsewhere))
                .isInstanceOfSatisfying(
                        EvaluationFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.REFUSED_URI))
                .hasMessageContaining("expected s3://simclr-test/run-1/step-100/");
        var file = new dev.simclr.contracts.CheckpointEvent(
                "run-1", 100, 0, 0, 1.0, "file:///tmp/run-1/step-100/", Fixtures.SHA, Instant.EPOCH);
        assertThatThrownBy(() -> evaluator(store, reader(checkpoint), 1e-4, 0).evaluate(file))
                .isInstanceOfSatisfying(
                        EvaluationFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.UNSUPPORTED_URI));
        assertThat(event.checkpointUri()).endsWith("/step-100/");
    }

    @Test
    void aParityMismatchFailsTheEvaluationWithTheMeasuredDifference() {
        MemoryArtefacts store = new MemoryArtefacts();
        // A tolerance no fp32 re-implementation meets: DJL and ONNX Runtime differ by rounding.
        assertThatThrownBy(() -> evaluator(store, reader(checkpoint), 1e-12, 0).evaluate(Fixtures.event("run-1", 100)))
                .isInstanceOfSatisfying(
                        EvaluationFailure.class, f -> assertThat(f.reason()).isEqualTo(Reason.INTERNAL))
                .hasMessageStartingWith("ONNX parity check failed for s3://simclr-test/run-1/step-100/: max |diff| ")
                .hasMessageContaining("over 16x64 features")
                .hasMessageContaining("EXCEEDS the allowed ")
                .hasMessageContaining("(tolerance 1.0e-12 x max(1, largest |value| ");
        assertThat(store.objects())
                .as("nothing is uploaded for a failed export")
                .isEmpty();
    }
}
