package dev.simclr.launcher.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Encodes 8-bit grey pixels (row-major) as a PNG. */
public final class GrayPng {

    private GrayPng() {}

    /**
     * Encodes {@code pixels[offset .. offset + height*width)}.
     *
     * @return the PNG bytes
     */
    public static byte[] encode(byte[] pixels, int offset, int height, int width) {
        if (height < 1 || width < 1 || offset < 0 || (long) offset + (long) height * width > pixels.length) {
            throw new IllegalArgumentException("grey image " + height + "x" + width + " at " + offset + " does not fit "
                    + pixels.length + " bytes");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster()
                .setDataElements(
                        0, 0, width, height, java.util.Arrays.copyOfRange(pixels, offset, offset + height * width));
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + height * width);
        try {
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PNG encoding failed: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
