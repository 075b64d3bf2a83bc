package dev.simclr.evaluation.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.resize.ResizeMode;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    @Test
    void padCentresTheImageOnZerosLikeTheAnchor() {
        byte[] src = new byte[28 * 28];
        java.util.Arrays.fill(src, (byte) 200);
        byte[] out = new Preprocessing(32, 32, 1, ResizeMode.PAD).apply(new DecodedImage(28, 28, 1, src));
        assertThat(out).hasSize(32 * 32);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                assertThat(out[y * 32 + x] & 0xFF).as("(%d,%d)", y, x).isEqualTo(inside ? 200 : 0);
            }
        }
    }

    @Test
    void padPutsTheOddPixelAfter() {
        byte[] out = new Preprocessing(2, 3, 1, ResizeMode.PAD).apply(new DecodedImage(1, 1, 1, new byte[] {9}));
        assertThat(out).containsExactly(0, 9, 0, 0, 0, 0);
    }

    @Test
    void padLetterboxesAnImageLargerThanTheInput() {
        // 20 wide, 10 high: a 20x20 square with 5 black rows above and below, then halved
        byte[] src = Idx.pattern(20 * 10, 5);
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (1 + (src[i] & 0x7F));
        }
        byte[] square = new byte[20 * 20];
        System.arraycopy(src, 0, square, 5 * 20, src.length);
        byte[] out = new Preprocessing(10, 10, 1, ResizeMode.PAD).apply(new DecodedImage(20, 10, 1, src));
        assertThat(out)
                .isEqualTo(new Preprocessing(10, 10, 1, ResizeMode.RESIZE).apply(new DecodedImage(20, 20, 1, square)));
        for (int x = 0; x < 10; x++) {
            assertThat(out[x]).as("top bar").isZero();
            assertThat(out[9 * 10 + x]).as("bottom bar").isZero();
            assertThat(out[5 * 10 + x]).as("image row").isNotZero();
        }
    }

    @Test
    void centerCropKeepsTheCentralSquare() {
        byte[] src = Idx.pattern(30 * 10 * 3, 7);
        byte[] centre = new byte[10 * 10 * 3];
        for (int y = 0; y < 10; y++) {
            System.arraycopy(src, (y * 30 + 10) * 3, centre, y * 10 * 3, 10 * 3);
        }
        assertThat(new Preprocessing(10, 10, 3, ResizeMode.CENTER_CROP).apply(new DecodedImage(30, 10, 3, src)))
                .isEqualTo(centre);
        assertThat(new Preprocessing(8, 8, 3, ResizeMode.CENTER_CROP).key()).isEqualTo("8x8x3-center-crop");
    }

    @Test
    void nonSquareInputsTakeOnlyWhatTheyCan() {
        Preprocessing p = new Preprocessing(16, 12, 1, ResizeMode.PAD);
        assertThatThrownBy(() -> p.apply(new DecodedImage(28, 28, 1, new byte[784])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot fit a 28x28 image to the non-square input 16x12 with pad");
    }

    @Test
    void sameSizeIsAnExactCopyInEitherMode() {
        byte[] src = Idx.pattern(5 * 4 * 3, 3);
        for (ResizeMode mode : ResizeMode.values()) {
            assertThat(new Preprocessing(5, 4, 3, mode).apply(new DecodedImage(4, 5, 3, src)))
                    .isEqualTo(src);
        }
    }

    @Test
    void resizeKeepsConstantImagesConstant() {
        byte[] src = new byte[7 * 9 * 3];
        java.util.Arrays.fill(src, (byte) 77);
        for (int side : new int[] {3, 8, 32}) {
            byte[] out = new Preprocessing(side, side, 3, ResizeMode.RESIZE).apply(new DecodedImage(9, 7, 3, src));
            for (byte b : out) {
                assertThat(b & 0xFF).isEqualTo(77);
            }
        }
    }

    @Test
    void resizeUpsamplesBilinearlyWithHalfPixelCentres() {
        // 1x2 -> 1x4: output centres at source x = 0.25 and 0.75 (clamped to pixel 0), 1.25, 1.75.
        byte[] out = new Preprocessing(1, 4, 1, ResizeMode.RESIZE)
                .apply(new DecodedImage(2, 1, 1, new byte[] {0, (byte) 100}));
        assertThat(out[0] & 0xFF).isEqualTo(0);
        assertThat(out[1] & 0xFF).isEqualTo(25);
        assertThat(out[2] & 0xFF).isEqualTo(75);
        assertThat(out[3] & 0xFF).isEqualTo(100);
    }

    @Test
    void resizeAveragesWhenHalving() {
        // 1x4 -> 1x2 with an antialiasing triangle of width 2 source pixels.
        byte[] out = new Preprocessing(1, 2, 1, ResizeMode.RESIZE)
                .apply(new DecodedImage(4, 1, 1, new byte[] {0, (byte) 100, (byte) 200, (byte) 40}));
        // output 0: centre 1.0, taps x=0,1,2 weights 0.75, 0.75, 0.25 -> (0 + 75 + 50) / 1.75
        assertThat(out[0] & 0xFF).isEqualTo(71);
        // output 1: centre 3.0, taps x=1,2,3 weights 0.25, 0.75, 0.75 -> (25 + 150 + 30) / 1.75
        assertThat(out[1] & 0xFF).isEqualTo(117);
    }

    @Test
    void channelsAreReplicatedOrConvertedToLuma() {
        byte[] rgb =
                new Preprocessing(1, 1, 3, ResizeMode.PAD).apply(new DecodedImage(1, 1, 1, new byte[] {(byte) 130}));
        assertThat(rgb).containsExactly((byte) 130, (byte) 130, (byte) 130);
        byte[] grey = new Preprocessing(1, 2, 1, ResizeMode.PAD)
                .apply(new DecodedImage(2, 1, 3, new byte[] {(byte) 255, 0, 0, 0, 0, (byte) 255}));
        assertThat(grey[0] & 0xFF).isEqualTo(76); // 0.299 * 255
        assertThat(grey[1] & 0xFF).isEqualTo(29); // 0.114 * 255
    }

    @Test
    void padIsTheDefault() {
        assertThat(Preprocessing.of(32, 32, 1)).isEqualTo(new Preprocessing(32, 32, 1, ResizeMode.PAD));
    }

    @Test
    void keyNamesShapeAndMode() {
        assertThat(new Preprocessing(32, 32, 1, ResizeMode.PAD).key()).isEqualTo("32x32x1-pad");
        assertThat(new Preprocessing(64, 48, 3, ResizeMode.RESIZE).key()).isEqualTo("64x48x3-resize");
    }

    @Test
    void invalidTargetsAreRejected() {
        assertThatThrownBy(() -> new Preprocessing(0, 32, 1, ResizeMode.PAD))
                .hasMessageContaining("size must be within 1..4096, got 0x32");
        assertThatThrownBy(() -> new Preprocessing(32, 32, 2, ResizeMode.PAD))
                .hasMessageContaining("channels must be 1 or 3, got 2");
        assertThatThrownBy(() -> new Preprocessing(32, 32, 1, null)).hasMessageContaining("fit mode is required");
        assertThatThrownBy(() -> new DecodedImage(2, 2, 1, new byte[3]))
                .hasMessageContaining("pixels length 3 does not match 2x2x1 = 4");
    }
}
