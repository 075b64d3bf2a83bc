package dev.simclr.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.RunLayout;
import dev.simclr.contracts.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CheckpointSetsTest {

    private static final S3Uri RUN = S3Uri.parse("s3://ckpt/run-1/");

    private final InMemoryBlobs blobs = new InMemoryBlobs();
    private final CheckpointSets sets = new CheckpointSets(blobs);

    static CheckpointManifest draft(long step) {
        return new CheckpointManifest(
                1,
                "run-1",
                step,
                0,
                step * 128,
                Instant.parse("2026-01-01T00:00:00Z"),
                List.of(),
                Map.of("simclr.views", Map.of(0, step * 64)),
                Map.of("seed", 42));
    }

    private static Map<String, byte[]> files(String tag) {
        return Map.of(
                "model.params",
                ("weights-" + tag).getBytes(StandardCharsets.UTF_8),
                "optimizer.bin",
                ("state-" + tag).getBytes(StandardCharsets.UTF_8));
    }

    private CheckpointManifest write(long step) {
        return sets.write(CheckpointSets.setPrefix(RUN, step), files("s" + step), draft(step));
    }

    @Test
    void writeFillsFileEntriesAndWritesTheManifestLast() {
        CheckpointManifest m = write(5);
        assertThat(m.files())
                .extracting(CheckpointManifest.FileEntry::name)
                .containsExactly("model.params", "optimizer.bin");
        assertThat(m.file("model.params").orElseThrow().sha256()).isEqualTo(Sha256.hex("weights-s5".getBytes()));
        assertThat(m.offsets()).isEqualTo(Map.of("simclr.views", Map.of(0, 320L)));
        assertThat(blobs.objects.keySet())
                .extracting(S3Uri::toString)
                .containsExactly(
                        "s3://ckpt/run-1/step-5/manifest.json",
                        "s3://ckpt/run-1/step-5/model.params",
                        "s3://ckpt/run-1/step-5/optimizer.bin");
    }

    @Test
    void theCheckBeforeTheManifestRunsAfterTheFilesAndCanStopTheManifest() {
        S3Uri prefix = CheckpointSets.setPrefix(RUN, 6);
        assertThatThrownBy(() -> sets.write(prefix, files("s6"), draft(6), () -> {
                    assertThat(blobs.objects)
                            .containsKeys(prefix.resolve("model.params"), prefix.resolve("optimizer.bin"));
                    throw new IllegalStateException("lost the lease");
                }))
                .hasMessage("lost the lease");
        assertThat(blobs.objects).doesNotContainKey(prefix.resolve(RunLayout.MANIFEST));
        assertThat(sets.latestVerified(RUN))
                .as("a set without manifest is incomplete")
                .isEmpty();
    }

    @Test
    void readVerifiesEveryFile() {
        CheckpointManifest written = write(7);
        VerifiedCheckpoint v = sets.read(CheckpointSets.setPrefix(RUN, 7));
        assertThat(v.manifest()).isEqualTo(written);
        assertThat(v.step()).isEqualTo(7);
        assertThat(new String(v.file("optimizer.bin"), StandardCharsets.UTF_8)).isEqualTo("state-s7");
        assertThat(v.manifestSha256()).isEqualTo(Sha256.hex(blobs.objects.get(RUN.resolve("step-7/manifest.json"))));
        assertThatThrownBy(() -> v.file("nope")).hasMessageContaining("has no file nope");
    }

    @Test
    void sameSizeDifferentContentIsASha256Mismatch() {
        write(1);
        blobs.objects.put(RUN.resolve("step-1/model.params"), "weights-XX".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> sets.read(RUN.resolve("step-1/")))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("file model.params has sha256")
                .hasMessageContaining("manifest says");
    }

    @Test
    void shorterOrLongerFilesAreSizeMismatches() {
        write(1);
        blobs.objects.put(RUN.resolve("step-1/model.params"), "w".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> sets.read(RUN.resolve("step-1")))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("file model.params has 1 bytes, manifest says 10");
        blobs.objects.put(RUN.resolve("step-1/model.params"), "weights-s1-and-more".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> sets.read(RUN.resolve("step-1")))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("file model.params is larger than the 10 bytes the manifest says");
    }

    @Test
    void missingFileOrManifestIsRefused() {
        write(2);
        blobs.objects.remove(RUN.resolve("step-2/optimizer.bin"));
        assertThatThrownBy(() -> sets.read(RUN.resolve("step-2/")))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("file optimizer.bin listed in the manifest is missing");
        blobs.objects.remove(RUN.resolve("step-2/manifest.json"));
        assertThatThrownBy(() -> sets.read(RUN.resolve("step-2/")))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("no manifest.json");
    }

    @Test
    void unparseableManifestIsRefused() {
        write(3);
        blobs.objects.put(
                RUN.resolve("step-3/manifest.json"), "{\"formatVersion\":1}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> sets.read(RUN.resolve("step-3/")))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("manifest.json is invalid")
                .hasMessageContaining("runId");
    }

    @Test
    void stepsAreNumericAndLatestVerifiedSkipsBadSets() {
        for (long step : new long[] {2, 9, 10, 100}) {
            write(step);
        }
        blobs.put(RUN.resolve("step-abc/x"), new byte[1], null);
        blobs.put(RUN.resolve("step-007/x"), new byte[1], null);
        blobs.put(RUN.resolve("notes.txt"), new byte[1], null);
        assertThat(sets.steps(RUN)).containsExactly(2L, 9L, 10L, 100L);
        assertThat(sets.latestVerified(RUN))
                .hasValueSatisfying(v -> assertThat(v.step()).isEqualTo(100));

        blobs.objects.remove(RUN.resolve("step-100/manifest.json"));
        blobs.objects.put(RUN.resolve("step-10/model.params"), "corrupted!".getBytes(StandardCharsets.UTF_8));
        assertThat(sets.latestVerified(RUN))
                .hasValueSatisfying(v -> assertThat(v.step()).isEqualTo(9));
    }

    @Test
    void emptyRunHasNoCheckpoint() {
        assertThat(sets.steps(RUN)).isEmpty();
        assertThat(sets.latestVerified(RUN)).isEmpty();
    }

    @Test
    void writeRefusesBadInput() {
        write(4);
        assertThatThrownBy(() -> write(4))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already complete");
        assertThatThrownBy(() -> sets.write(CheckpointSets.setPrefix(RUN, 6), files("x"), draft(7)))
                .hasMessageContaining("does not match the manifest's step 7");
        assertThatThrownBy(() -> sets.write(CheckpointSets.setPrefix(RUN, 8), Map.of("../x", new byte[1]), draft(8)))
                .hasMessageContaining("invalid file name '../x'");
        assertThatThrownBy(() ->
                        sets.write(CheckpointSets.setPrefix(RUN, 8), Map.of("manifest.json", new byte[1]), draft(8)))
                .hasMessageContaining("invalid file name 'manifest.json'");
        assertThatThrownBy(() -> sets.write(CheckpointSets.setPrefix(RUN, 8), Map.of(), draft(8)))
                .hasMessageContaining("no files");
        assertThatThrownBy(() -> CheckpointSets.setPrefix(RUN, -1)).hasMessageContaining("step must be >= 0");
    }
}
