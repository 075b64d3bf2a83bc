package dev.simclr.augment.decode;

import java.util.zip.CRC32;

/**
 * Walks a PNG's chunk list before decoding: IHDR first, every chunk inside the data with a matching CRC, at least one
 * IDAT, and an IEND at the end. A missing IEND or a chunk running past the end is TRUNCATED; a CRC mismatch or a
 * malformed header is CORRUPT.
 */
final class PngStructure {

    private static final int IHDR = 0x49484452;
    private static final int IDAT = 0x49444154;
    private static final int IEND = 0x49454E44;

    private PngStructure() {}

    static ContainerInfo check(byte[] d) {
        int pos = 8;
        int width = 0;
        int height = 0;
        boolean sawIdat = false;
        CRC32 crc = new CRC32();
        while (true) {
            if (pos + 8 > d.length) {
                throw truncated("PNG ends at byte " + d.length + " without an IEND chunk");
            }
            long length = Bytes.u32be(d, pos);
            int type = (int) Bytes.u32be(d, pos + 4);
            String name = Bytes.fourCc(d, pos + 4);
            if (length > Integer.MAX_VALUE) {
                throw corrupt("PNG chunk '" + name + "' at byte " + pos + " has invalid length " + length);
            }
            if (pos + 12 + length > d.length) {
                throw truncated("PNG chunk '" + name + "' at byte " + pos + " needs " + (12 + length) + " bytes, only "
                        + (d.length - pos) + " left");
            }
            crc.reset();
            crc.update(d, pos + 4, (int) length + 4);
            long stored = Bytes.u32be(d, pos + 8 + (int) length);
            if (crc.getValue() != stored) {
                throw corrupt("PNG chunk '" + name + "' at byte " + pos + " has a bad CRC");
            }
            if (pos == 8) {
                if (type != IHDR || length != 13) {
                    throw corrupt("PNG does not start with a 13-byte IHDR chunk (found '" + name + "')");
                }
                long w = Bytes.u32be(d, pos + 8);
                long h = Bytes.u32be(d, pos + 12);
                if (w == 0 || h == 0 || w > Integer.MAX_VALUE || h > Integer.MAX_VALUE) {
                    throw corrupt("PNG IHDR has invalid size " + w + "x" + h);
                }
                width = (int) w;
                height = (int) h;
            } else if (type == IHDR) {
                throw corrupt("PNG has a second IHDR chunk at byte " + pos);
            }
            if (type == IDAT) {
                sawIdat = true;
            }
            if (type == IEND) {
                if (!sawIdat) {
                    throw corrupt("PNG has no IDAT chunk");
                }
                return new ContainerInfo(width, height, 1);
            }
            pos += 12 + (int) length;
        }
    }

    private static DecodeException truncated(String message) {
        return new DecodeException(DecodeException.Kind.TRUNCATED, message);
    }

    private static DecodeException corrupt(String message) {
        return new DecodeException(DecodeException.Kind.CORRUPT, message);
    }
}
