package dev.simclr.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.launcher.Simclr;
import dev.simclr.launcher.images.GrayPng;
import dev.simclr.onnx.EncoderMetadata;
import dev.simclr.onnx.OnnxEncoder;
import dev.simclr.onnx.TinyModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simclr embed} in-process: inputs from arguments, directories, manifests and stdin; errors. */
class EmbedCommandTest {

    private static final EncoderMetadata META =
            EncoderMetadata.of(1, 12, List.of(0.3), List.of(0.2), 3, ResizeMode.PAD, Map.of());

    @TempDir
    Path tmp;

    private record Run(int code, String err, List<String> rows) {}

    private Run run(String stdin, String... args) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        // Swapped before the command line exists: picocli's execution strategy re-applies the
        // System.err it saw at construction when it differs from the current one.
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        int code;
        try {
            code = Simclr.commandLine().execute(args);
        } finally {
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
        Path out = tmp.resolve("rows.jsonl");
        List<String> rows = Files.exists(out) ? Files.readAllLines(out) : List.of();
        Files.deleteIfExists(out);
        return new Run(code, err.toString(StandardCharsets.UTF_8), rows);
    }

    private Path png(Path dir, String name, int side, int seed) throws Exception {
        byte[] px = new byte[side * side];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (seed * 31 + i * 7);
        }
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), GrayPng.encode(px, 0, side, side));
    }

    private Path model() throws Exception {
        return Files.write(tmp.resolve("encoder.onnx"), TinyModels.model(META));
    }

    @Test
    void expandsDirectoriesManifestsAndStdinInOrder() throws Exception {
        Path model = model();
        Path dir = tmp.resolve("shoes");
        Path a = png(dir, "a.png", 10, 1);
        Path b = png(dir.resolve("sub"), "b.png", 12, 2);
        png(dir, ".hidden.png", 10, 3);
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        Path c = png(tmp, "c.png", 8, 4);
        Path d = png(tmp, "d.png", 9, 5);
        Path manifest = Files.writeString(
                tmp.resolve("list.jsonl"),
                "{\"path\": \"c.png\", \"label\": 1}\n\n" + "{\"uri\": \"" + d.toUri() + "\"}\n");

        Run r = run(
                c + "\n\n" + a + "\n",
                "embed",
                "--model",
                model.toString(),
                "--out",
                tmp.resolve("rows.jsonl").toString(),
                "--batch",
                "2",
                "--data-dir",
                tmp.resolve("data").toString(),
                dir.toString(),
                manifest.toString(),
                "-");

        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.rows()).hasSize(6);
        List<String> names = r.rows().stream()
                .map(l -> l.substring(10, l.indexOf("\",\"features\"")))
                .toList();
        assertThat(names)
                .containsExactly(
                        dir.resolve("a.png").toString(),
                        dir.resolve("sub/b.png").toString(),
                        c.toString(),
                        d.toString(),
                        c.toString(),
                        a.toString());
        try (OnnxEncoder encoder = OnnxEncoder.load(model)) {
            float[] expected = encoder.embed(List.of(
                    dev.simclr.augment.decode.ImageDecoder.withDefaults().decode(Files.readAllBytes(b))))[0];
            assertThat(r.rows().get(1)).endsWith("[" + expected[0] + "," + expected[1] + "," + expected[2] + "]}");
        }
        assertThat(r.err())
                .contains("embedded 6 of 6 images with " + model + " (3-d, input 12x12x1, pad, cpu)")
                .contains("to " + tmp.resolve("rows.jsonl"));
    }

    @Test
    void badImagesAreSkippedWithOneLineEachAndExitCode1() throws Exception {
        Path model = model();
        Path ok = png(tmp, "ok.png", 12, 1);
        Path big = png(tmp, "big.png", 13, 2);
        Path junk = Files.writeString(tmp.resolve("junk.png"), "nope");
        Run r = run(
                "",
                "embed",
                "--model",
                model.toString(),
                "--out",
                tmp.resolve("rows.jsonl").toString(),
                ok.toString(),
                tmp.resolve("missing.png").toString(),
                big.toString(),
                junk.toString());
        assertThat(r.code()).isEqualTo(1);
        // an image larger than the input is letterboxed by the pad canvas, as the evaluator fits it
        assertThat(r.rows()).hasSize(2);
        assertThat(r.rows().get(0)).startsWith("{\"image\":\"" + ok + "\"");
        assertThat(r.rows().get(1)).startsWith("{\"image\":\"" + big + "\"");
        assertThat(r.err().lines().filter(l -> l.startsWith("error: ")).toList())
                .containsExactly(
                        "error: " + tmp.resolve("missing.png") + ": no such file",
                        "error: " + junk + ": cannot decode (unsupported_format): "
                                + r.err()
                                        .lines()
                                        .filter(l -> l.startsWith("error: " + junk))
                                        .findFirst()
                                        .orElseThrow()
                                        .split("\\): ", 2)[1]);
        assertThat(r.err()).contains("embedded 2 of 4 images");
    }

    @Test
    void badArgumentsAndModelsAreUsageErrorsOnOneLine() throws Exception {
        Path img = png(tmp, "x.png", 12, 1);
        Run noModel = run("", "embed", img.toString());
        assertThat(noModel.code()).isEqualTo(Simclr.USAGE);
        assertThat(noModel.err()).contains("Missing required option: '--model");

        Run missingModel = run("", "embed", "--model", tmp.resolve("nope.onnx").toString(), img.toString());
        assertThat(missingModel.code()).isEqualTo(Simclr.USAGE);
        assertThat(missingModel.err().strip())
                .isEqualTo("simclr: --model " + tmp.resolve("nope.onnx") + ": no such file");

        Path notAModel = Files.writeString(tmp.resolve("bad.onnx"), "nope");
        Run bad = run("", "embed", "--model", notAModel.toString(), img.toString());
        assertThat(bad.code()).isEqualTo(Simclr.USAGE);
        assertThat(bad.err().strip())
                .startsWith("simclr: --model " + notAModel + ": ONNX Runtime cannot load")
                .doesNotContain("\n");

        Run format = run("", "embed", "--model", model().toString(), "--format", "xml", img.toString());
        assertThat(format.err().strip()).isEqualTo("simclr: format must be jsonl or csv, got 'xml'");
        Run device = run("", "embed", "--model", model().toString(), "--onnx-device", "tpu", img.toString());
        assertThat(device.err().strip())
                .isEqualTo("simclr: ONNX device must be auto, cpu, cuda or cuda:N (N >= 0), got 'tpu'");
        Run emptyStdin = run("\n", "embed", "--model", model().toString(), "-");
        assertThat(emptyStdin.code()).isEqualTo(Simclr.USAGE);
        assertThat(emptyStdin.err()).contains("no images given");
        Path badManifest = Files.writeString(tmp.resolve("m.jsonl"), "{\"path\": \"x.png\"}\n{\"url\": 1}\n");
        Run manifest = run("", "embed", "--model", model().toString(), badManifest.toString());
        assertThat(manifest.err().strip()).startsWith("simclr: " + badManifest + " line 2: unknown field 'url'");
    }
}
