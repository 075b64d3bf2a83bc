package dev.simclr.augment.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.testing.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewCliTest {

    @TempDir
    Path tmp;

    private record Result(int status, String out, String err) {
        List<String> errorLines() {
            return err.lines().filter(l -> l.startsWith("error: ")).toList();
        }
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PreviewCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesAGridAndReportsEachBadInputOnItsOwnLine() throws Exception {
        Path good = Files.write(tmp.resolve("good.png"), TestImages.encode(TestImages.gradient(80, 60), "png"));
        Path grey = Files.write(tmp.resolve("grey.jpg"), TestImages.jpeg(TestImages.gradient(50, 70), 0.9f));
        byte[] jpeg = TestImages.jpeg(TestImages.noise(64, 64, 1), 0.9f);
        Path truncated = Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Path text = Files.write(tmp.resolve("notes.png"), "hello".getBytes(StandardCharsets.US_ASCII));
        Path grid = tmp.resolve("out/grid.png");
        Result r = run("--out", grid.toString(), "--pairs", "3", "--size", "40", "--channels", "3", "--seed", "5", "--blur", "on",
                good.toString(), truncated.toString(), tmp.resolve("missing.png").toString(), text.toString(), grey.toString(),
                "file:///etc/hostname");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errorLines()).hasSize(4);
        assertThat(r.errorLines().get(0)).startsWith("error: " + truncated + ": truncated: ");
        assertThat(r.errorLines().get(1)).startsWith("error: " + tmp.resolve("missing.png") + ": not-found: ");
        assertThat(r.errorLines().get(2)).startsWith("error: " + text + ": unsupported-format: ");
        assertThat(r.errorLines().get(3)).startsWith("error: file:///etc/hostname: refused: ");
        assertThat(r.out()).contains("ok: " + good).contains("wrote " + grid);
        BufferedImage img = ImageIO.read(grid.toFile());
        assertThat(img.getHeight()).isEqualTo(2 + 2 * (40 + 2));
        assertThat(img.getWidth()).isEqualTo(2 + 40 + 8 + 3 * (2 * 40 + 2 + 8));
    }

    @Test
    void sameSeedWritesTheSameGrid() throws Exception {
        Path good = Files.write(tmp.resolve("good.png"), TestImages.encode(TestImages.gradient(64, 64), "png"));
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        assertThat(run("--out", a.toString(), "--size", "32", "--channels", "1", good.toString()).status()).isZero();
        assertThat(run("--out", b.toString(), "--size", "32", "--channels", "1", good.toString()).status()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(ImageIO.read(a.toFile()).getRaster().getNumBands()).isEqualTo(1);
    }

    @Test
    void aGridTooLargeForMemoryIsRefusedBeforeAnyImageIsRead() {
        String[] args = new String[6 + 20_000];
        System.arraycopy(new String[] {"--out", tmp.resolve("g.png").toString(), "--size", "96", "--channels", "3"}, 0, args, 0, 6);
        for (int i = 0; i < 20_000; i++) {
            args[6 + i] = tmp.resolve("img-" + i + ".png").toString();
        }
        Result r = run(args);
        assertThat(r.status()).isEqualTo(2);
        // width 2 + 96 + 8 + 4 * (2 * 96 + 2 + 8) = 914 px; 20,000 rows of 98 px x 914 px x 3 bytes = 5,374 MB;
        // 256 MiB hold (268,435,456 / (914 * 3) - 2) / 98 = 998 rows.
        assertThat(r.errorLines()).containsExactly("error: 20000 images x 4 pairs at 96 px x 3 channel(s) make a 914x1960002 "
                + "grid (5374 MB, limit 256 MB): preview at most 998 images at these settings");
        assertThat(tmp.resolve("g.png")).doesNotExist();
    }

    @Test
    void badArgumentsGiveOneErrorLineAndStatusTwo() {
        Result noOut = run("x.png");
        assertThat(noOut.status()).isEqualTo(2);
        assertThat(noOut.errorLines()).containsExactly("error: --out is required");
        Result badBlur = run("--out", "g.png", "--blur", "sometimes", "x.png");
        assertThat(badBlur.errorLines()).containsExactly("error: --blur must be on, off or auto, got 'sometimes'");
        assertThat(run("--out", "g.png", "--pairs", "zero", "x.png").errorLines()).containsExactly("error: --pairs must be an integer, got 'zero'");
        assertThat(run("--out", "g.png", "--channels", "2", "x.png").status()).isEqualTo(2);
        assertThat(run("--out", "g.png").errorLines()).containsExactly("error: no input images given");
    }

    @Test
    void allInputsFailingWritesNothing() throws Exception {
        Path text = Files.write(tmp.resolve("notes.png"), "hello".getBytes(StandardCharsets.US_ASCII));
        Path grid = tmp.resolve("grid.png");
        Result r = run("--out", grid.toString(), text.toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(Files.exists(grid)).isFalse();
    }

    @Test
    void s3InputsWithoutObjectStoreSettingsFailWithOneClearLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PreviewCli.run(new String[] {"--out", tmp.resolve("g.png").toString(), "s3://bucket/a.png"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                java.util.Map.of("SIMCLR_S3_ACCESS_KEY", "k"));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "error: s3:// inputs need the object store settings SIMCLR_S3_ENDPOINT, SIMCLR_S3_ACCESS_KEY, "
                        + "SIMCLR_S3_SECRET_KEY (and optionally SIMCLR_S3_REGION): environment variable SIMCLR_S3_ENDPOINT is not set");
        assertThat(tmp.resolve("g.png")).doesNotExist();
    }
}
