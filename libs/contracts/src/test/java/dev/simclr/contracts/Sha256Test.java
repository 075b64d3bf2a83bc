package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Sha256Test {

    /** FIPS 180-2 test vectors. */
    @Test
    void knownVectors() {
        assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(Sha256.hex(new byte[0]))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Sha256.hex("é"))
                .isEqualTo(Sha256.hex("é".getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(Sha256.hex("é".getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void aStreamLongerThanOneBlockHashesLikeItsBytes() throws IOException {
        byte[] data = new byte[200_000];
        Arrays.fill(data, 150_000, data.length, (byte) 7);
        assertThat(Sha256.hex(new ByteArrayInputStream(data)))
                .isEqualTo(Sha256.hex(data))
                .hasSize(64)
                .matches("[0-9a-f]{64}");
        data[199_999] = 8;
        assertThat(Sha256.hex(new ByteArrayInputStream(data))).isEqualTo(Sha256.hex(data));
    }

    @Test
    void imageIdsAreTheShortHashOfTheUri() {
        assertThat(ImageRef.of("s3://bucket/a.png").effectiveId())
                .isEqualTo("u-bd0dd9c91447cf5d")
                .isEqualTo("u-" + Sha256.hex("s3://bucket/a.png").substring(0, 16));
    }
}
