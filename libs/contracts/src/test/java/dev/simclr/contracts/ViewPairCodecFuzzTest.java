package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random mutations and truncations of valid encodings: decoding either succeeds (and re-encodes to the same bytes) or
 * throws {@link ContractException}, and never allocates much more than the input it was given.
 */
class ViewPairCodecFuzzTest {

    /** Allowance for the decoder's own objects (buffer, id string, exception and stack trace). */
    private static final long OVERHEAD_BYTES = 64 * 1024;

    /** Iterations before allocations are measured. */
    private static final int WARM_UP = 500;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void mutatedEncodingsNeverThrowAnythingElseNorAllocateHugeArrays() {
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);
        Random rnd = new Random(0x5C1AL);
        int accepted = 0;
        int rejected = 0;
        long worstOverhead = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] valid = ViewPairCodec.encode(ViewPairs.random(rnd, 24));
            byte[] data = mutate(rnd, valid);
            long before = threads.getCurrentThreadAllocatedBytes();
            ViewPair decoded = null;
            ContractException error = null;
            try {
                decoded = ViewPairCodec.decode(data);
            } catch (ContractException e) {
                error = e;
            } catch (RuntimeException | Error e) {
                fail("decode threw " + e + " for " + hex(data), e);
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (i < WARM_UP) {
                allocated = 0; // first calls load classes and fill caches
            }
            worstOverhead = Math.max(worstOverhead, allocated - data.length);
            if (allocated > data.length + OVERHEAD_BYTES) {
                fail("decode of " + data.length + " bytes allocated " + allocated + " bytes: " + hex(data));
            }
            if (error != null) {
                assertThat(error.getMessage()).startsWith("view pair").doesNotContain("\n");
                rejected++;
            } else {
                assertThat(ViewPairCodec.encode(decoded)).isEqualTo(data);
                accepted++;
            }
        }
        assertThat(rejected).isGreaterThan(5_000);
        assertThat(accepted).isGreaterThan(100);
        assertThat(worstOverhead).isLessThan(OVERHEAD_BYTES);
    }

    private static byte[] mutate(Random rnd, byte[] valid) {
        byte[] d = valid.clone();
        int headerEnd = Math.min(d.length, ViewPairCodec.FIXED_HEADER_BYTES + 16);
        switch (rnd.nextInt(7)) {
            case 0: // flip bytes anywhere
                for (int k = 1 + rnd.nextInt(4); k > 0; k--) {
                    d[rnd.nextInt(d.length)] ^= (byte) (1 + rnd.nextInt(255));
                }
                return d;
            case 1: // flip bytes in the header
                for (int k = 1 + rnd.nextInt(3); k > 0; k--) {
                    d[rnd.nextInt(headerEnd)] = (byte) rnd.nextInt(256);
                }
                return d;
            case 2: // truncate
                return Arrays.copyOf(d, rnd.nextInt(d.length));
            case 3: // append junk
                byte[] longer = Arrays.copyOf(d, d.length + 1 + rnd.nextInt(16));
                return longer;
            case 4: { // claim the largest shape in a short record
                int idLen = ByteBuffer.wrap(d, 5, 2).getShort() & 0xffff;
                ByteBuffer.wrap(d, 7 + idLen + 12, 5)
                        .putShort((short) 1024)
                        .putShort((short) 1024)
                        .put((byte) 3);
                return d;
            }
            case 5: { // random id length
                ByteBuffer.wrap(d, 5, 2).putShort((short) rnd.nextInt(65536));
                return d;
            }
            default: { // random bytes behind a valid magic and version
                byte[] junk = new byte[rnd.nextInt(64)];
                rnd.nextBytes(junk);
                if (junk.length >= 5) {
                    ByteBuffer.wrap(junk).putInt(ViewPairCodec.MAGIC).put((byte) 1);
                }
                return junk;
            }
        }
    }

    private static String hex(byte[] data) {
        return HexFormat.of().formatHex(Arrays.copyOf(data, Math.min(data.length, 64)))
                + (data.length > 64 ? "...(" + data.length + " bytes)" : "");
    }
}
