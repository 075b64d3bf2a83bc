package dev.simclr.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.launcher.Simclr;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import picocli.CommandLine;

/** {@code simclr preview} in-process: options, their errors, per-image errors and what it prints. */
class PreviewCommandTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out, String err) {
        List<String> errorLines() {
            return err.lines().filter(l -> l.startsWith("error: ")).toList();
        }
    }

    private static Run run(String... args) {
        return run(Map.of(), args);
    }

    private static Run run(Map<String, String> env, String... args) {
        CommandLine cl = Simclr.commandLine();
        PreviewCommand cmd = cl.getSubcommands().get("preview").getCommand();
        cmd.env = env;
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "preview";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = cl.execute(all);
        return new Run(code, out.toString(), err.toString());
    }

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(ImageIO.write(img, format, bytes)).isTrue();
        return bytes.toByteArray();
    }

    private static BufferedImage gradient(int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | ((x + y) & 0xff));
            }
        }
        return img;
    }

    @Test
    void writesAGridAndReportsEachBadImageOnItsOwnLine() throws Exception {
        Path good = Files.write(tmp.resolve("good.png"), encode(gradient(80, 60), "png"));
        Path other = Files.write(tmp.resolve("other.jpg"), encode(gradient(50, 70), "jpg"));
        byte[] jpeg = encode(gradient(64, 64), "jpg");
        Path truncated = Files.write(tmp.resolve("cut.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        Path text = Files.write(tmp.resolve("notes.png"), "hello".getBytes(StandardCharsets.US_ASCII));
        Path grid = tmp.resolve("out/grid.png");
        Run r = run(
                "--out",
                grid.toString(),
                "--pairs",
                "3",
                "--size",
                "40",
                "--channels",
                "3",
                "--seed",
                "5",
                "--blur",
                "on",
                good.toString(),
                truncated.toString(),
                tmp.resolve("missing.png").toString(),
                text.toString(),
                other.toString(),
                "file:///etc/hostname");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errorLines()).hasSize(4);
        assertThat(r.errorLines().get(0)).startsWith("error: " + truncated + ": truncated: ");
        assertThat(r.errorLines().get(1)).startsWith("error: " + tmp.resolve("missing.png") + ": not-found: ");
        assertThat(r.errorLines().get(2)).startsWith("error: " + text + ": unsupported-format: ");
        assertThat(r.errorLines().get(3)).startsWith("error: file:///etc/hostname: refused: ");
        assertThat(r.out())
                .startsWith("policy: ")
                .contains("ok: " + good + ": 80x60x3, ")
                .contains("ok: " + other + ": 50x70x3, ");
        assertThat(r.out().lines().filter(l -> l.startsWith("wrote ")).toList())
                .singleElement()
                .asString()
                .startsWith("wrote " + grid + " (" + (2 + 40 + 8 + 3 * (2 * 40 + 2 + 8)) + "x" + (2 + 2 * (40 + 2))
                        + " px) in ")
                .endsWith(
                        ": 2 row(s), one per image with 3 view pair(s); 4 image(s) skipped (the error: lines say why)");
        BufferedImage img = ImageIO.read(grid.toFile());
        assertThat(img.getHeight()).isEqualTo(2 + 2 * (40 + 2));
        assertThat(img.getWidth()).isEqualTo(2 + 40 + 8 + 3 * (2 * 40 + 2 + 8));
    }

    @Test
    void theDefaultsAndTheSeedReachTheGrid() throws Exception {
        Path good = Files.write(tmp.resolve("good.png"), encode(gradient(64, 64), "png"));
        Path a = tmp.resolve("a.png");
        Path b = tmp.resolve("b.png");
        Path c = tmp.resolve("c.png");
        Run ok = run("--out", a.toString(), good.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out())
                .contains("ok: " + good + ": 64x64x3, ")
                .contains("-> 4 pairs")
                .contains("1 row(s), one per image with 4 view pair(s); 0 image(s) skipped\n");
        BufferedImage grid = ImageIO.read(a.toFile());
        assertThat(grid.getWidth()).isEqualTo(2 + 96 + 8 + 4 * (2 * 96 + 2 + 8));
        assertThat(grid.getRaster().getNumBands()).isEqualTo(3);
        assertThat(run("--out", b.toString(), "--size", "32", "--channels", "1", good.toString())
                        .code())
                .isZero();
        assertThat(run("--out", c.toString(), "--size", "32", "--channels", "1", good.toString())
                        .code())
                .isZero();
        assertThat(Files.readAllBytes(b)).isEqualTo(Files.readAllBytes(c));
        assertThat(ImageIO.read(b.toFile()).getRaster().getNumBands()).isEqualTo(1);
        assertThat(run("--out", c.toString(), "--size", "32", "--channels", "1", "--seed", "2", good.toString())
                        .code())
                .isZero();
        assertThat(Files.readAllBytes(b)).isNotEqualTo(Files.readAllBytes(c));
    }

    @Test
    void aGridTooLargeForMemoryIsRefusedBeforeAnyImageIsRead() {
        List<String> args =
                new ArrayList<>(List.of("--out", tmp.resolve("g.png").toString(), "--size", "96", "--channels", "3"));
        for (int i = 0; i < 20_000; i++) {
            args.add(tmp.resolve("img-" + i + ".png").toString());
        }
        Run r = run(args.toArray(String[]::new));
        assertThat(r.code()).isEqualTo(Simclr.USAGE);
        // width 2 + 96 + 8 + 4 * (2 * 96 + 2 + 8) = 914 px; 20,000 rows of 98 px x 914 px x 3 bytes = 5,374 MB;
        // 256 MiB hold (268,435,456 / (914 * 3) - 2) / 98 = 998 rows.
        assertThat(r.err().strip())
                .isEqualTo("simclr: 20000 images x 4 pairs at 96 px x 3 channel(s) make a 914x1960002 "
                        + "grid (5374 MB, limit 256 MB): preview at most 998 images at these settings");
        assertThat(tmp.resolve("g.png")).doesNotExist();
    }

    @Test
    void badArgumentsAreUsageErrorsOnOneLine() {
        Run noOut = run("x.png");
        assertThat(noOut.code()).isEqualTo(Simclr.USAGE);
        assertThat(noOut.err())
                .startsWith("simclr: Missing required option: '--out=FILE'")
                .contains("simclr preview --help");
        Run noImages = run("--out", "g.png");
        assertThat(noImages.code()).isEqualTo(Simclr.USAGE);
        assertThat(noImages.err()).startsWith("simclr: Missing required parameter: 'IMAGE'");
        Run notANumber = run("--out", "g.png", "--pairs", "zero", "x.png");
        assertThat(notANumber.code()).isEqualTo(Simclr.USAGE);
        assertThat(notANumber.err()).startsWith("simclr: Invalid value for option '--pairs': 'zero' is not an int");
        Run unknown = run("--out", "g.png", "--colour", "x.png");
        assertThat(unknown.code()).isEqualTo(Simclr.USAGE);
        assertThat(unknown.err()).startsWith("simclr: Unknown option: '--colour'");
        assertUsage(
                run("--out", "g.png", "--blur", "sometimes", "x.png"),
                "--blur must be on, off or auto, got 'sometimes'");
        assertUsage(run("--out", "g.png", "--channels", "2", "x.png"), "--channels must be 1 or 3, got 2");
        assertUsage(run("--out", "g.png", "--pairs", "0", "x.png"), "--pairs must be in 1..64, got 0");
        assertUsage(run("--out", "g.png", "--pairs", "65", "x.png"), "--pairs must be in 1..64, got 65");
        assertUsage(run("--out", "g.png", "--size", "7", "x.png"), "--size must be in 8..1024, got 7");
        assertUsage(run("--out", "g.png", "--strength", "2.6", "x.png"), "--strength must be in [0.0, 2.5], got 2.6");
        assertUsage(run("--out", "g.png", "--strength", "NaN", "x.png"), "--strength must be in [0.0, 2.5], got NaN");
        assertUsage(
                run("--out", "g.png", "--fit", "stretch", "x.png"),
                "--fit: unknown fit 'stretch': expected pad, resize or center-crop");
        assertUsage(run("--out", "g.png", "--max-bytes", "0", "x.png"), "--max-bytes must be >= 1, got 0");
        assertUsage(run("--out", "g.png", "--max-pixels", "0", "x.png"), "--max-pixels must be >= 1, got 0");
        assertUsage(
                run("--out", "g.png", "--timeout-ms", "3600001", "x.png"),
                "--timeout-ms must be in 1..3600000, got 3600001");
        assertUsage(
                run("--out", "g.png", "--root", tmp.resolve("nope").toString(), "x.png"),
                "file root " + tmp.resolve("nope") + " does not exist or is unreadable: " + tmp.resolve("nope"));
        assertThat(Path.of("g.png")).doesNotExist();
    }

    private static void assertUsage(Run r, String message) {
        assertThat(r.code()).as(r.err()).isEqualTo(Simclr.USAGE);
        assertThat(r.err().strip()).isEqualTo("simclr: " + message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        Run r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out())
                .contains("Usage: simclr preview")
                .contains("IMAGE...")
                .contains("s3://bucket/key")
                .contains("SIMCLR_S3_ENDPOINT");
        for (String option : List.of(
                "--out=FILE",
                "--pairs=N",
                "--size=N",
                "--channels=1|3",
                "--fit=pad|resize|center-crop",
                "--seed=N",
                "--blur=on|off|auto",
                "--strength=S",
                "--root=DIR",
                "--max-bytes=N",
                "--max-pixels=N",
                "--timeout-ms=N")) {
            assertThat(r.out()).contains(option);
        }
        String text = r.out().replaceAll("\\s+", " ");
        assertThat(text)
                .contains("(default: 4)")
                .contains("(default: 96)")
                .contains("(default: 3)")
                .contains("(default: pad;")
                .contains("(default: 1); pair j of image i uses seed + 1000003 * i + j")
                .contains("(default: auto: off for views <= 64 px)")
                .contains("(default: 33554432)")
                .contains("(default: 89478485)")
                .contains("(default: 10000)");
    }

    @Test
    void allImagesFailingWritesNothingAndExitsWithOne() throws Exception {
        Path text = Files.write(tmp.resolve("notes.png"), "hello".getBytes(StandardCharsets.US_ASCII));
        Path grid = tmp.resolve("grid.png");
        Run r = run("--out", grid.toString(), text.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errorLines())
                .hasSize(2)
                .last()
                .isEqualTo("error: no image could be processed; " + grid + " not written");
        assertThat(Files.exists(grid)).isFalse();
    }

    @Test
    void anUnwritableOutputIsAUsageError() throws Exception {
        Path good = Files.write(tmp.resolve("good.png"), encode(gradient(20, 20), "png"));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Run r = run("--out", file.resolve("grid.png").toString(), "--size", "16", good.toString());
        assertThat(r.code()).isEqualTo(Simclr.USAGE);
        assertThat(r.err().strip())
                .startsWith("simclr: cannot write " + file.resolve("grid.png") + ": ")
                .doesNotContain("\n");
    }

    @Test
    void s3InputsWithoutObjectStoreSettingsFailWithOneClearLine() {
        Run r = run(
                Map.of("SIMCLR_S3_ACCESS_KEY", "k"),
                "--out",
                tmp.resolve("g.png").toString(),
                "s3://bucket/a.png");
        assertThat(r.code()).isEqualTo(Simclr.USAGE);
        assertThat(r.err().lines().toList())
                .containsExactly(
                        "simclr: s3:// inputs need the object store settings SIMCLR_S3_ENDPOINT, SIMCLR_S3_ACCESS_KEY, "
                                + "SIMCLR_S3_SECRET_KEY (and optionally SIMCLR_S3_REGION): environment variable SIMCLR_S3_ENDPOINT is not set");
        assertThat(tmp.resolve("g.png")).doesNotExist();
    }
}
