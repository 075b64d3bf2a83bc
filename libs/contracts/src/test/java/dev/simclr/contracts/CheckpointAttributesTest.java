package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointAttributesTest {

    private static final String SHA = "a".repeat(64);

    private static CheckpointManifest manifest(Map<String, Object> attributes) {
        CheckpointManifestBuilder b = CheckpointManifest.builder()
                .setRunId("r")
                .setStep(40)
                .setEpoch(0)
                .setSamplesSeen(40 * 8)
                .setCreatedAt(Instant.parse("2026-12-06T12:00:00Z"))
                .optFile("params.bin", 1, SHA)
                .optOffset(Topics.VIEWS, 0, 100)
                .optOffset(Topics.VIEWS, 1, 7);
        attributes.forEach(b::optAttribute);
        return b.build();
    }

    private static Map<String, Object> lineage() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put(CheckpointAttributes.OPTIMIZER_SPEC, Map.of("algorithm", "lars"));
        a.put(CheckpointAttributes.RUN, Map.of("batchSize", 8));
        a.put(CheckpointAttributes.DEAD_LETTERED, 3);
        a.put(CheckpointAttributes.SKIPPED_OTHER_RUN, 0);
        a.put(CheckpointAttributes.PARTIAL_STEPS, 2);
        a.put(CheckpointAttributes.LOSS, 4.25);
        a.put(CheckpointAttributes.TRAINED_ABOVE, Map.of("0", "2-5,7"));
        a.put(CheckpointAttributes.PROVENANCE, Map.of("codeVersion", "0.1.0"));
        return a;
    }

    @Test
    void readsTheLineageBackTyped() {
        CheckpointManifest m = manifest(lineage());
        assertThat(CheckpointAttributes.counters(m)).isEqualTo(new CheckpointAttributes.Counters(3, 0, 2, 4.25));
        assertThat(CheckpointAttributes.run(m)).isEqualTo(Map.of("batchSize", 8));
        assertThat(CheckpointAttributes.provenance(m)).isEqualTo(Map.of("codeVersion", "0.1.0"));
        assertThat(CheckpointAttributes.optimizerSpec(m)).isEqualTo(Map.of("algorithm", "lars"));
        TrainedPosition p = CheckpointAttributes.position(m, Topics.VIEWS);
        assertThat(p.watermarks()).isEqualTo(Map.of(0, 100L, 1, 7L));
        assertThat(p.covers(0, 99)).isTrue();
        assertThat(p.covers(0, 100)).isFalse();
        assertThat(p.covers(0, 102)).isTrue();
        assertThat(p.covers(0, 105)).isTrue();
        assertThat(p.covers(0, 106)).isFalse();
        assertThat(p.covers(0, 107)).isTrue();
        assertThat(p.covers(1, 7)).isFalse();
        assertThat(p.covers(2, 0)).as("a partition without a watermark").isFalse();
    }

    @Test
    void aNullLossIsNaNAndAnOlderManifestHasNothingAbove() {
        Map<String, Object> a = lineage();
        a.put(CheckpointAttributes.LOSS, null);
        a.remove(CheckpointAttributes.TRAINED_ABOVE);
        a.remove(CheckpointAttributes.RUN);
        CheckpointManifest m = manifest(a);
        assertThat(CheckpointAttributes.counters(m).loss()).isNaN();
        assertThat(CheckpointAttributes.position(m, Topics.VIEWS).trainedAbove())
                .isEmpty();
        assertThat(CheckpointAttributes.run(m)).isEmpty();
    }

    @Test
    void malformedAttributesNameTheKeyAndTheStep() {
        Map<String, Object> a = lineage();
        a.put(CheckpointAttributes.PARTIAL_STEPS, -1);
        assertThatThrownBy(() -> CheckpointAttributes.counters(manifest(a)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("checkpoint attribute 'partialSteps' must be a count, got -1");
        a.put(CheckpointAttributes.PARTIAL_STEPS, 1.5);
        assertThatThrownBy(() -> CheckpointAttributes.counters(manifest(a))).hasMessageContaining("got 1.5");
        a.remove(CheckpointAttributes.PARTIAL_STEPS);
        assertThatThrownBy(() -> CheckpointAttributes.counters(manifest(a))).hasMessageContaining("got null");

        Map<String, Object> b = lineage();
        b.remove(CheckpointAttributes.OPTIMIZER_SPEC);
        assertThatThrownBy(() -> CheckpointAttributes.optimizerSpec(manifest(b)))
                .hasMessage("checkpoint step 40: attribute 'optimizerSpec' is missing");

        Map<String, Object> c = lineage();
        c.put(CheckpointAttributes.TRAINED_ABOVE, Map.of("5", "1-2"));
        assertThatThrownBy(() -> CheckpointAttributes.position(manifest(c), Topics.VIEWS))
                .hasMessageStartingWith("checkpoint step 40: attribute 'trainedAbove': partition 5 needs an offset");
    }

    @Test
    void theStandardNamesAreDistinct() {
        assertThat(CheckpointAttributes.STANDARD)
                .doesNotHaveDuplicates()
                .hasSize(14)
                .containsSubsequence(
                        CheckpointAttributes.MODEL,
                        CheckpointAttributes.TRAINED_ABOVE,
                        CheckpointAttributes.PROVENANCE);
    }
}
