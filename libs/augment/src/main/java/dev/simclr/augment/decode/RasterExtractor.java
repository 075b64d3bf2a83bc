package dev.simclr.augment.decode;

import dev.simclr.augment.DecodedImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.SampleModel;

/**
 * Turns a reader's {@link BufferedImage} into uint8 HWC samples by reading its raster and data buffer directly (no
 * per-pixel {@code getRGB}). Grey stays one channel, colour becomes RGB, alpha is dropped (like Pillow's
 * {@code convert("RGB")}), palettes are expanded (an all-grey palette to one channel), and deeper samples are scaled to
 * 8 bits with rounding. Other colour spaces (e.g. CMYK left unconverted) go through {@link ColorConvertOp} to sRGB.
 */
final class RasterExtractor {

    private RasterExtractor() {}

    static DecodedImage extract(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        if (cm.isAlphaPremultiplied()) {
            img.coerceData(false);
            cm = img.getColorModel();
        }
        Raster raster = img.getRaster();
        if (cm instanceof IndexColorModel icm) {
            return PaletteExpander.expand(raster, icm);
        }
        int type = cm.getColorSpace().getType();
        int colours = cm.getNumColorComponents();
        if (type == ColorSpace.TYPE_GRAY && colours == 1) {
            return bands(raster, cm, new int[] {0});
        }
        if (type == ColorSpace.TYPE_RGB && colours == 3) {
            return bands(raster, cm, new int[] {0, 1, 2});
        }
        BufferedImage rgb = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        new ColorConvertOp(null).filter(img, rgb);
        return bands(rgb.getRaster(), rgb.getColorModel(), new int[] {0, 1, 2});
    }

