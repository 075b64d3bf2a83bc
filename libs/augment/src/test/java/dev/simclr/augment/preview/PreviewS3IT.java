package dev.simclr.augment.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.testing.TestImages;
import dev.simclr.localstack.EmbeddedS3;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.objectstore.S3Uri;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preview with s3:// inputs, configured through SIMCLR_S3_* variables. */
class PreviewS3IT {

    @TempDir
    Path tmp;

    @Test
    void readsS3InputsAndReportsMissingOnes() throws Exception {
        try (EmbeddedS3 s3 = EmbeddedS3.start(null)) {
            s3.createBucket("previews");
            Map<String, String> env = Map.of(
                    ObjectStoreConfig.ENV_ENDPOINT,
                    s3.endpoint(),
                    ObjectStoreConfig.ENV_ACCESS_KEY,
                    s3.accessKey(),
                    ObjectStoreConfig.ENV_SECRET_KEY,
                    s3.secretKey(),
                    ObjectStoreConfig.ENV_REGION,
                    s3.region());
            try (ObjectStore store = ObjectStore.connect(ObjectStoreConfig.fromEnv(env))) {
                store.put(
                        S3Uri.parse("s3://previews/cat.png"),
                        TestImages.encode(TestImages.gradient(60, 40), "png"),
                        "image/png");
            }
            List<String> ok = new ArrayList<>();
            List<String> errors = new ArrayList<>();
            Path grid = tmp.resolve("grid.png");
            Preview.Report r = Preview.builder()
                    .optPairs(2)
                    .optSize(32)
                    .optEnvironment(env)
                    .build()
                    .write(grid, List.of("s3://previews/cat.png", "s3://previews/missing.png"), new Preview.Listener() {
                        @Override
                        public void rendered(String input, DecodedImage image, int bytes) {
                            ok.add(input + ": " + image.width() + "x" + image.height() + "x" + image.channels());
                        }

                        @Override
                        public void skipped(String input, String kind, String reason) {
                            errors.add("error: " + input + ": " + kind + ": " + reason);
                        }
                    });
            assertThat(r.rows()).isEqualTo(1);
            assertThat(r.skipped()).isEqualTo(1);
            assertThat(ok).containsExactly("s3://previews/cat.png: 60x40x3");
            assertThat(errors)
                    .containsExactly(
                            "error: s3://previews/missing.png: not-found: object not found: s3://previews/missing.png");
            assertThat(ImageIO.read(grid.toFile()).getHeight()).isEqualTo(2 + (32 + 2));
        }
    }
}
