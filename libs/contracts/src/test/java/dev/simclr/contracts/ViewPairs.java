package dev.simclr.contracts;

import java.util.Random;

/** Test data: random valid view pairs and the tiny example pair of docs/contracts.md. */
final class ViewPairs {

    /** Code points of 1, 2, 3 and 4 UTF-8 bytes. */
    private static final int[] ID_CODE_POINTS = {
        'a', 'Z', '7', '-', '_', '.', ' ', '/', 0xe9, 0x3b1, 0x4e2d, 0x6587, 0x1f600, 0x1f42e
    };

    private ViewPairs() {}

    /** imageId "a1", epoch 3, seed 42, 2x2x1, views 00 40 80 ff and ff 80 40 00. */
    static ViewPair tiny() {
        return new ViewPair("a1", 3, 42L, 2, 2, 1, new byte[] {0, 0x40, (byte) 0x80, (byte) 0xff}, new byte[] {
            (byte) 0xff, (byte) 0x80, 0x40, 0
        });
    }

    /** The encoding of {@link #tiny()}, as in docs/contracts.md. */
    static byte[] tinyEncoded() {
        return hex("53435650 01 0002 6131 00000003 000000000000002a 0002 0002 01" + " 004080ff ff804000");
    }

    static byte[] hex(String spaced) {
        String h = spaced.replaceAll("\\s+", "");
        byte[] out = new byte[h.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** A random valid pair with sides up to {@code maxSide}. */
    static ViewPair random(Random rnd, int maxSide) {
        int h = 1 + rnd.nextInt(maxSide);
        int w = 1 + rnd.nextInt(maxSide);
        int c = rnd.nextBoolean() ? 1 : 3;
        byte[] v1 = new byte[h * w * c];
        byte[] v2 = new byte[h * w * c];
        rnd.nextBytes(v1);
        rnd.nextBytes(v2);
        return new ViewPair(randomId(rnd), rnd.nextInt(Integer.MAX_VALUE), rnd.nextLong(), h, w, c, v1, v2);
    }

    /** 1..512 UTF-8 bytes of mixed-width code points, no outer whitespace. */
    static String randomId(Random rnd) {
        int budget = 1 + rnd.nextInt(rnd.nextInt(10) == 0 ? ViewPair.MAX_ID_BYTES : 40);
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        while (true) {
            int cp = ID_CODE_POINTS[rnd.nextInt(ID_CODE_POINTS.length)];
            int len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + len > budget) {
                break;
            }
            b.appendCodePoint(cp);
            bytes += len;
        }
        String id = b.toString().strip();
        return id.isEmpty() ? "i" : id;
    }
}
