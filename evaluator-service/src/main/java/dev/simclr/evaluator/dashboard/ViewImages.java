package dev.simclr.evaluator.dashboard;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import javax.imageio.ImageIO;

/** Turns a uint8 HWC view (1 or 3 channels) into a PNG {@code data:} URL for an {@code <img>}. */
public final class ViewImages {

    /** The prefix of every URL this class makes. */
    public static final String PREFIX = "data:image/png;base64,";

    private ViewImages() {}

    /**
     * Encodes one view.
     *
     * @param pixels uint8 HWC, {@code height * width * channels} bytes
     * @param height rows
     * @param width columns
     * @param channels 1 (grey) or 3 (RGB)
     * @return {@code data:image/png;base64,...}
     * @throws IllegalArgumentException for a shape that does not match the pixels
     */
    public static String pngDataUrl(byte[] pixels, int height, int width, int channels) {
        if (height < 1
                || width < 1
                || (channels != 1 && channels != 3)
                || (long) height * width * channels != pixels.length) {
            throw new IllegalArgumentException("view image: " + height + "x" + width + "x" + channels + " does not fit "
                    + pixels.length + " bytes");
        }
        BufferedImage image;
        if (channels == 1) {
            image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, width, height, pixels);
        } else {
            image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0, i = 0; y < height; y++) {
                for (int x = 0; x < width; x++, i += 3) {
                    image.setRGB(x, y, (pixels[i] & 0xff) << 16 | (pixels[i + 1] & 0xff) << 8 | (pixels[i + 2] & 0xff));
                }
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + pixels.length);
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a view as PNG failed", e);
        }
        return PREFIX + Base64.getEncoder().encodeToString(out.toByteArray());
    }
}
