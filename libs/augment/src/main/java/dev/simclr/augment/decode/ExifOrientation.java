package dev.simclr.augment.decode;

import dev.simclr.augment.DecodedImage;

/**
 * EXIF orientation (TIFF tag 0x0112): read from a JPEG APP1 segment, applied to decoded pixels so the output is
 * upright, like Pillow's {@code ImageOps.exif_transpose}. A malformed EXIF block is ignored (orientation 1), never a
 * decode failure.
 */
final class ExifOrientation {

    private static final int ORIENTATION_TAG = 0x0112;

    private ExifOrientation() {}

    /** True if the APP1 payload at {@code pos} starts with {@code "Exif\0\0"}. */
    static boolean isExif(byte[] d, int pos, int length) {
        return length >= 6
                && d[pos] == 'E'
                && d[pos + 1] == 'x'
                && d[pos + 2] == 'i'
                && d[pos + 3] == 'f'
                && d[pos + 4] == 0
                && d[pos + 5] == 0;
    }

    /** Parses the orientation from a TIFF structure at {@code [pos, pos + length)}; 1 when absent or malformed. */
    static int parse(byte[] d, int pos, int length) {
        if (length < 8) {
            return 1;
        }
        boolean little;
        if (d[pos] == 'I' && d[pos + 1] == 'I') {
            little = true;
        } else if (d[pos] == 'M' && d[pos + 1] == 'M') {
            little = false;
        } else {
            return 1;
        }
        if (u16(d, pos + 2, little) != 42) {
            return 1;
        }
        long ifd = u32(d, pos + 4, little);
        if (ifd < 8 || ifd + 2 > length) {
            return 1;
        }
        int entries = u16(d, pos + (int) ifd, little);
        for (int i = 0; i < entries; i++) {
            int entry = pos + (int) ifd + 2 + i * 12;
            if (entry + 12 > pos + length) {
                return 1;
            }
            if (u16(d, entry, little) == ORIENTATION_TAG) {
                int type = u16(d, entry + 2, little);
                int value = type == 3 ? u16(d, entry + 8, little) : type == 4 ? (int) u32(d, entry + 8, little) : 1;
                return value >= 1 && value <= 8 ? value : 1;
            }
        }
        return 1;
    }

    /** Applies EXIF orientation {@code o} (1..8); returns the image itself for 1. */
    static DecodedImage apply(DecodedImage img, int o) {
        if (o == 1) {
            return img;
        }
        int w = img.width();
        int h = img.height();
        int c = img.channels();
        boolean swap = o >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        byte[] src = img.pixels();
        byte[] out = new byte[src.length];
        int di = 0;
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                int sx;
                int sy;
                switch (o) {
                    case 2 -> {
                        sx = w - 1 - ox;
                        sy = oy;
                    }
                    case 3 -> {
                        sx = w - 1 - ox;
                        sy = h - 1 - oy;
                    }
                    case 4 -> {
                        sx = ox;
                        sy = h - 1 - oy;
                    }
                    case 5 -> {
                        sx = oy;
                        sy = ox;
                    }
                    case 6 -> {
                        sx = oy;
                        sy = h - 1 - ox;
                    }
                    case 7 -> {
                        sx = w - 1 - oy;
                        sy = h - 1 - ox;
                    }
                    default -> {
                        sx = w - 1 - oy;
                        sy = ox;
                    }
                }
                System.arraycopy(src, (sy * w + sx) * c, out, di, c);
                di += c;
            }
        }
        return new DecodedImage(ow, oh, c, out);
    }

    private static int u16(byte[] d, int pos, boolean little) {
        return little ? Bytes.u16le(d, pos) : Bytes.u16be(d, pos);
    }

    private static long u32(byte[] d, int pos, boolean little) {
        return little ? Bytes.u32le(d, pos) : Bytes.u32be(d, pos);
    }
}
