package dev.simclr.augment.decode;

/** Bounds-checked big- and little-endian reads from a byte array. */
final class Bytes {

    private Bytes() {}

    static int u8(byte[] d, int pos) {
        return d[pos] & 0xFF;
    }

    static int u16be(byte[] d, int pos) {
        return (d[pos] & 0xFF) << 8 | (d[pos + 1] & 0xFF);
    }

    static int u16le(byte[] d, int pos) {
        return (d[pos] & 0xFF) | (d[pos + 1] & 0xFF) << 8;
    }

    static long u32be(byte[] d, int pos) {
        return (long) u16be(d, pos) << 16 | u16be(d, pos + 2);
    }

    static long u32le(byte[] d, int pos) {
        return u16le(d, pos) | (long) u16le(d, pos + 2) << 16;
    }

    static int i32le(byte[] d, int pos) {
        return (int) u32le(d, pos);
    }

    static String fourCc(byte[] d, int pos) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) {
            int b = d[pos + i] & 0xFF;
            c[i] = b >= 0x20 && b < 0x7F ? (char) b : '?';
        }
        return new String(c);
    }
}
