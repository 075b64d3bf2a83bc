package dev.simclr.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.localstack.EmbeddedS3;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checkpoint sets against a real (embedded) s3proxy. */
class CheckpointSetsIT {

    private static final String BUCKET = "it-ckpt";
    private static EmbeddedS3 s3;
    private static ObjectStore store;
    private static CheckpointSets sets;

    @BeforeAll
    static void start() {
        s3 = EmbeddedS3.start(null);
        store = ObjectStore.connect(ObjectStoreConfig.builder()
                .setEndpoint(s3.endpoint())
                .setAccessKey(s3.accessKey())
                .setSecretKey(s3.secretKey())
                .build());
        store.ensureBucket(BUCKET);
        sets = new CheckpointSets(store);
    }

    @AfterAll
    static void stop() {
        store.close();
        s3.close();
    }

    private static Map<String, byte[]> files(long seed) {
        byte[] params = new byte[300_000];
        new Random(seed).nextBytes(params);
        return Map.of("model.params", params, "optimizer.bin", ("opt-" + seed).getBytes(StandardCharsets.UTF_8));
    }

    private static CheckpointManifest write(S3Uri run, long step) {
        return sets.write(CheckpointSets.setPrefix(run, step), files(step), CheckpointSetsTest.draft(step));
    }

    @Test
    void writtenSetReadsBackVerified() {
        S3Uri run = S3Uri.parse("s3://it-ckpt/run-ok/");
        CheckpointManifest written = write(run, 3);
        VerifiedCheckpoint v = sets.read(CheckpointSets.setPrefix(run, 3));
        assertThat(v.manifest()).isEqualTo(written);
        assertThat(v.file("model.params")).isEqualTo(files(3).get("model.params"));
        assertThat(v.manifestSha256())
                .isEqualTo(store.stat(run.resolve("step-3/manifest.json")).sha256());
        assertThat(store.list(run))
                .extracting(o -> o.uri().name())
                .containsExactlyInAnyOrder("manifest.json", "model.params", "optimizer.bin");
    }

    @Test
    void corruptedFileIsRefusedByName() {
        S3Uri run = S3Uri.parse("s3://it-ckpt/run-corrupt/");
        write(run, 1);
        byte[] tampered = files(1).get("model.params");
        tampered[12345] ^= 1;
        store.put(run.resolve("step-1/model.params"), tampered, null);
        assertThatThrownBy(() -> sets.read(CheckpointSets.setPrefix(run, 1)))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("s3://it-ckpt/run-corrupt/step-1/")
                .hasMessageContaining("file model.params has sha256");
    }

    @Test
    void setWithoutManifestIsRefused() {
        S3Uri run = S3Uri.parse("s3://it-ckpt/run-nomanifest/");
        write(run, 2);
        store.delete(run.resolve("step-2/manifest.json"));
        assertThatThrownBy(() -> sets.read(CheckpointSets.setPrefix(run, 2)))
                .isInstanceOf(CorruptCheckpointException.class)
                .hasMessageContaining("no manifest.json");
    }

    @Test
    void latestVerifiedOrdersStepsNumericallyAndSkipsACorruptNewerSet() {
        S3Uri run = S3Uri.parse("s3://it-ckpt/run-latest/");
        write(run, 9);
        write(run, 10);
        assertThat(sets.steps(run)).containsExactly(9L, 10L);
        assertThat(sets.latestVerified(run))
                .hasValueSatisfying(v -> assertThat(v.step()).isEqualTo(10));

        store.put(run.resolve("step-10/optimizer.bin"), "opt-XX".getBytes(StandardCharsets.UTF_8), null);
        assertThat(sets.latestVerified(run)).hasValueSatisfying(v -> {
            assertThat(v.step()).isEqualTo(9);
            assertThat(v.prefix()).hasToString("s3://it-ckpt/run-latest/step-9/");
        });
    }
}
