package dev.simclr.onnx.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.onnx.EncoderMetadata;
import dev.simclr.onnx.OnnxEncoder;
import dev.simclr.onnx.TinyModels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchEmbedderTest {

    private static final EncoderMetadata META =
            EncoderMetadata.of(1, 8, List.of(0.5), List.of(0.25), 4, ResizeMode.PAD, Map.of());

    @TempDir
    Path dir;

    /** Records rows, failures and what had been written at every flush. */
    private static final class Recorder extends StringWriter implements BatchEmbedder.Listener {
        final List<String> flushed = new ArrayList<>();
        final List<String> failures = new ArrayList<>();
        final List<long[]> batches = new ArrayList<>();

        @Override
        public void flush() {
            flushed.add(toString());
        }

        @Override
        public void failed(EmbedInput input, String reason) {
            failures.add(input.name() + ": " + reason);
        }

        @Override
        public void batchDone(long embedded, long failed) {
            batches.add(new long[] {embedded, failed});
        }

        List<String> lines() {
            return toString().lines().toList();
        }
    }

    private Path png(String name, int w, int h, int grey) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (grey + 17 * x + 5 * y) & 0xFF);
            }
        }
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    private OnnxEncoder encoder(int batch, ResizeMode mode) {
        OnnxEncoder.Builder b = OnnxEncoder.builder()
                .setModel(TinyModels.model(META))
                .optBatchSize(batch)
                .optIntraOpThreads(1);
        return (mode == null ? b : b.optResizeMode(mode)).build();
    }

    private static Recorder run(OnnxEncoder encoder, List<Path> paths, RowFormat format) throws IOException {
        Recorder r = new Recorder();
        try (BatchEmbedder e = new BatchEmbedder(encoder, ImageDecoder.withDefaults(), 2)) {
            BatchEmbedder.Report report =
                    e.run(paths.stream().map(EmbedInput::file).toList(), format, r, r);
            assertThat(report.embedded() + report.failed()).isEqualTo(paths.size());
            assertThat(report.failed()).isEqualTo(r.failures.size());
        }
        return r;
    }

    @Test
    void writesOneJsonLinePerImageInInputOrderAndReportsEveryBadImage() throws IOException {
        Path a = png("a.png", 6, 6, 10);
        Path b = png("b, \"quoted\".png", 8, 8, 200);
        Path garbage = Files.writeString(dir.resolve("garbage.png"), "not an image");
        Path tooBig = png("big.png", 9, 9, 0);
        Path missing = dir.resolve("missing.png");
        try (OnnxEncoder encoder = encoder(64, null)) {
            Recorder r = run(encoder, List.of(a, garbage, missing, b, tooBig, dir), RowFormat.JSONL);

            List<String> lines = r.lines();
            assertThat(lines).hasSize(3); // a, b and the letterboxed 9x9 image
            assertThat(lines.get(0))
                    .startsWith("{\"image\":\"" + a + "\",\"features\":[")
                    .endsWith("]}");
            assertThat(lines.get(1)).startsWith("{\"image\":\"" + b.toString().replace("\"", "\\\"") + "\"");
            float[] expected = encoder.embed(List.of(decode(a)))[0];
            String features = lines.get(0)
                    .substring(lines.get(0).indexOf('[') + 1, lines.get(0).length() - 2);
            String[] values = features.split(",");
            assertThat(values).hasSize(4);
            for (int i = 0; i < 4; i++) {
                assertThat(Float.parseFloat(values[i])).isEqualTo(expected[i]);
            }
            assertThat(lines.get(2)).startsWith("{\"image\":\"" + tooBig + "\"");
            assertThat(r.failures).hasSize(3);
            assertThat(r.failures.get(0)).startsWith(garbage + ": cannot decode (unsupported_format): ");
            assertThat(r.failures.subList(1, 3)).containsExactly(missing + ": no such file", dir + ": is a directory");
        }
    }

    @Test
    void flushesEveryBatchSoAnInterruptedRunKeepsWhatWasDone() throws IOException {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            paths.add(png("img-" + i + ".png", 8, 8, i * 20));
        }
        try (OnnxEncoder encoder = encoder(4, null)) {
            Recorder r = run(encoder, paths, RowFormat.JSONL);
            assertThat(r.lines()).hasSize(10);
            for (int i = 0; i < 10; i++) {
                assertThat(r.lines().get(i)).startsWith("{\"image\":\"" + paths.get(i) + "\"");
            }
            // Three batches (4 + 4 + 2): complete rows on the writer at every flush.
            assertThat(r.flushed).hasSize(3);
            assertThat(r.flushed.stream().map(s -> s.lines().count()).toList()).containsExactly(4L, 8L, 10L);
            assertThat(r.flushed).allMatch(s -> s.endsWith(System.lineSeparator()));
            assertThat(r.batches.stream().map(c -> c[0]).toList()).containsExactly(4L, 8L, 10L);
        }
    }

    @Test
    void csvHasAHeaderAndQuotesNamesWithCommas() throws IOException {
        Path a = png("a,b.png", 8, 8, 3);
        Path big = png("big.png", 16, 12, 90);
        try (OnnxEncoder encoder = encoder(64, ResizeMode.RESIZE)) {
            Recorder r = run(encoder, List.of(a, big), RowFormat.CSV);
            List<String> lines = r.lines();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0)).isEqualTo("image,f0,f1,f2,f3");
            assertThat(lines.get(1)).startsWith("\"" + a + "\",");
            assertThat(lines.get(1).split(",")).hasSize(6);
            assertThat(lines.get(2)).startsWith(big + ",");
            assertThat(r.failures).isEmpty();
        }
    }

    @Test
    void formatsParseAndRenderNonFiniteValuesAsNull() {
        assertThat(RowFormat.parse(" CSV ")).isEqualTo(RowFormat.CSV);
        assertThatThrownBy(() -> RowFormat.parse("xml")).hasMessage("format must be jsonl or csv, got 'xml'");
        assertThat(RowFormat.JSONL.row("x\ty", new float[] {1.5f, Float.NaN, Float.NEGATIVE_INFINITY}))
                .isEqualTo("{\"image\":\"x\\ty\",\"features\":[1.5,null,null]}");
        assertThat(RowFormat.JSONL.header(3)).isNull();
    }

    private static DecodedImage decode(Path p) throws IOException {
        return ImageDecoder.withDefaults().decode(Files.readAllBytes(p));
    }
}
