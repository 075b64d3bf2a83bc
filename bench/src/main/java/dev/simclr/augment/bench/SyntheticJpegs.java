package dev.simclr.augment.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * The anchor's synthetic photos: random 20×15 colour blocks upscaled bicubically to 500×375, plus Gaussian noise (σ =
 * 12), stored as quality-90 JPEG.
 */
final class SyntheticJpegs {

    private SyntheticJpegs() {}

    static List<byte[]> make(int n, int width, int height, long seed) throws IOException {
        Random rng = new Random(seed);
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            BufferedImage base = new BufferedImage(width / 25, height / 25, BufferedImage.TYPE_3BYTE_BGR);
            rng.nextBytes(((DataBufferByte) base.getRaster().getDataBuffer()).getData());
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = img.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.drawImage(base, 0, 0, width, height, null);
            g.dispose();
            byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            for (int k = 0; k < px.length; k++) {
                int v = (int) Math.round((px[k] & 0xFF) + rng.nextGaussian() * 12);
                px[k] = (byte) Math.max(0, Math.min(255, v));
            }
            out.add(jpeg(img, 0.9f));
        }
        return out;
    }

    private static byte[] jpeg(BufferedImage img, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(img, null, null), p);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
