package dev.simclr.augment.decode;

/**
 * Walks a GIF's blocks up to the end of the first frame's image data. Returns the logical screen size; the first
 * frame's own size must fit the same budgets and is reported by {@link #firstFrame(byte[])}. Data that ends before the
 * first frame is complete is TRUNCATED.
 */
final class GifStructure {

    private GifStructure() {}

    /** The logical screen size, after checking that the first frame is complete. */
    static ContainerInfo check(byte[] d) {
        firstFrame(d);
        return new ContainerInfo(Bytes.u16le(d, 6), Bytes.u16le(d, 8), 1);
    }

    /** The first frame's size as {@code {width, height}}. */
    static int[] firstFrame(byte[] d) {
        if (d.length < 13) {
            throw truncated("GIF ends inside the logical screen descriptor (" + d.length + " bytes)");
        }
        int pos = 13;
        int flags = Bytes.u8(d, 10);
        if ((flags & 0x80) != 0) {
            pos += 3 << ((flags & 0x07) + 1);
        }
        while (true) {
            if (pos >= d.length) {
                throw truncated("GIF ends at byte " + d.length + " before the first image is complete");
            }
            int block = Bytes.u8(d, pos++);
            if (block == 0x21) {
                if (pos >= d.length) {
                    throw truncated("GIF ends inside an extension block");
                }
                pos = skipSubBlocks(d, pos + 1);
            } else if (block == 0x2C) {
                if (pos + 9 > d.length) {
                    throw truncated("GIF ends inside the first image descriptor");
                }
                int w = Bytes.u16le(d, pos + 4);
                int h = Bytes.u16le(d, pos + 6);
                int imageFlags = Bytes.u8(d, pos + 8);
                pos += 9;
                if ((imageFlags & 0x80) != 0) {
                    pos += 3 << ((imageFlags & 0x07) + 1);
                }
                if (pos >= d.length) {
                    throw truncated("GIF ends before the first image's data");
                }
                int codeSize = Bytes.u8(d, pos);
                if (codeSize < 2 || codeSize > 11) {
                    throw corrupt("GIF first image has invalid LZW code size " + codeSize);
                }
                skipSubBlocks(d, pos + 1);
                if (w == 0 || h == 0) {
                    throw corrupt("GIF first image has size " + w + "x" + h);
                }
                return new int[] {w, h};
            } else if (block == 0x3B) {
                throw corrupt("GIF has no image before its trailer");
            } else {
                throw corrupt("GIF has an unknown block 0x" + Integer.toHexString(block) + " at byte " + (pos - 1));
            }
        }
    }

    private static int skipSubBlocks(byte[] d, int pos) {
        while (true) {
            if (pos >= d.length) {
                throw truncated("GIF ends inside a data sub-block at byte " + d.length);
            }
            int size = Bytes.u8(d, pos);
            pos += 1 + size;
            if (size == 0) {
                return pos;
            }
        }
    }

    private static DecodeException truncated(String message) {
        return new DecodeException(DecodeException.Kind.TRUNCATED, message);
    }

    private static DecodeException corrupt(String message) {
        return new DecodeException(DecodeException.Kind.CORRUPT, message);
    }
}
