package dev.simclr.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.ops.Grayscale;
import dev.simclr.augment.ops.HorizontalFlip;
import dev.simclr.augment.resize.ResizeMode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SimClrPolicyTest {

    private static DecodedImage colourful(int w, int h, long seed) {
        byte[] px = new byte[w * h * 3];
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = (y * w + x) * 3;
                px[p] = (byte) (x * 255 / w);
                px[p + 1] = (byte) (y * 255 / h);
                px[p + 2] = (byte) r.nextInt(256);
            }
        }
        return new DecodedImage(w, h, 3, px);
    }

    @Test
    void viewsHaveTheConfiguredShapeForEveryChannelCombination() {
        DecodedImage rgb = colourful(120, 90, 1);
        DecodedImage grey = new DecodedImage(28, 28, 1, new byte[28 * 28]);
        for (int size : new int[] {32, 96}) {
            for (int channels : new int[] {1, 3}) {
                SimClrPolicy policy = new SimClrPolicy(PolicyConfig.simclr(size, channels));
                for (DecodedImage in : new DecodedImage[] {rgb, grey}) {
                    byte[] view = policy.apply(in, new SplittableRandom(size + channels));
                    assertThat(view).hasSize(size * size * channels);
                }
            }
        }
    }

    @Test
    void greyInputToThreeChannelsGivesEqualChannels() {
        byte[] px = new byte[40 * 40];
        new Random(2).nextBytes(px);
        SimClrPolicy policy = new SimClrPolicy(PolicyConfig.simclr(96, 3));
        byte[] view = policy.apply(new DecodedImage(40, 40, 1, px), new SplittableRandom(3));
        for (int i = 0; i < view.length; i += 3) {
            assertThat(view[i]).isEqualTo(view[i + 1]).isEqualTo(view[i + 2]);
        }
    }

    @Test
    void sameSeedGivesTheSameViewBitForBit() {
        DecodedImage img = colourful(200, 150, 4);
        SimClrPolicy policy = new SimClrPolicy(PolicyConfig.builder()
                .setOutputSize(96)
                .setOutputChannels(3)
                .optBlur(PolicyConfig.BlurMode.ON)
                .build());
        for (long seed = 0; seed < 50; seed++) {
            SplittableRandom a = new SplittableRandom(seed);
            SplittableRandom b = new SplittableRandom(seed);
            assertThat(policy.apply(img, a)).isEqualTo(policy.apply(img, b));
            assertThat(policy.apply(img, a)).isEqualTo(policy.apply(img, b)); // second view of the pair too
        }
    }

    @Test
    void sameSeedGivesTheSameViewAcrossThreads() throws Exception {
        DecodedImage img = colourful(160, 120, 5);
        SimClrPolicy policy = new SimClrPolicy(PolicyConfig.simclr(64, 3));
        byte[][] expected = new byte[40][];
        for (int s = 0; s < 40; s++) {
            expected[s] = policy.apply(img, new SplittableRandom(s));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] futures = new Future<?>[4];
            for (int t = 0; t < 4; t++) {
                futures[t] = pool.submit(() -> {
                    for (int s = 0; s < 40; s++) {
                        assertThat(policy.apply(img, new SplittableRandom(s))).isEqualTo(expected[s]);
                    }
                });
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void differentSeedsGiveDifferentViews() {
        DecodedImage img = colourful(200, 150, 6);
        SimClrPolicy policy = new SimClrPolicy(PolicyConfig.simclr(32, 3));
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 200; seed++) {
            seen.add(Arrays.toString(policy.apply(img, new SplittableRandom(seed))));
        }
        assertThat(seen).hasSize(200);
        SplittableRandom rng = new SplittableRandom(9);
        assertThat(policy.apply(img, rng)).isNotEqualTo(policy.apply(img, rng)); // the two views of a pair differ
    }

    @Test
    void withEveryRandomOpOffTheViewIsTheInput() {
        DecodedImage img = colourful(48, 48, 7);
        PolicyConfigBuilder b = PolicyConfig.builder()
                .setOutputSize(48)
                .setOutputChannels(3)
                .optCropScale(1, 1)
                .optCropRatio(1, 1)
                .optJitterProbability(0)
                .optGrayscaleProbability(0)
                .optBlur(PolicyConfig.BlurMode.OFF);
        byte[] same = new SimClrPolicy(b.optFlipProbability(0).build()).apply(img, new SplittableRandom(1));
        assertThat(same).isEqualTo(img.pixels());
        byte[] mirrored = new SimClrPolicy(b.optFlipProbability(1).build()).apply(img, new SplittableRandom(1));
        byte[] expected = img.pixels().clone();
        HorizontalFlip.apply(expected, 48, 48, 3);
        assertThat(mirrored).isEqualTo(expected);
        byte[] grey = new SimClrPolicy(
                        b.optFlipProbability(0).setOutputChannels(1).build())
                .apply(img, new SplittableRandom(1));
        byte[] luma = new byte[48 * 48];
        Grayscale.rgbToGrey(img.pixels(), luma, 48 * 48);
        assertThat(grey).isEqualTo(luma);
    }

    @Test
    void grayscaleIsAppliedToAboutTheConfiguredFraction() {
        DecodedImage img = colourful(64, 64, 8);
        SimClrPolicy policy = new SimClrPolicy(PolicyConfig.simclr(16, 3));
        SplittableRandom rng = new SplittableRandom(10);
        int grey = 0;
        int n = 4000;
        for (int i = 0; i < n; i++) {
            byte[] v = policy.apply(img, rng);
            boolean allGrey = true;
            for (int p = 0; p < v.length && allGrey; p += 3) {
                allGrey = v[p] == v[p + 1] && v[p + 1] == v[p + 2];
            }
            grey += allGrey ? 1 : 0;
        }
        assertThat(grey / (double) n).isBetween(0.17, 0.23);
    }

    @Test
    void flipsAboutHalfTheViews() {
        // a left-dark, right-bright image: a flipped view is bright on the left
        byte[] px = new byte[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                px[y * 64 + x] = (byte) (x * 4);
            }
        }
        DecodedImage img = new DecodedImage(64, 64, 1, px);
        SimClrPolicy policy = new SimClrPolicy(PolicyConfig.builder()
                .setOutputSize(16)
                .setOutputChannels(1)
                .optJitterProbability(0)
                .build());
        SplittableRandom rng = new SplittableRandom(11);
        int flipped = 0;
        for (int i = 0; i < 4000; i++) {
            byte[] v = policy.apply(img, rng);
            flipped += (v[0] & 0xFF) > (v[15] & 0xFF) ? 1 : 0;
        }
        assertThat(flipped / 4000.0).isBetween(0.47, 0.53);
    }

    @Test
    void degenerateImagesStillGiveViews() {
        // stretched, a one-pixel image fills every view; on the default pad canvas it is a dot in a black square
        SimClrPolicy policy = new SimClrPolicy(PolicyConfig.builder()
                .setOutputSize(96)
                .setOutputChannels(3)
                .optFit(ResizeMode.RESIZE)
                .optBlur(PolicyConfig.BlurMode.ON)
                .optBlurProbability(1)
                .optJitterProbability(0)
                .optGrayscaleProbability(0)
                .build());
        byte[] dot = policy.apply(new DecodedImage(1, 1, 3, new byte[] {10, (byte) 200, 30}), new SplittableRandom(1));
        for (int i = 0; i < dot.length; i += 3) {
            assertThat(new int[] {dot[i], dot[i + 1] & 0xFF, dot[i + 2]}).containsExactly(10, 200, 30);
        }
        byte[] line = new byte[500 * 3];
        new Random(3).nextBytes(line);
        assertThat(policy.apply(new DecodedImage(500, 1, 3, line), new SplittableRandom(2)))
                .hasSize(96 * 96 * 3);
        assertThat(policy.apply(new DecodedImage(1, 500, 3, line), new SplittableRandom(3)))
                .hasSize(96 * 96 * 3);
    }

    @Test
    void outputBufferMustMatchTheViewSize() {
        SimClrPolicy policy = new SimClrPolicy(PolicyConfig.simclr(32, 1));
        assertThatThrownBy(() -> policy.apply(colourful(40, 40, 1), new SplittableRandom(1), new byte[10]))
                .hasMessageContaining("1024");
    }
}
