package dev.simclr.augment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.testing.TestImages;
import dev.simclr.localstack.EmbeddedS3;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.objectstore.S3Uri;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PreviewCli with s3:// inputs, configured through SIMCLR_S3_* variables. */
class PreviewCliS3IT {

    @TempDir
    Path tmp;

    @Test
    void readsS3InputsAndReportsMissingOnes() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.start(null)) {
            s3.createBucket("previews");
            Map<String, String> env = Map.of(ObjectStoreConfig.ENV_ENDPOINT, s3.endpoint(),
                    ObjectStoreConfig.ENV_ACCESS_KEY, s3.accessKey(), ObjectStoreConfig.ENV_SECRET_KEY, s3.secretKey(),
                    ObjectStoreConfig.ENV_REGION, s3.region());
            try (ObjectStore store = ObjectStore.connect(ObjectStoreConfig.fromEnv(env))) {
                store.put(S3Uri.parse("s3://previews/cat.png"), TestImages.encode(TestImages.gradient(60, 40), "png"), "image/png");
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Path grid = tmp.resolve("grid.png");
            int status = PreviewCli.run(new String[] {"--out", grid.toString(), "--pairs", "2", "--size", "32",
                    "s3://previews/cat.png", "s3://previews/missing.png"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), env);
            assertThat(status).isEqualTo(1);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("ok: s3://previews/cat.png: 60x40x3");
            assertThat(err.toString(StandardCharsets.UTF_8).lines().toList())
                    .containsExactly("error: s3://previews/missing.png: not-found: object not found: s3://previews/missing.png");
            assertThat(ImageIO.read(grid.toFile()).getHeight()).isEqualTo(2 + (32 + 2));
        }
    }
}
