package dev.simclr.augmenter.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Small test images, valid and hostile, encoded in memory. */
public final class Images {

    private Images() {}

    /** A noisy image, grey or RGB. */
    public static BufferedImage image(int w, int h, boolean rgb, long seed) {
        BufferedImage img = new BufferedImage(w, h, rgb ? BufferedImage.TYPE_3BYTE_BGR : BufferedImage.TYPE_BYTE_GRAY);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = (x * 255 / w + r.nextInt(40)) & 0xFF;
                img.setRGB(
                        x,
                        y,
                        rgb ? (v << 16) | (((y * 255 / h) & 0xFF) << 8) | r.nextInt(256) : (v << 16) | (v << 8) | v);
            }
        }
        return img;
    }

    /** PNG bytes. */
    public static byte[] png(int w, int h, boolean rgb, long seed) {
        return encode(image(w, h, rgb, seed), "png");
    }

    /** JPEG bytes (RGB). */
    public static byte[] jpeg(int w, int h, long seed) {
        return encode(image(w, h, true, seed), "jpeg");
    }

    /** A structurally valid PNG whose header claims {@code w × h} pixels but carries one tiny IDAT. */
    public static byte[] pngClaiming(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(13)
                .putInt(w)
                .putInt(h)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        Deflater d = new Deflater();
        d.setInput(new byte[16]);
        d.finish();
        byte[] buf = new byte[64];
        int n = d.deflate(buf);
        byte[] idat = java.util.Arrays.copyOf(buf, n);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        out.writeBytes(chunk("IHDR", ihdr.array()));
        out.writeBytes(chunk("IDAT", idat));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    private static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.putInt(data.length).put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    private static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
