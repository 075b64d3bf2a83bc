package dev.simclr.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ViewSeedsTest {

    /** Known answers, computed from the documented formula by an independent Python implementation. */
    @Test
    void matchesKnownAnswersOfTheDocumentedFormula() {
        assertThat(ViewSeeds.of(0, "a", 0)).isEqualTo(1775719299201481200L);
        assertThat(ViewSeeds.of(42, "img-1", 0)).isEqualTo(8191635109368999260L);
        assertThat(ViewSeeds.of(42, "img-1", 1)).isEqualTo(-2306051595018303992L);
        assertThat(ViewSeeds.of(-1, "fmnist-train-00002", 99)).isEqualTo(3633563859251535290L);
        assertThat(ViewSeeds.of(42, "u-0123456789abcdef", 7)).isEqualTo(-5042347087768639432L);
        assertThat(ViewSeeds.of(1234567890123L, "ünïcødé/画像", 3)).isEqualTo(-5158200917477415027L);
    }

    @Test
    void agreesWithAnArbitraryPrecisionReimplementation() {
        for (long run : new long[] {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 0x9e3779b97f4a7c15L}) {
            for (String id : new String[] {"x", "img-000123", "s3://b/k.png", "é", "a".repeat(512)}) {
                for (int epoch : new int[] {0, 1, 2, 1000, Integer.MAX_VALUE}) {
                    assertThat(ViewSeeds.of(run, id, epoch))
                            .as("%d %s %d", run, id, epoch)
                            .isEqualTo(reference(run, id, epoch));
                }
            }
        }
    }

    @Test
    void everyImageAndEpochGetsItsOwnSeed() {
        Set<Long> seeds = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            for (int epoch = 0; epoch < 10; epoch++) {
                seeds.add(ViewSeeds.of(7, "img-" + i, epoch));
            }
        }
        assertThat(seeds).hasSize(20_000);
        assertThat(ViewSeeds.of(7, "img-1", 0)).isNotEqualTo(ViewSeeds.of(8, "img-1", 0));
    }

    @Test
    void oneBitOfInputFlipsAboutHalfTheSeedBits() {
        long flipped = 0;
        int n = 0;
        for (int i = 0; i < 500; i++) {
            long base = ViewSeeds.of(i, "img-" + i, i % 5);
            flipped += Long.bitCount(base ^ ViewSeeds.of(i ^ 1, "img-" + i, i % 5));
            flipped += Long.bitCount(base ^ ViewSeeds.of(i, "img-" + i, (i % 5) ^ 1));
            flipped += Long.bitCount(base ^ ViewSeeds.of(i, "img-" + i + "!", i % 5));
            n += 3;
        }
        double mean = (double) flipped / n;
        assertThat(mean).isBetween(30.0, 34.0);
    }

    @Test
    void refusesBadArguments() {
        assertThatThrownBy(() -> ViewSeeds.of(1, "", 0)).hasMessageContaining("image id");
        assertThatThrownBy(() -> ViewSeeds.of(1, null, 0)).hasMessageContaining("image id");
        assertThatThrownBy(() -> ViewSeeds.of(1, "a", -1)).hasMessageContaining("epoch must be >= 0");
    }

    private static final BigInteger MOD = BigInteger.ONE.shiftLeft(64);

    private static BigInteger u(long v) {
        return BigInteger.valueOf(v).mod(MOD);
    }

    private static BigInteger mix(BigInteger x) {
        x = x.xor(x.shiftRight(30))
                .multiply(new BigInteger("bf58476d1ce4e5b9", 16))
                .mod(MOD);
        x = x.xor(x.shiftRight(27))
                .multiply(new BigInteger("94d049bb133111eb", 16))
                .mod(MOD);
        return x.xor(x.shiftRight(31));
    }

    private static long reference(long run, String id, int epoch) {
        BigInteger h = new BigInteger("cbf29ce484222325", 16);
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h = h.xor(BigInteger.valueOf(b & 0xFF))
                    .multiply(new BigInteger("100000001b3", 16))
                    .mod(MOD);
        }
        BigInteger z = mix(u(run).add(new BigInteger("9e3779b97f4a7c15", 16)).mod(MOD));
        z = mix(z.xor(h));
        z = mix(z.xor(BigInteger.valueOf(epoch)
                .multiply(new BigInteger("d1b54a32d192ed03", 16))
                .mod(MOD)));
        return z.longValue();
    }
}
