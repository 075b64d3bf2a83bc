package dev.simclr.contracts;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The strict binary format of {@link Topics#VIEWS} values (big-endian, nothing after the views):
 *
 * <pre>
 * offset  size      field
 * 0       4         magic "SCVP" (0x53 0x43 0x56 0x50)
 * 4       1         version, u8 = 1
 * 5       2         image id length n, u16, 1..512
 * 7       n         image id, UTF-8
 * 7+n     4         epoch, i32 (&gt;= 0)
 * 11+n    8         seed, i64
 * 19+n    2         height, u16, 1..1024
 * 21+n    2         width, u16, 1..1024
 * 23+n    1         channels, u8, 1 or 3
 * 24+n    h*w*c     view 1, uint8 HWC
 * 24+n+v  h*w*c     view 2, uint8 HWC
 * </pre>
 *
 * <p>{@link #decode(byte[])} never allocates from an unchecked length: sizes are validated against the limits and the
 * remaining bytes first, and input above {@link #MAX_ENCODED_BYTES} is rejected before anything else is read.
 */
public final class ViewPairCodec {

    /** The 4 magic bytes "SCVP" as a big-endian int. */
    public static final int MAGIC = 0x53435650;

    /** The only version this codec writes and reads. */
    public static final int VERSION = 1;

    /** Largest accepted height or width. */
    public static final int MAX_SIDE = 1024;

    /** Bytes before the image id plus bytes between the id and the first view. */
    public static final int FIXED_HEADER_BYTES = 4 + 1 + 2 + 4 + 8 + 2 + 2 + 1;

    /** Size of the smallest valid encoding (1-byte id, 1x1x1 views). */
    public static final int MIN_ENCODED_BYTES = FIXED_HEADER_BYTES + 1 + 2;

    /** Size of the largest valid encoding (512-byte id, two 1024x1024x3 views). */
    public static final int MAX_ENCODED_BYTES =
            FIXED_HEADER_BYTES + ViewPair.MAX_ID_BYTES + 2 * MAX_SIDE * MAX_SIDE * 3;

    private static final String CTX = ViewPair.CTX;

    private ViewPairCodec() {}

    /** The exact size of {@code encode(pair)}. */
    public static int encodedSize(ViewPair pair) {
        return FIXED_HEADER_BYTES + Text.utf8Length(pair.imageId()) + 2 * pair.viewBytes();
    }

    /** Encodes a (valid, since constructed) pair. */
    public static byte[] encode(ViewPair pair) {
        byte[] id = pair.imageId().getBytes(StandardCharsets.UTF_8);
        int v = pair.viewBytes();
        byte[] out = new byte[FIXED_HEADER_BYTES + id.length + 2 * v];
        ByteBuffer b = ByteBuffer.wrap(out);
        b.putInt(MAGIC)
                .put((byte) VERSION)
                .putShort((short) id.length)
                .put(id)
                .putInt(pair.epoch())
                .putLong(pair.seed())
                .putShort((short) pair.height())
                .putShort((short) pair.width())
                .put((byte) pair.channels());
        System.arraycopy(pair.view1(), 0, out, b.position(), v);
        System.arraycopy(pair.view2(), 0, out, b.position() + v, v);
        return out;
    }

    /**
     * Decodes one record value.
     *
     * @throws ContractException with the reason: null, oversized, truncated, bad magic, unsupported version, bad id,
     *     out-of-range header field, trailing bytes
     */
    public static ViewPair decode(byte[] data) {
        return decodeInPlace(data).toViewPair();
    }

    /**
     * Decodes and checks the header of one record value exactly as {@link #decode} does (same errors), without copying
     * the views out of {@code data}.
     *
     * @param data the record value; the result refers to it, so it must not be modified afterwards
     * @return the pair over {@code data}
     * @throws ContractException as {@link #decode}
     */
    public static EncodedViewPair decodeInPlace(byte[] data) {
        if (data == null) {
            throw Checks.fail(CTX, "value is null");
        }
        int len = data.length;
        if (len > MAX_ENCODED_BYTES) {
            throw Checks.fail(CTX, len + " bytes exceeds the maximum of " + MAX_ENCODED_BYTES);
        }
        if (len < 4) {
            throw truncated("at least " + MIN_ENCODED_BYTES, len);
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        int magic = b.getInt();
        if (magic != MAGIC) {
            throw Checks.fail(CTX, String.format("bad magic 0x%08x (expected 'SCVP')", magic));
        }
        if (len < 7) {
            if (len >= 5 && (data[4] & 0xff) != VERSION) {
                throw unsupported(data[4] & 0xff);
            }
            throw truncated("at least " + MIN_ENCODED_BYTES, len);
        }
        int version = b.get() & 0xff;
        if (version != VERSION) {
            throw unsupported(version);
        }
        int idLen = b.getShort() & 0xffff;
        if (idLen < 1 || idLen > ViewPair.MAX_ID_BYTES) {
            throw Checks.fail(CTX, "imageId length " + idLen + " is outside 1.." + ViewPair.MAX_ID_BYTES);
        }
        int headerEnd = FIXED_HEADER_BYTES + idLen;
        if (len < headerEnd) {
            throw new ContractException(CTX + " truncated: header needs " + headerEnd + " bytes, got " + len);
        }
        String imageId = utf8(data, b.position(), idLen);
        b.position(b.position() + idLen);
        int epoch = b.getInt();
        long seed = b.getLong();
        int height = b.getShort() & 0xffff;
        int width = b.getShort() & 0xffff;
        int channels = b.get() & 0xff;
        ViewPair.checkHeader(imageId, epoch, height, width, channels);
        int v = height * width * channels; // <= 3 MiB after checkHeader
        long expected = (long) headerEnd + 2L * v;
        if (len < expected) {
            throw truncated(Long.toString(expected), len);
        }
        if (len > expected) {
            throw Checks.fail(CTX, (len - expected) + " trailing bytes");
        }
        return new EncodedViewPair(imageId, epoch, seed, height, width, channels, data, headerEnd);
    }

    private static String utf8(byte[] data, int offset, int length) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, offset, length))
                    .toString();
        } catch (CharacterCodingException e) {
            throw Checks.fail(CTX, "imageId is not valid UTF-8");
        }
    }

    private static ContractException truncated(String expected, int got) {
        return new ContractException(CTX + " truncated: expected " + expected + " bytes, got " + got);
    }

    private static ContractException unsupported(int version) {
        return Checks.fail(CTX, "unsupported version " + version + " (supported: " + VERSION + ")");
    }
}
