package dev.simclr.augment;

import java.nio.charset.StandardCharsets;

/**
 * The seed of one view pair, derived from the run seed, the image id and the epoch, so a pair can be reproduced from
 * {@code (id, epoch, seed)} alone and every (image, epoch) gets independent draws. The derivation uses only 64-bit
 * integer arithmetic on the id's UTF-8 bytes (no {@code hashCode}, no platform defaults), so it gives the same value on
 * every JVM and is easy to port:
 *
 * <pre>
 * h = 0xcbf29ce484222325                                   // FNV-1a 64 over the UTF-8 bytes of imageId
 * for b in utf8(imageId): h = (h ^ b) * 0x100000001b3
 * z = mix(runSeed + 0x9e3779b97f4a7c15)
 * z = mix(z ^ h)
 * z = mix(z ^ (epoch * 0xd1b54a32d192ed03))
 * seed = z
 *
 * mix(x):                                                  // SplitMix64's finaliser (Stafford variant 13)
 *   x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9
 *   x = (x ^ (x >>> 27)) * 0x94d049bb133111eb
 *   return x ^ (x >>> 31)
 * </pre>
 *
 * All arithmetic wraps modulo 2^64 and {@code >>>} is a logical shift. Each {@code mix} is a bijection with full
 * avalanche, so changing any input bit flips about half of the seed's bits.
 */
public final class ViewSeeds {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;
    private static final long EPOCH_MULTIPLIER = 0xd1b54a32d192ed03L;

    private ViewSeeds() {}

    /**
     * The seed of the pair of {@code imageId} in {@code epoch} of a run with {@code runSeed}.
     *
     * @throws IllegalArgumentException for a null or empty id or a negative epoch
     */
    public static long of(long runSeed, String imageId, int epoch) {
        if (imageId == null || imageId.isEmpty()) {
            throw new IllegalArgumentException("image id must not be empty");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        long z = mix(runSeed + GOLDEN);
        z = mix(z ^ fnv1a64(imageId.getBytes(StandardCharsets.UTF_8)));
        return mix(z ^ (epoch * EPOCH_MULTIPLIER));
    }

    /** FNV-1a, 64-bit, over {@code bytes}. */
    static long fnv1a64(byte[] bytes) {
        long h = FNV_OFFSET;
        for (byte b : bytes) {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        return h;
    }

    /** SplitMix64's output function (Stafford's variant 13). */
    static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
