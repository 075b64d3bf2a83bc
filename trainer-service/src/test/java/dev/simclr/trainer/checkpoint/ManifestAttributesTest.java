package dev.simclr.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.OffsetRanges;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.run.Algorithm;
import dev.simclr.model.run.OptimizerSpec;
import dev.simclr.model.train.TrainerState;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestAttributesTest {

    private static final ModelConfig MODEL = ModelConfig.builder()
            .setChannels(1)
            .setInputSize(8)
            .optWidth(0.0625)
            .optProjectionDim(16)
            .build();
    private static final OptimizerSpec SPEC = new OptimizerSpec(Algorithm.LARS, 0.05, 2, 10, 1e-6, 0.9);

    @Test
    void attributesSurviveTheManifestJsonRoundTrip() {
        TrainerState state = new TrainerState(MODEL, 3, 42, "lars", new byte[] {1, 2}, new byte[] {3});
        Lineage lineage = new Lineage(3, 1, 12, Map.of(0, 7L, 1, 9L), 2, 5, 1, 4.25);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("runId", "r1");
        run.put("batchSize", 4);
        Provenance prov = new Provenance("0.1.0", "abc123", "kafka:simclr.views", "host-1", "PyTorch 2.7.1 on cpu()");
        CheckpointManifest m = CheckpointManifest.builder()
                .setRunId("r1")
                .setStep(3)
                .setEpoch(1)
                .setSamplesSeen(12)
                .setCreatedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .optOffsets(Map.of("simclr.views", lineage.offsets()))
                .optAttributes(ManifestAttributes.build(state, SPEC, lineage, run, prov))
                .build();
        CheckpointManifest parsed = CheckpointManifest.fromJson(m.toJsonBytes());
        assertThat(parsed).isEqualTo(m);

        Map<String, Object> a = parsed.attributes();
        assertThat(a)
                .containsKeys(
                        "model",
                        "step",
                        "seed",
                        "optimizer",
                        "optimizerSpec",
                        "schedule",
                        "seeds",
                        "run",
                        "deadLettered",
                        "skippedOtherRun",
                        "partialSteps",
                        "loss",
                        "trainedAbove",
                        "provenance");
        assertThat(a.get("schedule"))
                .isEqualTo(Map.of("position", 3, "nextLr", SPEC.schedule().lr(3)));
        assertThat(a.get("provenance"))
                .isEqualTo(Map.of(
                        "codeVersion",
                        "0.1.0",
                        "gitCommit",
                        "abc123",
                        "dataset",
                        "kafka:simclr.views",
                        "createdBy",
                        "host-1",
                        "engine",
                        "PyTorch 2.7.1 on cpu()"));
        assertThat(((Map<?, ?>) a.get("seeds")).get("model")).isEqualTo(42);

        ManifestAttributes.Resumed r = ManifestAttributes.read(parsed, state.files(), "simclr.views");
        assertThat(r.state()).isEqualTo(state);
        assertThat(r.optimizer()).isEqualTo(SPEC);
        assertThat(r.lineage()).isEqualTo(lineage);
        assertThat(r.run()).isEqualTo(run);
    }

    @Test
    void missingOrInconsistentAttributesAreNamed() {
        TrainerState state = new TrainerState(MODEL, 3, 42, "lars", new byte[] {1}, new byte[] {3});
        Map<String, Object> attrs = new LinkedHashMap<>(ManifestAttributes.build(
                state,
                SPEC,
                new Lineage(3, 0, 12, Map.of(), 0, 0, 0, Double.NaN),
                Map.of(),
                new Provenance("v", "c", "d", "h", "e")));
        CheckpointManifest wrongStep = CheckpointManifest.builder()
                .setRunId("r1")
                .setStep(4)
                .setEpoch(0)
                .setSamplesSeen(12)
                .setCreatedAt(Instant.EPOCH)
                .optAttributes(attrs)
                .build();
        assertThatThrownBy(() -> ManifestAttributes.read(wrongStep, state.files(), "simclr.views"))
                .hasMessageContaining("checkpoint step 4: its optimizer state is at step 3");
        attrs.remove("deadLettered");
        CheckpointManifest noCount = CheckpointManifest.builder()
                .setRunId("r1")
                .setStep(3)
                .setEpoch(0)
                .setSamplesSeen(12)
                .setCreatedAt(Instant.EPOCH)
                .optAttributes(attrs)
                .build();
        assertThatThrownBy(() -> ManifestAttributes.read(noCount, state.files(), "simclr.views"))
                .hasMessage("checkpoint attribute 'deadLettered' must be a count, got null");
        CheckpointManifest fresh = CheckpointManifest.builder()
                .setRunId("r1")
                .setStep(3)
                .setEpoch(0)
                .setSamplesSeen(12)
                .setCreatedAt(Instant.EPOCH)
                .optAttributes(ManifestAttributes.build(
                        state,
                        SPEC,
                        new Lineage(3, 0, 12, Map.of(), 0, 0, 0, Double.NaN),
                        Map.of(),
                        new Provenance("v", "c", "d", "h", "e")))
                .build();
        assertThat(ManifestAttributes.read(fresh, state.files(), "simclr.views")
                        .lineage()
                        .loss())
                .isNaN();
    }

    @Test
    void theRangesTrainedAboveTheWatermarksSurviveTheRoundTripAndOldCheckpointsHaveNone() {
        TrainerState state = new TrainerState(MODEL, 3, 42, "lars", new byte[] {1}, new byte[] {3});
        Lineage lineage = new Lineage(
                3,
                0,
                12,
                Map.of(0, 100L, 1, 7L),
                0,
                0,
                0,
                1.0,
                Map.of(0, OffsetRanges.builder().add(102, 105).add(107, 107).build()));
        Provenance prov = new Provenance("v", "c", "d", "h", "e");
        CheckpointManifest m = CheckpointManifest.builder()
                .setRunId("r1")
                .setStep(3)
                .setEpoch(0)
                .setSamplesSeen(12)
                .setCreatedAt(Instant.EPOCH)
                .optOffsets(Map.of("simclr.views", lineage.offsets()))
                .optAttributes(ManifestAttributes.build(state, SPEC, lineage, Map.of(), prov))
                .build();
        CheckpointManifest parsed = CheckpointManifest.fromJson(m.toJsonBytes());
        assertThat(parsed.offsets())
                .as("the manifest's offsets are the watermarks")
                .isEqualTo(Map.of("simclr.views", Map.of(0, 100L, 1, 7L)));
        assertThat(parsed.attributes().get("trainedAbove")).isEqualTo(Map.of("0", "2-5,7"));
        Lineage read =
                ManifestAttributes.read(parsed, state.files(), "simclr.views").lineage();
        assertThat(read).isEqualTo(lineage);
        assertThat(read.position().covers(0, 103)).isTrue();
        assertThat(read.position().covers(0, 106)).isFalse();

        Map<String, Object> old = new LinkedHashMap<>(parsed.attributes());
        old.remove("trainedAbove");
        CheckpointManifest before = CheckpointManifest.builder()
                .setRunId("r1")
                .setStep(3)
                .setEpoch(0)
                .setSamplesSeen(12)
                .setCreatedAt(Instant.EPOCH)
                .optOffsets(parsed.offsets())
                .optAttributes(old)
                .build();
        assertThat(ManifestAttributes.read(before, state.files(), "simclr.views")
                        .lineage()
                        .trainedAbove())
                .as("a checkpoint written before the attribute: nothing above the offsets")
                .isEmpty();

        old.put("trainedAbove", Map.of("0", "2-x"));
        CheckpointManifest bad = CheckpointManifest.builder()
                .setRunId("r1")
                .setStep(3)
                .setEpoch(0)
                .setSamplesSeen(12)
                .setCreatedAt(Instant.EPOCH)
                .optOffsets(parsed.offsets())
                .optAttributes(old)
                .build();
        assertThatThrownBy(() -> ManifestAttributes.read(bad, state.files(), "simclr.views"))
                .hasMessageContaining("checkpoint step 3: offset ranges: bad range '2-x'");
    }
}
