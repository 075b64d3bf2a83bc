package dev.simclr.augment.decode;

/**
 * Checks a WebP's RIFF container: the declared RIFF size fits in the data and every chunk lies inside it (else
 * TRUNCATED). The size comes from the reader.
 */
final class WebpStructure {

    private WebpStructure() {}

    static ContainerInfo check(byte[] d) {
        long riffEnd = 8 + Bytes.u32le(d, 4);
        if (riffEnd > d.length) {
            throw new DecodeException(
                    DecodeException.Kind.TRUNCATED,
                    "WebP declares " + riffEnd + " bytes, only " + d.length + " present");
        }
        int pos = 12;
        if (pos + 8 > riffEnd) {
            throw new DecodeException(DecodeException.Kind.TRUNCATED, "WebP has no chunks");
        }
        while (pos + 8 <= riffEnd) {
            long size = Bytes.u32le(d, pos + 4);
            long next = pos + 8 + size + (size & 1);
            if (pos + 8 + size > riffEnd) {
                throw new DecodeException(
                        DecodeException.Kind.TRUNCATED,
                        "WebP chunk '" + Bytes.fourCc(d, pos) + "' at byte " + pos + " needs " + size + " bytes, only "
                                + (riffEnd - pos - 8) + " left");
            }
            pos = (int) Math.min(next, riffEnd);
        }
        return ContainerInfo.UNKNOWN;
    }
}
