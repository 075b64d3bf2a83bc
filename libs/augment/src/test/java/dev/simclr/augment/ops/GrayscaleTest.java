package dev.simclr.augment.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GrayscaleTest {

    @Test
    void usesItuR601LumaWeights() {
        assertThat(Grayscale.WR + Grayscale.WG + Grayscale.WB).isEqualTo(65536);
        assertThat(Grayscale.luma(255, 0, 0)).isEqualTo(76);
        assertThat(Grayscale.luma(0, 255, 0)).isEqualTo(150);
        assertThat(Grayscale.luma(0, 0, 255)).isEqualTo(29);
        assertThat(Grayscale.luma(255, 255, 255)).isEqualTo(255);
        assertThat(Grayscale.luma(0, 0, 0)).isZero();
        Random r = new Random(1);
        for (int i = 0; i < 10_000; i++) {
            int red = r.nextInt(256);
            int green = r.nextInt(256);
            int blue = r.nextInt(256);
            double exact = 0.299 * red + 0.587 * green + 0.114 * blue;
            assertThat((double) Grayscale.luma(red, green, blue))
                    .isCloseTo(exact, org.assertj.core.api.Assertions.within(0.51));
        }
    }

    @Test
    void conversionsKeepShapeAndValues() {
        byte[] rgb = {(byte) 255, 0, 0, 10, 20, 30};
        byte[] grey = new byte[2];
        Grayscale.rgbToGrey(rgb, grey, 2);
        assertThat(grey).containsExactly(76, Grayscale.luma(10, 20, 30));
        byte[] back = new byte[6];
        Grayscale.greyToRgb(grey, back, 2);
        assertThat(back).containsExactly(76, 76, 76, grey[1], grey[1], grey[1]);
        Grayscale.applyInPlace(rgb, 2);
        assertThat(rgb).containsExactly(back);
    }
}
