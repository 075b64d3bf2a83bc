package dev.simclr.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.idx.IdxFile;
import dev.simclr.launcher.images.GrayPng;
import dev.simclr.localstack.EmbeddedS3;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.ObjectStoreConfig;
import dev.simclr.objectstore.S3Uri;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simclr preview} as users run it ({@code java -cp launcher/target/classes:<classpath.txt>}, the command line of
 * {@code ./simclr}): 2,000 Fashion-MNIST PNG files given as arguments plus {@code s3://} inputs read with the
 * {@code SIMCLR_S3_*} variables of the process environment, one of them missing.
 */
class PreviewCommandIT {

    private static final int IMAGES = 2_000;

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void previewsFilesAndS3InputsInOneProcess() throws Exception {
        Path repo = Path.of(System.getProperty("simclr.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        IdxFile idx = IdxFile.read(repo.resolve("datasets/fashion-mnist-subset/train-images-idx3-ubyte.gz"));
        Path images = Files.createDirectories(tmp.resolve("png"));
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            inputs.add(Files.write(
                            images.resolve(String.format("image-%05d.png", i)),
                            GrayPng.encode(idx.data(), i * idx.itemSize(), 28, 28))
                    .toString());
        }
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
                        S3Uri.parse("s3://previews/shoe.png"), Files.readAllBytes(Path.of(inputs.get(0))), "image/png");
            }
            inputs.add("s3://previews/shoe.png");
            inputs.add("s3://previews/missing.png");
            Path grid = tmp.resolve("grid.png");
            Path launcher = repo.resolve("launcher/target");
            List<String> cmd = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-cp",
                    launcher.resolve("classes") + ":"
                            + Files.readString(launcher.resolve("classpath.txt"))
                                    .strip(),
                    "dev.simclr.launcher.Simclr",
                    "preview",
                    "--out",
                    grid.toString(),
                    "--size",
                    "32",
                    "--channels",
                    "1",
                    "--pairs",
                    "2"));
            cmd.addAll(inputs);
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .redirectOutput(tmp.resolve("stdout.txt").toFile())
                    .redirectError(tmp.resolve("stderr.txt").toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
            String stdout = Files.readString(tmp.resolve("stdout.txt"));
            String stderr = Files.readString(tmp.resolve("stderr.txt"));
            assertThat(p.exitValue()).as(stderr).isEqualTo(1);
            assertThat(stderr.lines().filter(l -> l.startsWith("error: ")).toList())
                    .containsExactly(
                            "error: s3://previews/missing.png: not-found: object not found: s3://previews/missing.png");
            assertThat(stdout.lines().filter(l -> l.startsWith("ok: ")).count()).isEqualTo(IMAGES + 1);
            assertThat(stdout)
                    .contains("ok: s3://previews/shoe.png: 28x28x1, ")
                    .contains(": 2,001 row(s), one per image with 2 view pair(s); 1 image(s) skipped");
            BufferedImage img = ImageIO.read(grid.toFile());
            assertThat(img.getHeight()).isEqualTo(2 + (IMAGES + 1) * (32 + 2));
            assertThat(img.getWidth()).isEqualTo(2 + 32 + 8 + 2 * (2 * 32 + 2 + 8));
        }
    }
}
