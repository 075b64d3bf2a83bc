package dev.simclr.augment.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stream into memory, failing as soon as more than a limit arrives. */
final class BoundedRead {

    private BoundedRead() {}

    /** Reads all of {@code in}; throws TOO_LARGE once more than {@code maxBytes} were seen. */
    /** The largest array the JVM can allocate, a hard cap on any limit. */
    static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    static byte[] readAll(InputStream in, long maxBytes, String what) throws IOException {
        maxBytes = Math.min(maxBytes, MAX_ARRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(maxBytes + 1, 1 << 16));
        byte[] buf = new byte[1 << 16];
        long total = 0;
        int n;
        while ((n = in.read(buf)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw new FetchException(
                        FetchException.Kind.TOO_LARGE, what + " is larger than the limit of " + maxBytes + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }
}
