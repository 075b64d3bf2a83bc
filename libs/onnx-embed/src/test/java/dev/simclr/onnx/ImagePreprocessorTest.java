package dev.simclr.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.evaluation.data.Preprocessing;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Our preprocessing must equal the evaluator's ({@code libs/evaluation}) byte for byte. */
class ImagePreprocessorTest {

    private static DecodedImage random(int w, int h, int c, long seed) {
        byte[] px = new byte[w * h * c];
        new SplittableRandom(seed).nextBytes(px);
        return new DecodedImage(w, h, c, px);
    }

    private static byte[] reference(DecodedImage img, int side, int channels, String mode) {
        return new Preprocessing(side, side, channels, ResizeMode.valueOf(mode)).apply(img);
    }

    @Test
    void equalsTheEvaluationLibraryForEveryModeAndChannelConversion() {
        int[][] sizes = {{28, 28}, {17, 23}, {64, 40}, {32, 32}, {5, 90}, {200, 150}};
        long seed = 1;
        for (int[] s : sizes) {
            for (int from : new int[] {1, 3}) {
                for (int to : new int[] {1, 3}) {
                    DecodedImage img = random(s[0], s[1], from, seed++);
                    for (int side : new int[] {32, 24}) {
                        for (ResizeMode mode : ResizeMode.values()) {
                            byte[] fitted = new ImagePreprocessor(side, side, to, mode).apply(img);
                            assertThat(fitted)
                                    .as("%s %s %d->%d to %d", mode.id(), java.util.Arrays.toString(s), from, to, side)
                                    .isEqualTo(reference(img, side, to, mode.name()));
                        }
                    }
                }
            }
        }
    }

    @Test
    void padCentresOnBlackAndLetterboxesLargerImages() {
        DecodedImage img = new DecodedImage(2, 1, 1, new byte[] {10, 20});
        byte[] out = new ImagePreprocessor(3, 4, 1, ResizeMode.PAD).apply(img);
        assertThat(out).containsExactly(0, 0, 0, 0, 0, 10, 20, 0, 0, 0, 0, 0);
        // the 2x2 letterbox (image row on top, the black row below) averaged to one pixel
        assertThat(new ImagePreprocessor(1, 1, 1, ResizeMode.PAD).apply(img)).containsExactly(8);
    }

    @Test
    void normaliseProducesChannelPlanesWithTheModelStatistics() {
        ImagePreprocessor p = new ImagePreprocessor(1, 2, 3, ResizeMode.PAD);
        byte[] hwc = {0, (byte) 255, 51, 102, (byte) 204, 0};
        float[] mean = {0.5f, 0.25f, 0f};
        float[] std = {0.5f, 0.25f, 2f};
        float[] nchw = p.normalise(hwc, 1, mean, std);
        assertThat(nchw)
                .containsExactly(
                        (0f / 255f - 0.5f) / 0.5f,
                        (102f / 255f - 0.5f) / 0.5f,
                        (255f / 255f - 0.25f) / 0.25f,
                        (204f / 255f - 0.25f) / 0.25f,
                        (51f / 255f - 0f) / 2f,
                        (0f / 255f - 0f) / 2f);
        assertThatThrownBy(() -> p.normalise(hwc, 2, mean, std)).hasMessageContaining("need 12 bytes, got 6");
    }
}
