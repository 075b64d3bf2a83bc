package dev.simclr.augment.decode;

import dev.simclr.augment.testing.TestImages;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Crafts Adobe-style 4-channel JPEGs for decoder tests: the JDK writer stores a 4-band raster as-is, and an Adobe APP14
 * segment tells readers the colour transform (0 = CMYK, 2 = YCCK). Like Photoshop's, the stored ink values are inverted
 * (255 = no ink).
 */
final class CmykJpeg {

    private CmykJpeg() {}

    /** A {@code w × h} CMYK JPEG filled with ink {@code cmyk} (0 = none, 255 = full). */
    static byte[] cmyk(int w, int h, int[] cmyk) {
        int[] stored = {255 - cmyk[0], 255 - cmyk[1], 255 - cmyk[2], 255 - cmyk[3]};
        return TestImages.insertAfterSoi(writeRaw(w, h, stored), adobe(0));
    }

    /**
     * A {@code w × h} YCCK JPEG filled with ink {@code cmyk}: the (Adobe-inverted) CMY are stored as YCbCr of their
     * complement, i.e. of the ink values; K stays inverted.
     */
    static byte[] ycck(int w, int h, int[] cmyk) {
        double r = cmyk[0];
        double g = cmyk[1];
        double b = cmyk[2];
        int y = clamp(0.299 * r + 0.587 * g + 0.114 * b);
        int cb = clamp(128 - 0.168736 * r - 0.331264 * g + 0.5 * b);
        int cr = clamp(128 + 0.5 * r - 0.418688 * g - 0.081312 * b);
        return TestImages.insertAfterSoi(writeRaw(w, h, new int[] {y, cb, cr, 255 - cmyk[3]}), adobe(2));
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static byte[] adobe(int transform) {
        return new byte[] {
            (byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform
        };
    }

    private static byte[] writeRaw(int w, int h, int[] values) {
        WritableRaster r = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                r.setPixel(x, y, values);
            }
        }
        try {
            ImageWriter writer = jdkJpegWriter();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(r, null, null), writer.getDefaultWriteParam());
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ImageWriter jdkJpegWriter() {
        Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("jpeg");
        while (it.hasNext()) {
            ImageWriter candidate = it.next();
            if (candidate.getClass().getName().startsWith("com.sun.")) {
                return candidate;
            }
        }
        throw new IllegalStateException("the JDK's JPEG writer is missing");
    }
}
