package dev.simclr.launcher.cli;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.preview.Preview;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.contracts.Durations;
import dev.simclr.launcher.Console;
import dev.simclr.launcher.Logging;
import dev.simclr.launcher.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code simclr preview}: a PNG grid of SimCLR view pairs for given images ({@link Preview}), one {@code ok:} line per
 * image on stdout, one {@code error:} line per unusable image on stderr. Exit codes: 0 every image worked, 1 some
 * failed, 2 bad arguments, a grid too large or an unwritable output.
 */
@Command(
        name = "preview",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description =
                "Preview the SimCLR augmentation policy: write a PNG grid with one row per image: the image squeezed"
                        + " to the view size, then the view pairs. Decoding is bounded by the byte, pixel and time budgets. An unusable"
                        + " image gets one 'error:' line on stderr and exit code 1; the other images go on.")
public final class PreviewCommand implements Callable<Integer> {

    @Parameters(
            paramLabel = "IMAGE",
            arity = "1..*",
            description = "a file path, a file:// URI (must lie under a --root) or s3://bucket/key (s3 needs"
                    + " SIMCLR_S3_ENDPOINT, SIMCLR_S3_ACCESS_KEY, SIMCLR_S3_SECRET_KEY, optionally SIMCLR_S3_REGION)")
    List<String> inputs;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "FILE",
            description = "PNG grid to write (required); one row per image: the image, then the view pairs")
    Path out;

    @Option(
            names = "--pairs",
            paramLabel = "N",
            defaultValue = "" + Preview.DEFAULT_PAIRS,
            description = "view pairs per image, 1.." + Preview.MAX_PAIRS + " (default: ${DEFAULT-VALUE})")
    int pairs;

    @Option(
            names = "--size",
            paramLabel = "N",
            defaultValue = "" + Preview.DEFAULT_SIZE,
            description = "view side in pixels, " + Preview.MIN_SIZE + ".." + Preview.MAX_SIZE
                    + " (default: ${DEFAULT-VALUE})")
    int size;

    @Option(
            names = "--channels",
            paramLabel = "1|3",
            defaultValue = "" + Preview.DEFAULT_CHANNELS,
            description = "view channels (default: ${DEFAULT-VALUE})")
    int channels;

    @Option(
            names = "--fit",
            paramLabel = "pad|resize|center-crop",
            defaultValue = ResizeMode.DEFAULT_ID,
            description = "the canvas the views are cropped from (default: ${DEFAULT-VALUE}; the run's fit)")
    String fit;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "" + Preview.DEFAULT_SEED,
            description = "base seed (default: ${DEFAULT-VALUE}); pair j of image i uses seed + " + Preview.SEED_STRIDE
                    + " * i + j")
    long seed;

    @Option(
            names = "--blur",
            paramLabel = "on|off|auto",
            defaultValue = "auto",
            description = "Gaussian blur (default: ${DEFAULT-VALUE}: off for views <= " + PolicyConfig.SMALL_IMAGE_SIDE
                    + " px)")
    String blur;

    @Option(
            names = "--strength",
            paramLabel = "S",
            description = "colour jitter strength in [0, " + Preview.MAX_STRENGTH + "] (default: 0.5 for views <= "
                    + PolicyConfig.SMALL_IMAGE_SIDE + " px, else 1.0)")
    Double strength;

    @Option(
            names = "--root",
            paramLabel = "DIR",
            description = "allowed root for file:// URIs (repeatable; default: the current directory); a plain path is"
                    + " allowed its own directory")
    List<Path> roots;

    @Option(
            names = "--max-bytes",
            paramLabel = "N",
            defaultValue = "" + Preview.DEFAULT_MAX_BYTES,
            description = "input size budget in bytes (default: ${DEFAULT-VALUE})")
    long maxBytes;

    @Option(
            names = "--max-pixels",
            paramLabel = "N",
            defaultValue = "" + Preview.DEFAULT_MAX_PIXELS,
            description = "pixel budget, width x height (default: ${DEFAULT-VALUE})")
    long maxPixels;

    @Option(
            names = "--timeout-ms",
            paramLabel = "N",
            defaultValue = "" + Preview.DEFAULT_TIMEOUT_MILLIS,
            description =
                    "per-image decode time limit, 1.." + Preview.MAX_TIMEOUT_MILLIS + " ms (default: ${DEFAULT-VALUE})")
    long timeoutMillis;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Where the {@code SIMCLR_S3_*} settings of {@code s3://} inputs are read (tests replace it). */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        Preview preview = preview();
        Logging.toStderr();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        stdout.println("policy: " + preview.policy());
        stdout.flush();
        Preview.Report r;
        try {
            r = preview.write(out, inputs, new Preview.Listener() {
                @Override
                public void rendered(String input, DecodedImage image, int bytes) {
                    stdout.printf(
                            Locale.ROOT,
                            "ok: %s: %dx%dx%d, %d bytes -> %d pairs%n",
                            input,
                            image.width(),
                            image.height(),
                            image.channels(),
                            bytes,
                            pairs);
                    stdout.flush();
                }

                @Override
                public void skipped(String input, String kind, String reason) {
                    stderr.println("error: " + input + ": " + kind + ": " + reason);
                    stderr.flush();
                }
            });
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        } catch (IOException e) {
            throw new UserException("cannot write " + out + ": " + e.getMessage());
        }
        if (!r.written()) {
            stderr.println("error: no image could be processed; " + out + " not written");
            stderr.flush();
            return 1;
        }
        stdout.printf(
                Locale.ROOT,
                "wrote %s (%dx%d px) in %s: %s row(s), one per image with %d view pair(s); %s image(s)"
                        + " skipped%s%n",
                out,
                r.width(),
                r.height(),
                took(r.elapsed()),
                Console.count(r.rows()),
                pairs,
                Console.count(r.skipped()),
                r.skipped() == 0 ? "" : " (the error: lines say why)");
        stdout.flush();
        return r.skipped() == 0 ? 0 : 1;
    }

    private static String took(Duration d) {
        return d.toSeconds() < 60 ? String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0) : Durations.compact(d);
    }

    /** The preview of the checked options. */
    Preview preview() {
        if (pairs < 1 || pairs > Preview.MAX_PAIRS) {
            throw new UserException("--pairs must be in 1.." + Preview.MAX_PAIRS + ", got " + pairs);
        }
        if (size < Preview.MIN_SIZE || size > Preview.MAX_SIZE) {
            throw new UserException(
                    "--size must be in " + Preview.MIN_SIZE + ".." + Preview.MAX_SIZE + ", got " + size);
        }
        if (channels != 1 && channels != 3) {
            throw new UserException("--channels must be 1 or 3, got " + channels);
        }
        ResizeMode mode;
        try {
            mode = ResizeMode.parse(fit);
        } catch (IllegalArgumentException e) {
            throw new UserException("--fit: " + e.getMessage());
        }
        PolicyConfig.BlurMode blurMode = switch (blur.toLowerCase(Locale.ROOT)) {
            case "on" -> PolicyConfig.BlurMode.ON;
            case "off" -> PolicyConfig.BlurMode.OFF;
            case "auto" -> PolicyConfig.BlurMode.AUTO;
            default -> throw new UserException("--blur must be on, off or auto, got '" + blur + "'");
        };
        if (strength != null && !(strength >= 0 && strength <= Preview.MAX_STRENGTH)) {
            throw new UserException("--strength must be in [0.0, " + Preview.MAX_STRENGTH + "], got " + strength);
        }
        if (maxBytes < 1) {
            throw new UserException("--max-bytes must be >= 1, got " + maxBytes);
        }
        if (maxPixels < 1) {
            throw new UserException("--max-pixels must be >= 1, got " + maxPixels);
        }
        if (timeoutMillis < 1 || timeoutMillis > Preview.MAX_TIMEOUT_MILLIS) {
            throw new UserException(
                    "--timeout-ms must be in 1.." + Preview.MAX_TIMEOUT_MILLIS + ", got " + timeoutMillis);
        }
        Preview.Builder b = Preview.builder()
                .optPairs(pairs)
                .optSize(size)
                .optChannels(channels)
                .optFit(mode)
                .optSeed(seed)
                .optBlur(blurMode)
                .optMaxBytes(maxBytes)
                .optMaxPixels(maxPixels)
                .optTimeoutMillis(timeoutMillis)
                .optEnvironment(env);
        if (strength != null) {
            b.optStrength(strength);
        }
        if (roots != null) {
            b.optRoots(roots);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
    }
}
