package dev.simclr.model.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.SimClrPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentedBatchesTest {

    private static DecodedImage[] images(int n) {
        SplittableRandom rng = new SplittableRandom(3);
        DecodedImage[] out = new DecodedImage[n];
        for (int i = 0; i < n; i++) {
            byte[] px = new byte[12 * 12];
            for (int j = 0; j < px.length; j++) {
                px[j] = (byte) rng.nextInt(256);
            }
            out[i] = new DecodedImage(12, 12, 1, px);
        }
        return out;
    }

    private static List<AugmentedBatches.PairBatch> all(int threads, int prefetch, long total) throws Exception {
        SimClrPolicy policy = new SimClrPolicy(PolicyConfig.simclr(8, 1));
        List<AugmentedBatches.PairBatch> out = new ArrayList<>();
        try (AugmentedBatches b = new AugmentedBatches(images(10), policy, 4, 7, total, threads, prefetch)) {
            assertThat(b.stepsPerEpoch()).isEqualTo(2);
            for (int i = 0; i < total; i++) {
                out.add(b.next());
            }
            assertThatThrownBy(b::next).hasMessageContaining("all " + total + " batches were taken");
        }
        return out;
    }

    @Test
    void batchesComeInOrderAndDoNotDependOnTheWorkerCount() throws Exception {
        List<AugmentedBatches.PairBatch> one = all(1, 1, 5);
        List<AugmentedBatches.PairBatch> three = all(3, 4, 5);
        for (int i = 0; i < 5; i++) {
            assertThat(one.get(i).index()).isEqualTo(i);
            assertThat(one.get(i).epoch()).isEqualTo(i / 2);
            assertThat(one.get(i).first()).hasSize(4);
            for (int k = 0; k < 4; k++) {
                assertThat(three.get(i).first().get(k))
                        .isEqualTo(one.get(i).first().get(k));
                assertThat(three.get(i).second().get(k))
                        .isEqualTo(one.get(i).second().get(k));
                assertThat(one.get(i).first().get(k))
                        .hasSize(64)
                        .isNotEqualTo(one.get(i).second().get(k));
            }
        }
    }

    @Test
    void anEpochVisitsDistinctImagesAndEpochsAreShuffledDifferently() throws Exception {
        List<AugmentedBatches.PairBatch> b = all(2, 2, 4);
        Set<String> epoch0 = new HashSet<>();
        b.get(0).first().forEach(v -> epoch0.add(java.util.Arrays.toString(v)));
        b.get(1).first().forEach(v -> epoch0.add(java.util.Arrays.toString(v)));
        assertThat(epoch0).hasSize(8);
        assertThat(b.get(2).first().get(0)).isNotEqualTo(b.get(0).first().get(0));
    }

    @Test
    void refusesABatchLargerThanTheDataset() {
        SimClrPolicy policy = new SimClrPolicy(PolicyConfig.simclr(8, 1));
        assertThatThrownBy(() -> new AugmentedBatches(images(3), policy, 4, 1, 1, 1, 1))
                .hasMessageContaining("--batch 4 is larger than the 3 images");
    }
}
