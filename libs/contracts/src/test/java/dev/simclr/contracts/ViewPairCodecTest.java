package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ViewPairCodecTest {

    @Test
    void limitsAreDerivedFromTheLayout() {
        assertThat(ViewPairCodec.MAX_SIDE).isEqualTo(1024);
        assertThat(ViewPairCodec.FIXED_HEADER_BYTES).isEqualTo(24);
        assertThat(ViewPairCodec.MAX_ENCODED_BYTES).isEqualTo(24 + 512 + 2 * 1024 * 1024 * 3);
        assertThat(ViewPairCodec.MIN_ENCODED_BYTES).isEqualTo(27);
    }

    @Test
    void tinyPairEncodesToTheDocumentedBytes() {
        byte[] encoded = ViewPairCodec.encode(ViewPairs.tiny());
        assertThat(encoded).containsExactly(ViewPairs.tinyEncoded());
        assertThat(encoded).hasSize(34);
        assertThat(ViewPairCodec.encodedSize(ViewPairs.tiny())).isEqualTo(34);
        assertThat(ViewPairCodec.decode(encoded)).isEqualTo(ViewPairs.tiny());
    }

    @Test
    void decodedPairDoesNotShareTheInputBuffer() {
        byte[] encoded = ViewPairs.tinyEncoded();
        ViewPair p = ViewPairCodec.decode(encoded);
        Arrays.fill(encoded, (byte) 7);
        assertThat(p).isEqualTo(ViewPairs.tiny());
    }

    @Test
    void largestPairRoundTrips() {
        int v = 1024 * 1024 * 3;
        byte[] v1 = new byte[v];
        byte[] v2 = new byte[v];
        v1[v - 1] = 1;
        v2[0] = 2;
        ViewPair big = new ViewPair("\u00e9".repeat(256), Integer.MAX_VALUE, Long.MIN_VALUE, 1024, 1024, 3, v1, v2);
        byte[] encoded = ViewPairCodec.encode(big);
        assertThat(encoded).hasSize(ViewPairCodec.MAX_ENCODED_BYTES);
        assertThat(ViewPairCodec.decode(encoded)).isEqualTo(big);
    }

    @Test
    void randomPairsRoundTrip() {
        Random rnd = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            ViewPair p = ViewPairs.random(rnd, i % 100 == 0 ? 300 : 40);
            byte[] encoded = ViewPairCodec.encode(p);
            assertThat(encoded).hasSize(ViewPairCodec.encodedSize(p));
            ViewPair back = ViewPairCodec.decode(encoded);
            assertThat(back).isEqualTo(p).hasSameHashCodeAs(p);
            assertThat(back.imageId()).isEqualTo(p.imageId());
            assertThat(ViewPairCodec.encode(back)).isEqualTo(encoded);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty        | ''                              | view pair truncated: expected at least 27 bytes, got 0",
                "3 bytes      | 534356                          | view pair truncated: expected at least 27 bytes, got 3",
                "magic only   | 53435650                        | view pair truncated: expected at least 27 bytes, got 4",
                "png          | 89504e470d0a1a0a                | view pair: bad magic 0x89504e47 (expected 'SCVP')",
                "json         | 7b22757269223a22                | view pair: bad magic 0x7b227572 (expected 'SCVP')",
                "version 7    | 5343565007                      | view pair: unsupported version 7 (supported: 1)",
                "version 0    | 53435650000002616100            | view pair: unsupported version 0 (supported: 1)",
                "id length 0  | 53435650010000                  | view pair: imageId length 0 is outside 1..512",
                "id len 513   | 534356500102016161              | view pair: imageId length 513 is outside 1..512",
                "cut header   | 5343565001000261310000          | view pair truncated: header needs 26 bytes, got 11",
                "bad utf-8    | 5343565001000261c3 00000000 0000000000000000 0001 0001 01 00 00 | view pair: imageId is not valid UTF-8",
                "control id   | 5343565001000261 00 00000000 0000000000000000 0001 0001 01 00 00 | view pair: imageId contains a control character at index 1: 'a\\u0000'",
                "negative ep  | 53435650 01 0002 6131 ffffffff 0000000000000000 0001 0001 01 00 00 | view pair: epoch must be >= 0, got -1",
                "height 0     | 53435650 01 0002 6131 00000000 0000000000000000 0000 0001 01 | view pair: height must be in [1, 1024], got 0",
                "width 65535  | 53435650 01 0002 6131 00000000 0000000000000000 0001 ffff 01 | view pair: width must be in [1, 1024], got 65535",
                "channels 4   | 53435650 01 0002 6131 00000000 0000000000000000 0001 0001 04 | view pair: channels must be 1 or 3, got 4",
                "no views     | 53435650 01 0002 6131 00000000 0000000000000000 0002 0002 01 | view pair truncated: expected 34 bytes, got 26",
                "half view 2  | 53435650 01 0002 6131 00000003 000000000000002a 0002 0002 01 004080ff ff80 | view pair truncated: expected 34 bytes, got 32",
                "huge claim   | 53435650 01 0002 6131 00000000 0000000000000000 0400 0400 03 00 | view pair truncated: expected 6291482 bytes, got 27",
                "trailing     | 53435650 01 0002 6131 00000003 000000000000002a 0002 0002 01 004080ff ff804000 0102030405 | view pair: 5 trailing bytes",
            })
    void malformedInputIsRejectedWithAReason(String name, String hex, String reason) {
        byte[] data = ViewPairs.hex(hex);
        assertThatThrownBy(() -> ViewPairCodec.decode(data))
                .isInstanceOf(ContractException.class)
                .hasMessage(reason);
        assertThatThrownBy(() -> ViewPairCodec.decodeInPlace(data))
                .isInstanceOf(ContractException.class)
                .hasMessage(reason);
    }

    @Test
    void nullAndOversizedInputAreRejectedUpFront() {
        assertThatThrownBy(() -> ViewPairCodec.decode(null))
                .isInstanceOf(ContractException.class)
                .hasMessage("view pair: value is null");
        byte[] oversized = new byte[ViewPairCodec.MAX_ENCODED_BYTES + 1];
        ByteBuffer.wrap(oversized).putInt(ViewPairCodec.MAGIC);
        assertThatThrownBy(() -> ViewPairCodec.decode(oversized))
                .hasMessage("view pair: 6291993 bytes exceeds the maximum of 6291992");
    }
}
