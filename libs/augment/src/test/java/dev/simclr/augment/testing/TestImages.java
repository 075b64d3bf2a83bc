package dev.simclr.augment.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Builds test images (valid and malformed) in memory. */
public final class TestImages {

    private TestImages() {}

    /** An RGB image whose pixel (x, y) is (x * 7, y * 11, (x + y) * 3) mod 256. */
    public static BufferedImage gradient(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, new Color((x * 7) & 0xFF, (y * 11) & 0xFF, ((x + y) * 3) & 0xFF).getRGB());
            }
        }
        return img;
    }

    /** A noisy RGB image, hard to compress. */
    public static BufferedImage noise(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] data = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        new Random(seed).nextBytes(data);
        return img;
    }

    /** Left half {@code left}, right half {@code right}. */
    public static BufferedImage halves(int w, int h, Color left, Color right) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setColor(left);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(right);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        return img;
    }

    /** Encodes with the first ImageIO writer for {@code format}. */
    public static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** JPEG at the given quality (0..1). */
    public static byte[] jpeg(BufferedImage img, float quality) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                ImageWriteParam p = writer.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(quality);
                writer.write(null, new IIOImage(img, null, null), p);
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An animated GIF with one frame per colour (each frame {@code w × h}, filled). */
    public static byte[] animatedGif(int w, int h, Color... frames) {
        try {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.prepareWriteSequence(null);
                for (Color c : frames) {
                    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED);
                    Graphics2D g = img.createGraphics();
                    g.setColor(c);
                    g.fillRect(0, 0, w, h);
                    g.dispose();
                    ImageWriteParam param = writer.getDefaultWriteParam();
                    IIOMetadata meta =
                            writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(img), param);
                    String fmt = meta.getNativeMetadataFormatName();
                    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(fmt);
                    IIOMetadataNode gce = new IIOMetadataNode("GraphicControlExtension");
                    gce.setAttribute("disposalMethod", "none");
                    gce.setAttribute("userInputFlag", "FALSE");
                    gce.setAttribute("transparentColorFlag", "FALSE");
                    gce.setAttribute("delayTime", "10");
                    gce.setAttribute("transparentColorIndex", "0");
                    root.appendChild(gce);
                    meta.setFromTree(fmt, root);
                    writer.writeToSequence(new IIOImage(img, null, meta), param);
                }
                writer.endWriteSequence();
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG chunk with its length and CRC. */
    public static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        b.putInt(data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** Inserts {@code chunk} right after the IHDR chunk of a PNG. */
    public static byte[] insertAfterIhdr(byte[] png, byte[] chunk) {
        int at = 8 + 12 + 13;
        return concat(Arrays.copyOf(png, at), chunk, Arrays.copyOfRange(png, at, png.length));
    }

    /** A structurally valid PNG whose IHDR claims {@code w × h} (8-bit RGB) with one tiny IDAT. */
    public static byte[] pngClaiming(int w, int h) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h);
        ihdr.put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        byte[] idat = deflate(new byte[64]);
        byte[] sig = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
        return concat(sig, pngChunk("IHDR", ihdr.array()), pngChunk("IDAT", idat), pngChunk("IEND", new byte[0]));
    }

    /** zlib-compresses {@code data}. */
    public static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(9);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** A GIF whose logical screen is {@code screenW × screenH} holding one {@code frameW × frameH} frame. */
    public static byte[] gifClaiming(int screenW, int screenH, int frameW, int frameH) {
        ByteBuffer b = ByteBuffer.allocate(64).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) screenW)
                .putShort((short) screenH)
                .put((byte) 0x80)
                .put((byte) 0)
                .put((byte) 0);
        b.put(new byte[] {0, 0, 0, (byte) 255, (byte) 255, (byte) 255}); // 2-entry global palette
        b.put((byte) 0x2C)
                .putShort((short) 0)
                .putShort((short) 0)
                .putShort((short) frameW)
                .putShort((short) frameH)
                .put((byte) 0);
        b.put((byte) 2).put((byte) 2).put((byte) 0x4C).put((byte) 0x01).put((byte) 0); // LZW min 2, one sub-block
        b.put((byte) 0x3B);
        return Arrays.copyOf(b.array(), b.position());
    }

    /** A JPEG APP1 EXIF segment holding only an orientation tag (big-endian TIFF). */
    public static byte[] exifOrientationSegment(int orientation) {
        ByteBuffer p = ByteBuffer.allocate(2 + 2 + 6 + 8 + 2 + 12 + 4);
        p.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (p.capacity() - 2));
        p.put("Exif".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0);
        p.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        p.putShort((short) 1);
        p.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        p.putInt(0);
        return p.array();
    }

    /** Inserts a segment right after a JPEG's SOI marker. */
    public static byte[] insertAfterSoi(byte[] jpeg, byte[] segment) {
        return concat(Arrays.copyOf(jpeg, 2), segment, Arrays.copyOfRange(jpeg, 2, jpeg.length));
    }

    /** Concatenates arrays. */
    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
