package dev.simclr.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.ViewPair;
import dev.simclr.contracts.ViewPairCodec;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ViewPairFactoryTest {

    private static DecodedImage image(int w, int h, int channels, long seed) {
        byte[] px = new byte[w * h * channels];
        new Random(seed).nextBytes(px);
        return new DecodedImage(w, h, channels, px);
    }

    @Test
    void sameImageIdEpochAndSeedGiveTheSamePairBitForBit() {
        DecodedImage img = image(70, 50, 3, 1);
        ViewPairFactory a = new ViewPairFactory(PolicyConfig.simclr(32, 3));
        ViewPairFactory b = new ViewPairFactory(PolicyConfig.simclr(32, 3));
        long seed = ViewSeeds.of(42, "img-1", 3);
        ViewPair p1 = a.create(img, "img-1", 3, seed);
        ViewPair p2 = b.create(image(70, 50, 3, 1), "img-1", 3, seed);
        assertThat(p1).isEqualTo(p2);
        assertThat(ViewPairCodec.encode(p1)).isEqualTo(ViewPairCodec.encode(p2));
    }

    @Test
    void viewsAreTwoConsecutiveDrawsFromOneGenerator() {
        DecodedImage img = image(64, 64, 1, 2);
        PolicyConfig config = PolicyConfig.simclr(24, 1);
        ViewPair pair = new ViewPairFactory(config).create(img, "x", 0, 99L);
        SimClrPolicy policy = new SimClrPolicy(config);
        SplittableRandom rng = new SplittableRandom(99L);
        assertThat(pair.view1()).isEqualTo(policy.apply(img, rng));
        assertThat(pair.view2()).isEqualTo(policy.apply(img, rng));
        assertThat(pair.view1()).isNotEqualTo(pair.view2());
    }

    @Test
    void carriesIdEpochSeedAndTheConfiguredShape() {
        ViewPair pair = new ViewPairFactory(PolicyConfig.simclr(20, 3)).create(image(28, 28, 1, 3), "fm-7", 5, -17L);
        assertThat(pair.imageId()).isEqualTo("fm-7");
        assertThat(pair.epoch()).isEqualTo(5);
        assertThat(pair.seed()).isEqualTo(-17L);
        assertThat(pair.height()).isEqualTo(20);
        assertThat(pair.width()).isEqualTo(20);
        assertThat(pair.channels()).isEqualTo(3);
        assertThat(pair.view1()).hasSize(20 * 20 * 3);
    }

    @Test
    void differentSeedsGiveDifferentPairs() {
        ViewPairFactory f = new ViewPairFactory(PolicyConfig.simclr(32, 3));
        DecodedImage img = image(90, 60, 3, 4);
        ViewPair e0 = f.create(img, "a", 0, ViewSeeds.of(1, "a", 0));
        ViewPair e1 = f.create(img, "a", 1, ViewSeeds.of(1, "a", 1));
        assertThat(e0.view1()).isNotEqualTo(e1.view1());
        assertThat(e0.view2()).isNotEqualTo(e1.view2());
    }

    @Test
    void invalidIdsAreContractErrors() {
        ViewPairFactory f = new ViewPairFactory(PolicyConfig.simclr(8, 1));
        assertThatThrownBy(() -> f.create(image(8, 8, 1, 5), "bad\nid", 0, 1)).isInstanceOf(ContractException.class);
        assertThatThrownBy(() -> f.create(null, "a", 0, 1)).hasMessageContaining("image must not be null");
    }
}
