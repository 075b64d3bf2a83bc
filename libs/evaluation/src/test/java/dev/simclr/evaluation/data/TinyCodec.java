package dev.simclr.evaluation.data;

import dev.simclr.augment.DecodedImage;
import java.util.Arrays;

/** Test image "format": width, height, channels, then HWC pixels. */
final class TinyCodec {

    private TinyCodec() {}

    static byte[] encode(int w, int h, int c, int fill) {
        byte[] b = new byte[3 + w * h * c];
        b[0] = (byte) w;
        b[1] = (byte) h;
        b[2] = (byte) c;
        Arrays.fill(b, 3, b.length, (byte) fill);
        return b;
    }

    static DecodedImage decode(byte[] b) {
        if (b.length < 3 || b[0] == 0) {
            throw new IllegalArgumentException("not a tiny image");
        }
        return new DecodedImage(b[0], b[1], b[2], Arrays.copyOfRange(b, 3, b.length));
    }
}
