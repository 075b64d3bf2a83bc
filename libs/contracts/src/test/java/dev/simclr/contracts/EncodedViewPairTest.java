package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EncodedViewPairTest {

    @Test
    void decodingInPlaceKeepsTheValueAndReadsTheSamePair() {
        Random rnd = new Random(7);
        for (int i = 0; i < 500; i++) {
            ViewPair p = ViewPairs.random(rnd, i % 50 == 0 ? 300 : 40);
            byte[] value = ViewPairCodec.encode(p);
            EncodedViewPair e = ViewPairCodec.decodeInPlace(value);
            assertThat(e.data()).as("no copy of the value").isSameAs(value);
            assertThat(e.imageId()).isEqualTo(p.imageId());
            assertThat(e.epoch()).isEqualTo(p.epoch());
            assertThat(e.seed()).isEqualTo(p.seed());
            assertThat(e.viewBytes()).isEqualTo(p.viewBytes());
            assertThat(e.toViewPair()).isEqualTo(p).isEqualTo(ViewPairCodec.decode(value));
            ByteBuffer target = ByteBuffer.allocate(2 * p.viewBytes() + 3);
            target.put((byte) 9);
            e.putView2(target);
            e.putView1(target);
            assertThat(target.position()).isEqualTo(1 + 2 * p.viewBytes());
            byte[] out = target.array();
            assertThat(java.util.Arrays.copyOfRange(out, 1, 1 + p.viewBytes())).isEqualTo(p.view2());
            assertThat(java.util.Arrays.copyOfRange(out, 1 + p.viewBytes(), 1 + 2 * p.viewBytes()))
                    .isEqualTo(p.view1());
        }
    }

    @Test
    void theCopyDoesNotShareTheValue() {
        byte[] value = ViewPairs.tinyEncoded();
        ViewPair copy = ViewPairCodec.decodeInPlace(value).toViewPair();
        value[value.length - 1] ^= 0x7f;
        assertThat(copy).isEqualTo(ViewPairs.tiny());
    }

    @Test
    void viewsMustEndTheValueExactly() {
        byte[] value = ViewPairs.tinyEncoded();
        EncodedViewPair e = ViewPairCodec.decodeInPlace(value);
        assertThatThrownBy(() -> new EncodedViewPair(
                        e.imageId(),
                        e.epoch(),
                        e.seed(),
                        e.height(),
                        e.width(),
                        e.channels(),
                        value,
                        e.viewOffset() + 1))
                .isInstanceOf(ContractException.class)
                .hasMessage("view pair: views at " + (e.viewOffset() + 1) + " of 2x2x1 do not end " + value.length
                        + " bytes of data");
        assertThatThrownBy(() -> new EncodedViewPair(
                        e.imageId(), e.epoch(), e.seed(), e.height(), e.width(), 3, value, e.viewOffset()))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("do not end");
        assertThat(e)
                .hasToString("EncodedViewPair[imageId=" + e.imageId() + ", epoch=" + e.epoch() + ", seed=" + e.seed()
                        + ", 2x2x1, 2 x 4 bytes]");
    }
}