    private static DecodedImage bands(Raster raster, ColorModel cm, int[] bands) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        int c = bands.length;
        SampleModel sm = raster.getSampleModel();
        DataBuffer db = raster.getDataBuffer();
        if (sm instanceof ComponentSampleModel csm
                && db instanceof DataBufferByte bytes
                && allSampleSizes(sm, bands, 8)) {
            if (isExactlyHwc(raster, csm, bytes, bands)) {
                return new DecodedImage(w, h, c, bytes.getData()); // zero copy: the decoder wrote HWC already
            }
            byte[] out = newPixels(w, h, c);
            copyBytes(raster, csm, bytes, bands, out);
            return new DecodedImage(w, h, c, out);
        }
        byte[] out = newPixels(w, h, c);
        if (sm instanceof ComponentSampleModel csm
                && db instanceof DataBufferUShort shorts
                && allSampleSizes(sm, bands, 16)) {
            copyShorts(raster, csm, shorts, bands, out);
        } else {
            copyGeneric(raster, bands, out);
        }
        return new DecodedImage(w, h, c, out);
    }

    private static byte[] newPixels(int w, int h, int c) {
        return new byte[Math.multiplyExact(Math.multiplyExact(w, h), c)];
    }

    /** True if the raster's only bank already is {@code h × w × c} interleaved samples in the wanted band order. */
    private static boolean isExactlyHwc(Raster r, ComponentSampleModel sm, DataBufferByte db, int[] bands) {
        int w = r.getWidth();
        int c = bands.length;
        if (db.getNumBanks() != 1
                || db.getOffset() != 0
                || r.getNumBands() != c
                || sm.getPixelStride() != c
                || sm.getScanlineStride() != w * c
                || r.getSampleModelTranslateX() != 0
                || r.getSampleModelTranslateY() != 0
                || db.getData().length != (long) w * r.getHeight() * c) {
            return false;
        }
        int[] offsets = sm.getBandOffsets();
        for (int k = 0; k < c; k++) {
            if (offsets[bands[k]] != k || bands[k] != k) {
                return false;
            }
        }
        return true;
    }

    private static void copyBytes(Raster r, ComponentSampleModel sm, DataBufferByte db, int[] bands, byte[] out) {
        int w = r.getWidth();
        int h = r.getHeight();
        int c = bands.length;
        int pixelStride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        int tx = r.getSampleModelTranslateX();
        int ty = r.getSampleModelTranslateY();
        int[] bandOffsets = sm.getBandOffsets();
        int[] banks = sm.getBankIndices();
        int[] base = new int[c];
        boolean oneBank = true;
        for (int k = 0; k < c; k++) {
            oneBank &= banks[bands[k]] == banks[bands[0]];
            base[k] = db.getOffsets()[banks[bands[k]]] + bandOffsets[bands[k]] - ty * scanline - tx * pixelStride;
        }
        if (c == 3 && oneBank) {
            // one pass over interleaved samples, e.g. TYPE_3BYTE_BGR (offsets 2, 1, 0) or RGB(A)
            byte[] data = db.getData(banks[bands[0]]);
            int o = 0;
            for (int y = 0; y < h; y++) {
                int row = y * scanline;
                int s0 = base[0] + row;
                int s1 = base[1] + row;
                int s2 = base[2] + row;
                for (int x = 0; x < w; x++, s0 += pixelStride, s1 += pixelStride, s2 += pixelStride) {
                    out[o++] = data[s0];
                    out[o++] = data[s1];
                    out[o++] = data[s2];
                }
            }
            return;
        }
        for (int k = 0; k < c; k++) {
            byte[] data = db.getData(banks[bands[k]]);
            int o = k;
            for (int y = 0; y < h; y++) {
                int s = base[k] + y * scanline;
                if (c == 1 && pixelStride == 1) {
                    System.arraycopy(data, s, out, y * w, w);
                    continue;
                }
                for (int x = 0; x < w; x++, s += pixelStride, o += c) {
                    out[o] = data[s];
                }
            }
        }
    }

    private static void copyShorts(Raster r, ComponentSampleModel sm, DataBufferUShort db, int[] bands, byte[] out) {
        int w = r.getWidth();
        int h = r.getHeight();
        int c = bands.length;
        int pixelStride = sm.getPixelStride();
        int scanline = sm.getScanlineStride();
        int tx = r.getSampleModelTranslateX();
        int ty = r.getSampleModelTranslateY();
        int[] bandOffsets = sm.getBandOffsets();
        int[] banks = sm.getBankIndices();
        for (int k = 0; k < c; k++) {
            short[] data = db.getData(banks[bands[k]]);
            int base = db.getOffsets()[banks[bands[k]]] + bandOffsets[bands[k]] - ty * scanline - tx * pixelStride;
            int o = k;
            for (int y = 0; y < h; y++) {
                int s = base + y * scanline;
                for (int x = 0; x < w; x++, s += pixelStride, o += c) {
                    out[o] = (byte) (((data[s] & 0xFFFF) + 128) / 257);
                }
            }
        }
    }

    /** Any other sample model: whole rows through {@link Raster#getSamples}, scaled from each band's bit depth. */
    private static void copyGeneric(Raster r, int[] bands, byte[] out) {
        int w = r.getWidth();
        int h = r.getHeight();
        int c = bands.length;
        int[] row = new int[w];
        for (int k = 0; k < c; k++) {
            int bits = r.getSampleModel().getSampleSize(bands[k]);
            long max = (1L << bits) - 1;
            for (int y = 0; y < h; y++) {
                r.getSamples(r.getMinX(), r.getMinY() + y, w, 1, bands[k], row);
                int o = y * w * c + k;
                for (int x = 0; x < w; x++, o += c) {
                    out[o] = (byte) (bits == 8 ? row[x] : ((row[x] & max) * 255 + max / 2) / max);
                }
            }
        }
    }

    private static boolean allSampleSizes(SampleModel sm, int[] bands, int bits) {
        for (int b : bands) {
            if (sm.getSampleSize(b) != bits) {
                return false;
            }
        }
        return true;
    }
}
