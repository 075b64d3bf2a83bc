package dev.simclr.augment.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.testing.TestImages;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewTest {

    @TempDir
    Path tmp;

    /** Listener lines as the CLI prints them. */
    private static final class Lines implements Preview.Listener {
        final List<String> ok = new ArrayList<>();
        final List<String> errors = new ArrayList<>();

        @Override
        public void rendered(String input, DecodedImage image, int bytes) {
            ok.add(input + ": " + image.width() + "x" + image.height() + "x" + image.channels() + ", " + bytes
                    + " bytes");
        }

        @Override
        public void skipped(String input, String kind, String reason) {
            errors.add("error: " + input + ": " + kind + ": " + reason);
        }
    }

    @Test
    void writesAGridAndReportsEachBadInputOnItsOwn() throws Exception {
        Path good = Files.write(tmp.resolve("good.png"), TestImages.encode(TestImages.gradient(80, 60), "png"));
        Path grey = Files.write(tmp.resolve("grey.jpg"), TestImages.jpeg(TestImages.gradient(50, 70), 0.9f));
        byte[] jpeg = TestImages.jpeg(TestImages.noise(64, 64, 1), 0.9f);
        Path truncated = Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Path text = Files.write(tmp.resolve("notes.png"), "hello".getBytes(StandardCharsets.US_ASCII));
        Path grid = tmp.resolve("out/grid.png");
        Lines lines = new Lines();
        Preview.Report r = Preview.builder()
                .optPairs(3)
                .optSize(40)
                .optChannels(3)
                .optSeed(5)
                .optBlur(PolicyConfig.BlurMode.ON)
                .build()
                .write(
                        grid,
                        List.of(
                                good.toString(),
                                truncated.toString(),
                                tmp.resolve("missing.png").toString(),
                                text.toString(),
                                grey.toString(),
                                "file:///etc/hostname"),
                        lines);
        assertThat(r.rows()).isEqualTo(2);
        assertThat(r.skipped()).isEqualTo(4);
        assertThat(r.written()).isTrue();
        assertThat(lines.errors).hasSize(4);
        assertThat(lines.errors.get(0)).startsWith("error: " + truncated + ": truncated: ");
        assertThat(lines.errors.get(1)).startsWith("error: " + tmp.resolve("missing.png") + ": not-found: ");
        assertThat(lines.errors.get(2)).startsWith("error: " + text + ": unsupported-format: ");
        assertThat(lines.errors.get(3)).startsWith("error: file:///etc/hostname: refused: ");
        assertThat(lines.ok)
                .containsExactly(
                        good + ": 80x60x3, " + Files.size(good) + " bytes",
                        grey + ": 50x70x3, " + Files.size(grey) + " bytes");
        BufferedImage img = ImageIO.read(grid.toFile());
        assertThat(img.getHeight()).isEqualTo(2 + 2 * (40 + 2)).isEqualTo(r.height());
        assertThat(img.getWidth()).isEqualTo(2 + 40 + 8 + 3 * (2 * 40 + 2 + 8)).isEqualTo(r.width());
    }

    @Test
    void sameSeedWritesTheSameGrid() throws Exception {
        Path good = Files.write(tmp.resolve("good.png"), TestImages.encode(TestImages.gradient(64, 64), "png"));
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        Preview preview = Preview.builder().optSize(32).optChannels(1).build();
        assertThat(preview.write(a, List.of(good.toString()), new Lines()).skipped())
                .isZero();
        assertThat(Preview.builder()
                        .optSize(32)
                        .optChannels(1)
                        .build()
                        .write(b, List.of(good.toString()), new Lines())
                        .skipped())
                .isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(ImageIO.read(a.toFile()).getRaster().getNumBands()).isEqualTo(1);
    }

    @Test
    void aPlainPathMayClimbWithDotDotButAFileUriMayNot() throws Exception {
        Path good = Files.write(tmp.resolve("good.png"), TestImages.encode(TestImages.gradient(30, 20), "png"));
        Files.createDirectories(tmp.resolve("sub"));
        String climbing = tmp.resolve("sub/../good.png").toString();
        String uri = "file://" + tmp.toUri().getRawPath() + "sub/../good.png";
        Lines lines = new Lines();
        Preview.Report r = Preview.builder()
                .optSize(16)
                .optRoots(List.of(tmp))
                .build()
                .write(tmp.resolve("g.png"), List.of(climbing, uri), lines);
        assertThat(r.rows()).isEqualTo(1);
        assertThat(lines.ok).containsExactly(climbing + ": 30x20x3, " + Files.size(good) + " bytes");
        assertThat(lines.errors).singleElement().asString().startsWith("error: " + uri + ": refused: ");
    }

    @Test
    void aGridTooLargeForMemoryIsRefusedBeforeAnyImageIsRead() {
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            inputs.add(tmp.resolve("img-" + i + ".png").toString());
        }
        Preview preview = Preview.builder().optSize(96).optChannels(3).build();
        // width 2 + 96 + 8 + 4 * (2 * 96 + 2 + 8) = 914 px; 20,000 rows of 98 px x 914 px x 3 bytes = 5,374 MB;
        // 256 MiB hold (268,435,456 / (914 * 3) - 2) / 98 = 998 rows.
        assertThat(preview.maxImages()).isEqualTo(998);
        assertThatThrownBy(() -> preview.write(tmp.resolve("g.png"), inputs, new Lines()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("20000 images x 4 pairs at 96 px x 3 channel(s) make a 914x1960002 "
                        + "grid (5374 MB, limit 256 MB): preview at most 998 images at these settings");
        assertThat(tmp.resolve("g.png")).doesNotExist();
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> Preview.builder().optPairs(0)).hasMessage("pairs must be in 1..64, got 0");
        assertThatThrownBy(() -> Preview.builder().optSize(7)).hasMessage("size must be in 8..1024, got 7");
        assertThatThrownBy(() -> Preview.builder().optChannels(2)).hasMessage("channels must be 1 or 3, got 2");
        assertThatThrownBy(() -> Preview.builder().optStrength(Double.NaN))
                .hasMessage("strength must be in [0.0, 2.5], got NaN");
        assertThatThrownBy(() -> Preview.builder().optTimeoutMillis(0))
                .hasMessage("timeoutMillis must be in 1..3600000, got 0");
        assertThatThrownBy(() -> Preview.builder().build().write(tmp.resolve("g.png"), List.of(), new Lines()))
                .hasMessage("no input images given");
        assertThatThrownBy(() ->
                        Preview.builder().optRoots(List.of(tmp.resolve("nope"))).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("file root " + tmp.resolve("nope"));
    }

    @Test
    void allInputsFailingWritesNothing() throws Exception {
        Path text = Files.write(tmp.resolve("notes.png"), "hello".getBytes(StandardCharsets.US_ASCII));
        Path grid = tmp.resolve("grid.png");
        Preview.Report r = Preview.builder().build().write(grid, List.of(text.toString()), new Lines());
        assertThat(r.written()).isFalse();
        assertThat(r.skipped()).isEqualTo(1);
        assertThat(Files.exists(grid)).isFalse();
    }

    @Test
    void s3InputsWithoutObjectStoreSettingsFailWithOneClearMessage() {
        Preview preview = Preview.builder()
                .optEnvironment(Map.of("SIMCLR_S3_ACCESS_KEY", "k"))
                .build();
        assertThatThrownBy(() -> preview.write(tmp.resolve("g.png"), List.of("s3://bucket/a.png"), new Lines()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "s3:// inputs need the object store settings SIMCLR_S3_ENDPOINT, SIMCLR_S3_ACCESS_KEY, "
                                + "SIMCLR_S3_SECRET_KEY (and optionally SIMCLR_S3_REGION): environment variable SIMCLR_S3_ENDPOINT is not set");
        assertThat(tmp.resolve("g.png")).doesNotExist();
    }
}
