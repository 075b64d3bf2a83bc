package dev.simclr.augment.decode;

/**
 * Walks a JPEG's marker segments and entropy-coded scans up to the end-of-image marker before decoding. The JDK reader
 * returns a grey-padded partial image for truncated data, so data that ends before EOI is refused here as TRUNCATED.
 * Also reads the frame size and the EXIF orientation.
 */
final class JpegStructure {

    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;
    private static final int APP1 = 0xE1;
    /**
     * Progressive JPEGs have about 10 scans; libjpeg absorbs all scans before the first row comes out, where an abort
     * is not checked, so thousands of tiny scans are a CPU bomb. Refused up front.
     */
    static final int MAX_SCANS = 128;

    private JpegStructure() {}

    static ContainerInfo check(byte[] d) {
        int pos = 2;
        int width = 0;
        int height = 0;
        int orientation = 1;
        boolean sawFrame = false;
        boolean sawExif = false;
        int components = 0;
        int scans = 0;
        while (true) {
            if (pos >= d.length) {
                throw truncated("JPEG ends at byte " + d.length + " without an end-of-image marker");
            }
            if ((d[pos] & 0xFF) != 0xFF) {
                throw corrupt(
                        "JPEG has no marker at byte " + pos + " (found 0x" + Integer.toHexString(d[pos] & 0xFF) + ")");
            }
            while (pos < d.length && (d[pos] & 0xFF) == 0xFF) {
                pos++; // fill bytes
            }
            if (pos >= d.length) {
                throw truncated("JPEG ends inside a marker at byte " + d.length);
            }
            int marker = d[pos++] & 0xFF;
            if (marker == EOI) {
                if (!sawFrame) {
                    throw corrupt("JPEG has no frame header (SOF) before end-of-image");
                }
                return new ContainerInfo(width, height, orientation, components);
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                continue; // standalone markers: TEM, RSTn
            }
            if (marker == 0xD8 || marker == 0x00) {
                throw corrupt(
                        "JPEG has an unexpected marker 0x" + Integer.toHexString(marker) + " at byte " + (pos - 1));
            }
            if (pos + 2 > d.length) {
                throw truncated("JPEG ends inside the length of marker 0x" + Integer.toHexString(marker));
            }
            int length = Bytes.u16be(d, pos);
            if (length < 2) {
                throw corrupt("JPEG marker 0x" + Integer.toHexString(marker) + " has invalid length " + length);
            }
            if (pos + length > d.length) {
                throw truncated("JPEG segment 0x" + Integer.toHexString(marker) + " at byte " + (pos - 2) + " needs "
                        + length + " bytes, only " + (d.length - pos) + " left");
            }
            if (isStartOfFrame(marker) && !sawFrame) {
                if (length < 8) {
                    throw corrupt("JPEG frame header is too short (" + length + " bytes)");
                }
                height = Bytes.u16be(d, pos + 3);
                width = Bytes.u16be(d, pos + 5);
                components = Bytes.u8(d, pos + 7);
                if (width == 0 || height == 0) {
                    throw new DecodeException(
                            DecodeException.Kind.UNSUPPORTED_FORMAT,
                            "JPEG frame size " + width + "x" + height
                                    + " (height defined later by DNL) is not supported");
                }
                sawFrame = true;
            } else if (marker == APP1 && !sawExif && ExifOrientation.isExif(d, pos + 2, length - 2)) {
                orientation = ExifOrientation.parse(d, pos + 2 + 6, length - 2 - 6);
                sawExif = true;
            }
            pos += length;
            if (marker == SOS) {
                if (++scans > MAX_SCANS) {
                    throw new DecodeException(
                            DecodeException.Kind.TOO_LARGE, "JPEG has more than " + MAX_SCANS + " scans");
                }
                if (!sawFrame) {
                    throw corrupt("JPEG scan starts before the frame header");
                }
                pos = skipEntropyCodedData(d, pos);
            }
        }
    }

    /** Returns the position of the 0xFF that starts the first real marker after the scan data. */
    private static int skipEntropyCodedData(byte[] d, int pos) {
        int n = d.length - 1;
        while (pos < n) {
            if (d[pos] == (byte) 0xFF) {
                int next = d[pos + 1] & 0xFF;
                if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                    pos += 2; // stuffed byte or restart marker: still scan data
                    continue;
                }
                if (next == 0xFF) {
                    pos++; // fill byte before a marker
                    continue;
                }
                return pos;
            }
            pos++;
        }
        throw truncated("JPEG data ends inside a scan, without an end-of-image marker");
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    private static DecodeException truncated(String message) {
        return new DecodeException(DecodeException.Kind.TRUNCATED, message);
    }

    private static DecodeException corrupt(String message) {
        return new DecodeException(DecodeException.Kind.CORRUPT, message);
    }
}
