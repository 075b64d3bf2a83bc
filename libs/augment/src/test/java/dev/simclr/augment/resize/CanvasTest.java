package dev.simclr.augment.resize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.PolicyConfig;
import dev.simclr.augment.SimClrPolicy;
import dev.simclr.augment.ops.CropBox;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CanvasTest {

    /** A grey image whose pixels are 1 + (y * w + x) % 250: never 0, so a black border is visible. */
    private static DecodedImage grey(int w, int h) {
        byte[] px = new byte[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (1 + i % 250);
        }
        return new DecodedImage(w, h, 1, px);
    }

    private static DecodedImage rgb(int w, int h) {
        byte[] px = new byte[w * h * 3];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) (1 + (i * 7) % 250);
        }
        return new DecodedImage(w, h, 3, px);
    }

    @Test
    void padPutsAFashionMnistImageOnATwoPixelBlackBorderWithoutResampling() {
        DecodedImage img = grey(28, 28);
        byte[] out = new Canvas(ResizeMode.PAD, 32).fit(img);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                int v = out[y * 32 + x] & 0xFF;
                boolean inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                assertThat(v).as("pixel %d,%d", y, x).isEqualTo(inside ? img.sample(y - 2, x - 2, 0) : 0);
            }
        }
    }

    @Test
    void padLetterboxesAnImageLargerThanTheInput() {
        // 40 wide, 20 high: a 40x40 square with 10 black rows above and below, scaled by 0.8 to 32
        byte[] out = new Canvas(ResizeMode.PAD, 32).fit(grey(40, 20));
        for (int x = 0; x < 32; x++) {
            for (int y : new int[] {0, 6, 25, 31}) {
                assertThat(out[y * 32 + x]).as("bar pixel %d,%d", y, x).isZero();
            }
            for (int y = 9; y < 23; y++) {
                assertThat(out[y * 32 + x]).as("image pixel %d,%d", y, x).isNotZero();
            }
        }
    }

    @Test
    void centerCropKeepsTheCentralSquare() {
        DecodedImage wide = rgb(50, 30);
        byte[] centre = new byte[30 * 30 * 3];
        for (int y = 0; y < 30; y++) {
            System.arraycopy(wide.pixels(), (y * 50 + 10) * 3, centre, y * 30 * 3, 30 * 3);
        }
        byte[] expected = new Canvas(ResizeMode.RESIZE, 24).fit(new DecodedImage(30, 30, 3, centre));
        assertThat(new Canvas(ResizeMode.CENTER_CROP, 24).fit(wide)).isEqualTo(expected);
        assertThat(new Canvas(ResizeMode.CENTER_CROP, 30).fit(wide)).isEqualTo(centre);
    }

    @Test
    void everyModeLeavesAnImageOfTheInputSizeUnchanged() {
        DecodedImage img = rgb(16, 16);
        for (ResizeMode mode : ResizeMode.values()) {
            assertThat(new Canvas(mode, 16).fit(img)).as(mode.id()).isEqualTo(img.pixels());
        }
    }

    @Test
    void framesMapCanvasBoxesToSourceBoxes() {
        Canvas.Frame pad = new Canvas(ResizeMode.PAD, 32).frame(grey(28, 28));
        assertThat(pad.side()).isEqualTo(32);
        assertThat(pad.image().width()).isEqualTo(32);
        assertThat(pad.toSource(new CropBox(3, 4, 10, 12))).isEqualTo(new CropBox(3, 4, 10, 12));

        Canvas.Frame crop = new Canvas(ResizeMode.CENTER_CROP, 16).frame(grey(50, 30));
        assertThat(crop.side()).isEqualTo(30);
        assertThat(crop.whole()).isEqualTo(new CropBox(0, 10, 30, 30));
        assertThat(crop.toSource(new CropBox(5, 5, 10, 10))).isEqualTo(new CropBox(5, 15, 10, 10));

        Canvas.Frame stretch = new Canvas(ResizeMode.RESIZE, 16).frame(grey(40, 20));
        assertThat(stretch.side()).isEqualTo(40);
        assertThat(stretch.whole()).isEqualTo(new CropBox(0, 0, 20, 40));
        // a square in canvas pixels is twice as wide as high in the source
        assertThat(stretch.toSource(new CropBox(10, 10, 20, 20))).isEqualTo(new CropBox(5, 10, 10, 20));
        assertThat(stretch.toSource(new CropBox(0, 0, 40, 40))).isEqualTo(stretch.whole());
    }

    @Test
    void aViewCoveringTheWholeCanvasIsTheEvaluationInputInEveryMode() {
        PolicyConfig.BlurMode off = PolicyConfig.BlurMode.OFF;
        DecodedImage[] images = {grey(28, 28), rgb(50, 30), rgb(30, 50), rgb(7, 9)};
        for (ResizeMode mode : ResizeMode.values()) {
            for (DecodedImage img : images) {
                PolicyConfig config = PolicyConfig.builder()
                        .setOutputSize(32)
                        .setOutputChannels(img.channels())
                        .optFit(mode)
                        .optCropScale(1, 1)
                        .optCropRatio(1, 1)
                        .optFlipProbability(0)
                        .optJitterProbability(0)
                        .optGrayscaleProbability(0)
                        .optBlur(off)
                        .build();
                byte[] view = new SimClrPolicy(config).apply(img, new SplittableRandom(3));
                assertThat(view).as("%s %s", mode.id(), img).isEqualTo(new Canvas(mode, 32).fit(img));
            }
        }
    }

    @Test
    void paddedViewsShowTheCanvasBorderAndStretchedOnesDoNot() {
        DecodedImage white = new DecodedImage(28, 28, 1, filled(28 * 28, (byte) 255));
        int withBorder = 0;
        for (long seed = 0; seed < 200; seed++) {
            PolicyConfig pad = PolicyConfig.builder()
                    .setOutputSize(32)
                    .setOutputChannels(1)
                    .optJitterProbability(0)
                    .build();
            byte[] view = new SimClrPolicy(pad).apply(white, new SplittableRandom(seed));
            withBorder += darkest(view) < 255 ? 1 : 0;
            PolicyConfig resize = PolicyConfig.builder()
                    .setOutputSize(32)
                    .setOutputChannels(1)
                    .optFit(ResizeMode.RESIZE)
                    .optJitterProbability(0)
                    .build();
            assertThat(darkest(new SimClrPolicy(resize).apply(white, new SplittableRandom(seed))))
                    .isEqualTo(255);
        }
        // a crop misses the 2-pixel border only when it lies inside the central 28x28 of the 32x32 canvas
        assertThat(withBorder).isBetween(40, 190);
    }

    @Test
    void parsesIdsAndRefusesOthers() {
        assertThat(ResizeMode.parse("center-crop")).isEqualTo(ResizeMode.CENTER_CROP);
        assertThat(ResizeMode.parse(" Center_Crop ")).isEqualTo(ResizeMode.CENTER_CROP);
        assertThat(ResizeMode.parse(ResizeMode.DEFAULT_ID)).isEqualTo(ResizeMode.PAD);
        assertThat(ResizeMode.RESIZE.id()).isEqualTo("resize");
        assertThatThrownBy(() -> ResizeMode.parse("letterbox")).hasMessageContaining("pad, resize or center-crop");
        assertThatThrownBy(() -> new Canvas(null, 32)).hasMessageContaining("fit mode is required");
    }

    private static byte[] filled(int n, byte v) {
        byte[] a = new byte[n];
        Arrays.fill(a, v);
        return a;
    }

    private static int darkest(byte[] a) {
        int min = 255;
        for (byte b : a) {
            min = Math.min(min, b & 0xFF);
        }
        return min;
    }
}
