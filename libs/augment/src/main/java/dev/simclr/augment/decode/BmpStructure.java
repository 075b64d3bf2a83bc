package dev.simclr.augment.decode;

/**
 * Checks a BMP header: header sizes, a positive size, and for uncompressed pixel data that the rows fit in the data
 * (else TRUNCATED). Run-length-encoded data is left to the reader.
 */
final class BmpStructure {

    private BmpStructure() {}

    static ContainerInfo check(byte[] d) {
        if (d.length < 26) {
            throw truncated("BMP ends inside its header (" + d.length + " bytes)");
        }
        long pixelOffset = Bytes.u32le(d, 10);
        long headerSize = Bytes.u32le(d, 14);
        int width;
        int height;
        int bitsPerPixel;
        long compression = 0;
        if (headerSize == 12) {
            width = Bytes.u16le(d, 18);
            height = Bytes.u16le(d, 20);
            bitsPerPixel = Bytes.u16le(d, 24);
        } else if (headerSize >= 40 && headerSize <= 124) {
            if (d.length < 34) {
                throw truncated("BMP ends inside its info header (" + d.length + " bytes)");
            }
            width = Bytes.i32le(d, 18);
            height = Math.abs(Bytes.i32le(d, 22));
            bitsPerPixel = Bytes.u16le(d, 28);
            compression = Bytes.u32le(d, 30);
        } else {
            throw new DecodeException(
                    DecodeException.Kind.UNSUPPORTED_FORMAT, "BMP header size " + headerSize + " is not supported");
        }
        if (width <= 0 || height <= 0) {
            throw corrupt("BMP has invalid size " + width + "x" + height);
        }
        if (pixelOffset < 14 + headerSize || pixelOffset > d.length) {
            throw pixelOffset > d.length
                    ? truncated("BMP pixel data offset " + pixelOffset + " is past the end (" + d.length + " bytes)")
                    : corrupt("BMP pixel data offset " + pixelOffset + " is inside the header");
        }
        if (compression == 0 || compression == 3 || compression == 6) {
            long rowBytes = ((long) width * bitsPerPixel + 31) / 32 * 4;
            long need = pixelOffset + rowBytes * height;
            if (need > d.length) {
                throw truncated("BMP pixel data needs " + need + " bytes, only " + d.length + " present");
            }
        }
        return new ContainerInfo(width, height, 1);
    }

    private static DecodeException truncated(String message) {
        return new DecodeException(DecodeException.Kind.TRUNCATED, message);
    }

    private static DecodeException corrupt(String message) {
        return new DecodeException(DecodeException.Kind.CORRUPT, message);
    }
}
