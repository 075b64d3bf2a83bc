package dev.simclr.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.idx.IdxFile;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.launcher.images.GrayPng;
import dev.simclr.onnx.EncoderMetadata;
import dev.simclr.onnx.OnnxEncoder;
import dev.simclr.onnx.OrtRuntime;
import dev.simclr.onnx.TinyModels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simclr embed} as users run it ({@code java -cp launcher/target/classes:<classpath.txt>}, the command line of
 * {@code ./simclr}) on the 10,000 training images of the bundled Fashion-MNIST subset, every image path an argument (a
 * command line of ~600 kB, no {@code ORT_DISABLE_TELEMETRY} in the environment): every row is checked against the same
 * encoder run in this JVM. Before {@link OrtRuntime}, ONNX Runtime 1.29.0 died with SIGSEGV on any command line of a
 * few kB.
 */
class EmbedCommandIT {

    private static final int IMAGES = 10_000;
    private static final EncoderMetadata META =
            EncoderMetadata.of(1, 28, List.of(0.2860), List.of(0.3530), 8, ResizeMode.PAD, Map.of());

    @TempDir
    Path tmp;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void embedsTenThousandImagesGivenAsArgumentsInOneProcess() throws Exception {
        Path repo = Path.of(System.getProperty("simclr.repo.root", ".."))
                .toAbsolutePath()
                .normalize();
        IdxFile idx = IdxFile.read(repo.resolve("datasets/fashion-mnist-subset/train-images-idx3-ubyte.gz"));
        assertThat(idx.count()).isGreaterThanOrEqualTo(IMAGES);
        Path images = Files.createDirectories(tmp.resolve("fashion-mnist-train-subset-as-png-files"));
        List<Path> paths = new ArrayList<>(IMAGES);
        for (int i = 0; i < IMAGES; i++) {
            paths.add(Files.write(
                    images.resolve(String.format("image-%05d.png", i)),
                    GrayPng.encode(idx.data(), i * idx.itemSize(), 28, 28)));
        }
        Path model = Files.write(tmp.resolve("encoder.onnx"), TinyModels.model(META));
        Path rows = tmp.resolve("rows.jsonl");

        Path launcher = repo.resolve("launcher/target");
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                launcher.resolve("classes") + ":"
                        + Files.readString(launcher.resolve("classpath.txt")).strip(),
                "dev.simclr.launcher.Simclr",
                "embed",
                "--model",
                model.toString(),
                "--out",
                rows.toString(),
                "--threads",
                "1"));
        paths.forEach(p -> cmd.add(p.toString()));
        assertThat(String.join(" ", cmd).length()).isGreaterThan(500_000);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectOutput(tmp.resolve("stdout.txt").toFile())
                .redirectError(tmp.resolve("stderr.txt").toFile());
        pb.environment().remove(OrtRuntime.TELEMETRY_SWITCH);
        Process p = pb.start();
        assertThat(p.waitFor(4, TimeUnit.MINUTES)).isTrue();
        String stderr = Files.readString(tmp.resolve("stderr.txt"));
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(stderr)
                .contains("embedded 10,000 of 10,000 images with " + model + " (8-d, input 28x28x1, pad, cpu)");

        List<String> lines = Files.readAllLines(rows, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(IMAGES);
        float[] x = new float[IMAGES * 28 * 28];
        for (int i = 0; i < x.length; i++) {
            x[i] = ((idx.data()[i] & 0xFF) / 255f - 0.2860f) / 0.3530f;
        }
        try (OnnxEncoder encoder =
                OnnxEncoder.builder().setModel(model).optIntraOpThreads(1).build()) {
            float[][] expected = encoder.embed(x, IMAGES);
            for (int i = 0; i < IMAGES; i++) {
                String line = lines.get(i);
                String prefix = "{\"image\":\"" + paths.get(i) + "\",\"features\":[";
                assertThat(line).as("row %d", i).startsWith(prefix).endsWith("]}");
                String[] values =
                        line.substring(prefix.length(), line.length() - 2).split(",");
                assertThat(values).as("row %d", i).hasSize(8);
                for (int d = 0; d < 8; d++) {
                    assertThat(Float.parseFloat(values[d]))
                            .as("row %d feature %d", i, d)
                            .isEqualTo(expected[i][d]);
                }
            }
        }
    }
}
