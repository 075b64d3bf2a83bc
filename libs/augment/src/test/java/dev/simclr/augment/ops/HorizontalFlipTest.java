package dev.simclr.augment.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HorizontalFlipTest {

    @Test
    void flipTwiceIsIdentityAndFlipMirrorsRows() {
        for (int c : new int[] {1, 3}) {
            for (int w : new int[] {1, 2, 7, 32}) {
                byte[] px = new byte[w * 5 * c];
                new Random(w * 10L + c).nextBytes(px);
                byte[] flipped = px.clone();
                HorizontalFlip.apply(flipped, w, 5, c);
                for (int y = 0; y < 5; y++) {
                    for (int x = 0; x < w; x++) {
                        for (int k = 0; k < c; k++) {
                            assertThat(flipped[(y * w + x) * c + k]).isEqualTo(px[(y * w + w - 1 - x) * c + k]);
                        }
                    }
                }
                HorizontalFlip.apply(flipped, w, 5, c);
                assertThat(flipped).isEqualTo(px);
            }
        }
    }
}
