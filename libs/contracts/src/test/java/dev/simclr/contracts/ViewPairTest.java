package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ViewPairTest {

    @Test
    void copiesViewsOnConstruction() {
        byte[] v1 = {1, 2, 3, 4};
        byte[] v2 = {5, 6, 7, 8};
        ViewPair p = new ViewPair("img", 0, 1L, 2, 2, 1, v1, v2);
        v1[0] = 99;
        v2[3] = 99;
        assertThat(p.view1()).containsExactly(1, 2, 3, 4);
        assertThat(p.view2()).containsExactly(5, 6, 7, 8);
        assertThat(p.view1()).isNotSameAs(v1);
        assertThat(p.viewBytes()).isEqualTo(4);
    }

    @Test
    void equalsAndHashCodeAreByContent() {
        ViewPair a = ViewPairs.tiny();
        ViewPair b = ViewPairs.tiny();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a)
                .isNotEqualTo(
                        new ViewPair("a1", 3, 42L, 2, 2, 1, new byte[] {0, 0x40, (byte) 0x80, (byte) 0xfe}, b.view2()));
        assertThat(a).isNotEqualTo(new ViewPair("a1", 3, 43L, 2, 2, 1, a.view1(), a.view2()));
        assertThat(a).isNotEqualTo(new ViewPair("a1", 3, 42L, 1, 4, 1, a.view1(), a.view2()));
        assertThat(a).isNotEqualTo(new ViewPair("a2", 3, 42L, 2, 2, 1, a.view1(), a.view2()));
    }

    @Test
    void toStringShowsShapeNotPixels() {
        ViewPair big = new ViewPair("cat-001", 7, -5L, 32, 32, 3, new byte[3072], new byte[3072]);
        assertThat(big.toString()).isEqualTo("ViewPair[imageId=cat-001, epoch=7, seed=-5, 32x32x3, 2 x 3072 bytes]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "channels 2   | img | 0  | 2    | 2    | 2 | 8 | view pair: channels must be 1 or 3, got 2",
                "height 0     | img | 0  | 0    | 2    | 1 | 0 | view pair: height must be in [1, 1024], got 0",
                "width 1025   | img | 0  | 1    | 1025 | 1 | 1025 | view pair: width must be in [1, 1024], got 1025",
                "epoch -1     | img | -1 | 2    | 2    | 1 | 4 | view pair: epoch must be >= 0, got -1",
                "short view   | img | 0  | 2    | 2    | 1 | 3 | view pair: view1 has 3 bytes, expected 4 (2x2x1)",
                "empty id     | ''  | 0  | 2    | 2    | 1 | 4 | view pair: imageId must not be empty",
            })
    void invalidComponentsAreRejected(
            String name, String id, int epoch, int h, int w, int c, int viewLength, String reason) {
        assertThatThrownBy(() ->
                        new ViewPair(id, epoch, 0L, h, w, c, new byte[viewLength], new byte[Math.max(0, h * w * c)]))
                .isInstanceOf(ContractException.class)
                .hasMessage(reason);
    }

    @Test
    void idLimitsAndNullsAreChecked() {
        String id512 = "\u4e2d".repeat(170) + "ab"; // 3 * 170 + 2 = 512 UTF-8 bytes
        assertThat(new ViewPair(id512, 0, 0L, 1, 1, 1, new byte[1], new byte[1]).imageId())
                .isEqualTo(id512);
        assertThatThrownBy(() -> new ViewPair(id512 + "c", 0, 0L, 1, 1, 1, new byte[1], new byte[1]))
                .hasMessage("view pair: imageId is 513 UTF-8 bytes long (max 512)");
        assertThatThrownBy(() -> new ViewPair("a\nb", 0, 0L, 1, 1, 1, new byte[1], new byte[1]))
                .hasMessageStartingWith("view pair: imageId contains a control character at index 1");
        assertThatThrownBy(() -> new ViewPair(null, 0, 0L, 1, 1, 1, new byte[1], new byte[1]))
                .hasMessage("view pair: 'imageId' is required");
        assertThatThrownBy(() -> new ViewPair("a", 0, 0L, 1, 1, 1, new byte[1], null))
                .hasMessage("view pair: 'view2' is required");
    }
}
