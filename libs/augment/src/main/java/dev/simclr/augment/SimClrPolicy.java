package dev.simclr.augment;

import dev.simclr.augment.ops.ColorJitter;
import dev.simclr.augment.ops.CropBox;
import dev.simclr.augment.ops.GaussianBlur;
import dev.simclr.augment.ops.Grayscale;
import dev.simclr.augment.ops.RandomResizedCrop;
import dev.simclr.augment.ops.Workspace;
import dev.simclr.augment.resize.Canvas;
import java.util.SplittableRandom;

/**
 * The SimCLR view policy: random resized crop inside the image's canvas ({@link PolicyConfig#canvas()}: the image
 * fitted to the square output as evaluation fits it, e.g. padded with a black border; the crop is drawn in canvas
 * pixels and read from the source at full resolution) (+ flip, folded into the resize), colour jitter, random
 * grayscale, channel conversion, Gaussian blur. Every random draw comes from the {@link SplittableRandom} passed in, in
 * torchvision's order (crop, flip, jitter apply/order/ factors, grayscale, blur apply/sigma), and all pixel arithmetic
 * is integer or IEEE-strict, so the same generator state gives the same view bit for bit on any JVM. Work happens in
 * the input's channel count; a 3→1 conversion runs before the blur, a 1→3 expansion after it. Thread-safe: scratch
 * buffers are per thread, only the returned view is allocated.
 *
 * <pre>{@code
 * SimClrPolicy policy = new SimClrPolicy(PolicyConfig.simclr(96, 3));
 * SplittableRandom rng = new SplittableRandom(seed);
 * byte[] v1 = policy.apply(image, rng), v2 = policy.apply(image, rng);
 * }</pre>
 */
public final class SimClrPolicy {

    private static final ThreadLocal<Workspace> WORKSPACES = ThreadLocal.withInitial(Workspace::new);

    private final PolicyConfig config;
    private final Canvas canvas;
    private final RandomResizedCrop crop;
    private final ColorJitter jitter;

    /** A policy for {@code config}. */
    public SimClrPolicy(PolicyConfig config) {
        this.config = config;
        this.canvas = config.canvas();
        this.crop = new RandomResizedCrop(
                config.outputSize(),
                config.cropScaleMin(),
                config.cropScaleMax(),
                config.cropRatioMin(),
                config.cropRatioMax(),
                config.antialias());
        this.jitter = new ColorJitter(config.brightness(), config.contrast(), config.saturation(), config.hue());
    }

    /** The configuration. */
    public PolicyConfig config() {
        return config;
    }

    /** One view of {@code image}: {@code outputSize² × outputChannels} uint8 HWC bytes. */
    public byte[] apply(DecodedImage image, SplittableRandom rng) {
        byte[] out = new byte[config.viewBytes()];
        apply(image, rng, out);
        return out;
    }

    /** One view of {@code image} written into {@code out} (length {@link PolicyConfig#viewBytes()}). */
    public void apply(DecodedImage image, SplittableRandom rng, byte[] out) {
        apply(canvas.frame(image), rng, out);
    }

    /** The canvas of {@code image} that {@link #apply(Canvas.Frame, SplittableRandom, byte[])} crops from. */
    public Canvas.Frame frame(DecodedImage image) {
        return canvas.frame(image);
    }

    /** One view of the image of {@code frame} (see {@link #frame}) written into {@code out}. */
    public void apply(Canvas.Frame frame, SplittableRandom rng, byte[] out) {
        if (out.length != config.viewBytes()) {
            throw new IllegalArgumentException(
                    "output buffer has " + out.length + " bytes, the view needs " + config.viewBytes());
        }
        Workspace ws = WORKSPACES.get();
        int size = config.outputSize();
        int pixels = size * size;
        DecodedImage image = frame.image();
        int channels = image.channels();

        CropBox box = frame.toSource(crop.sample(frame.side(), frame.side(), rng));
        boolean mirror = rng.nextDouble() < config.flipProbability();
        byte[] cur = ws.bytes(1, pixels * channels);
        crop.resize(image, box, mirror, cur, ws);

        if (rng.nextDouble() < config.jitterProbability()) {
            ColorJitter.apply(cur, pixels, channels, jitter.sample(rng), ws.ints(7, 256));
        }
        if (rng.nextDouble() < config.grayscaleProbability() && channels == 3) {
            Grayscale.applyInPlace(cur, pixels);
        }
        if (channels == 3 && config.outputChannels() == 1) {
            byte[] grey = ws.bytes(2, pixels);
            Grayscale.rgbToGrey(cur, grey, pixels);
            cur = grey;
            channels = 1;
        }
        if (config.blur() && rng.nextDouble() < config.blurProbability()) {
            double sigma = config.blurSigmaMin() + (config.blurSigmaMax() - config.blurSigmaMin()) * rng.nextDouble();
            byte[] blurred = channels == config.outputChannels() ? out : ws.bytes(3, pixels * channels);
            GaussianBlur.apply(cur, blurred, size, size, channels, config.blurKernelSize(), sigma, ws);
            cur = blurred;
        }
        if (channels == config.outputChannels()) {
            if (cur != out) {
                System.arraycopy(cur, 0, out, 0, out.length);
            }
        } else {
            Grayscale.greyToRgb(cur, out, pixels);
        }
    }
}
