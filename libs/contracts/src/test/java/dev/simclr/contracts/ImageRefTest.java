package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageRefTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "s3://b/k.png",
                "file:///x.png",
                "https://example.com/a/b.jpg?x=1&y=%20",
                "s3://bucket/dir/with%20space.png",
                "file:///data/\u00e4.png"
            })
    void bareUrisParse(String uri) {
        ImageRef ref = ImageRef.parse(uri);
        assertThat(ref).isEqualTo(new ImageRef(uri, null, null, null, null));
        assertThat(ImageRef.parse(uri.getBytes(StandardCharsets.UTF_8))).isEqualTo(ref);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "  s3://b/k.png",
                "s3://b/k.png\n",
                "\t s3://b/k.png \r\n",
                "\uFEFFs3://b/k.png",
                " { \"uri\" : \" s3://b/k.png \" }\n"
            })
    void surroundingWhitespaceIsIgnored(String value) {
        assertThat(ImageRef.parse(value)).isEqualTo(ImageRef.of("s3://b/k.png"));
    }

    @Test
    void fullJsonParsesAndUnknownFieldsAreIgnored() {
        ImageRef ref = ImageRef.parse("{\"uri\":\"s3://bucket/cats/001.png\",\"id\":\"cat-001\","
                + "\"label\":3,\"split\":\"train\",\"dataset\":\"cats\",\"owner\":{\"x\":[1,2]},"
                + "\"note\":null}");
        assertThat(ref).isEqualTo(new ImageRef("s3://bucket/cats/001.png", "cat-001", 3, "train", "cats"));
        assertThat(ref.effectiveId()).isEqualTo("cat-001");
    }

    @Test
    void jsonNullsCountAsAbsent() {
        assertThat(ImageRef.parse("{\"uri\":\"s3://b/k\",\"id\":null,\"label\":null}"))
                .isEqualTo(ImageRef.of("s3://b/k"));
    }

    @Test
    void effectiveIdIsDerivedFromTheUriSha256() {
        // printf '%s' 's3://bucket/cats/001.png' | sha256sum | cut -c1-16
        assertThat(ImageRef.of("s3://bucket/cats/001.png").effectiveId()).isEqualTo("u-bfa59ec4406088ed");
        // hashed over UTF-8 bytes
        assertThat(ImageRef.of("file:///data/\u00e4.png").effectiveId()).isEqualTo("u-04379cfaf091c810");
    }

    @Test
    void recordKeyIsTheDefaultId() {
        ImageRef bare = ImageRef.of("s3://b/k.png");
        assertThat(bare.withDefaultId(" img-7 ").effectiveId()).isEqualTo("img-7");
        assertThat(bare.withDefaultId(null)).isSameAs(bare);
        assertThat(bare.withDefaultId("  ")).isSameAs(bare);
        ImageRef withId = new ImageRef("s3://b/k.png", "own", null, null, null);
        assertThat(withId.withDefaultId("key")).isSameAs(withId);
        assertThatThrownBy(() -> bare.withDefaultId("a\u0001"))
                .isInstanceOf(ContractException.class)
                .hasMessageStartingWith("image ref: id contains a control character at index 1");
    }

    @Test
    void toJsonRoundTripsExactly() {
        ImageRef full = new ImageRef("s3://b/\u00e9t\u00e9.png", "id \u4e2d\u6587", 0, "test", "fashion-mnist");
        assertThat(full.toJson())
                .isEqualTo("{\"uri\":\"s3://b/\u00e9t\u00e9.png\","
                        + "\"id\":\"id \u4e2d\u6587\",\"label\":0,\"split\":\"test\","
                        + "\"dataset\":\"fashion-mnist\"}");
        assertThat(ImageRef.parse(full.toJson())).isEqualTo(full);
        ImageRef bare = ImageRef.of("file:///x.png");
        assertThat(bare.toJson()).isEqualTo("{\"uri\":\"file:///x.png\"}");
        assertThat(ImageRef.parse(bare.toJson().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(bare);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "``                                     | image ref: value is empty",
                "`   \t `                               | image ref: value is empty",
                "{}                                     | image ref: 'uri' is required",
                "{\"uri\":null}                         | image ref: 'uri' is required",
                "{\"id\":\"x\"}                         | image ref: 'uri' is required",
                "{\"uri\":42}                           | image ref: uri must be a string, got 42",
                "{\"uri\":[\"s3://b/k\"]}               | image ref: uri must be a string, got [\"s3://b/k\"]",
                "{\"uri\":\"\"}                         | image ref: uri must not be empty",
                "{\"uri\":\"s3://b/k\",\"label\":-3}    | image ref: label must be an integer >= 0, got -3",
                "{\"uri\":\"s3://b/k\",\"label\":1.5}   | image ref: label must be an integer >= 0, got 1.5",
                "{\"uri\":\"s3://b/k\",\"label\":\"3\"} | image ref: label must be an integer >= 0, got \"3\"",
                "{\"uri\":\"s3://b/k\",\"label\":3000000000} | image ref: label must be an integer >= 0, got 3000000000",
                "{\"uri\":\"s3://b/k\",\"id\":7}        | image ref: id must be a string, got 7",
                "{\"uri\":\"s3://b/k\",\"id\":\" \"}    | image ref: id must not be empty",
                "{\"uri\":\"s3://b/k\",\"id\":\"a\\u0000b\"} | image ref: id contains a control character at index 1",
                "{\"uri\":\"s3://b/k\",\"id\":\"a\\ud800\"}  | image ref: id contains an unpaired surrogate at index 1",
                "{\"uri\":\"s3://b/k\",\"split\":true}  | image ref: split must be a string, got true",
                "{\"uri\":\"s3://b/k\",\"dataset\":\"\"} | image ref: dataset must not be empty",
                "[\"s3://b/k\"]                         | image ref: JSON value must be an object, got array",
                "\"s3://b/k\"                           | image ref: JSON value must be an object, got string",
                "{\"uri\":\"s3://b/k\"                  | image ref: not valid JSON: ",
                "{\"uri\":\"s3://b/k\"} trailing         | image ref: not valid JSON: ",
                "bucket/key.png                         | image ref: uri has no scheme: 'bucket/key.png'",
                "/data/x.png                            | image ref: uri has no scheme: '/data/x.png'",
                "3s://b/k                               | image ref: uri has no scheme: '3s://b/k'",
                "C:\\data\\x.png                        | starts with a drive letter, not a scheme",
                "s3:                                    | image ref: uri has nothing after the scheme: 's3:'",
                "s3://b/k.png s3://b/j.png              | image ref: uri contains whitespace at index 12",
                "s3://b/\u0007.png                      | image ref: uri contains a control character at index 7",
            })
    void malformedValuesAreRejectedWithAReason(String value, String reason) {
        assertThatThrownBy(() -> ImageRef.parse(value))
                .isInstanceOf(ContractException.class)
                .hasMessageContaining(reason)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void limitsAreEnforced() {
        String longest = "s3://b/" + "k".repeat(ImageRef.MAX_URI_CHARS - 7);
        assertThat(ImageRef.parse(longest).uri()).hasSize(ImageRef.MAX_URI_CHARS);
        assertThatThrownBy(() -> ImageRef.parse(longest + "k"))
                .hasMessage("image ref: uri is 4097 characters long (max 4096)");

        String id = "\u00e9".repeat(256); // 512 UTF-8 bytes
        assertThat(new ImageRef("s3://b/k", id, null, null, null).id()).isEqualTo(id);
        assertThatThrownBy(() -> new ImageRef("s3://b/k", id + "x", null, null, null))
                .hasMessage("image ref: id is 513 UTF-8 bytes long (max 512)");

        assertThatThrownBy(() -> new ImageRef("s3://b/k", null, null, "s".repeat(129), null))
                .hasMessage("image ref: split is 129 characters long (max 128)");

        byte[] huge = new byte[ImageRef.MAX_VALUE_BYTES + 1];
        assertThatThrownBy(() -> ImageRef.parse(huge)).hasMessage("image ref: value is 65537 bytes long (max 65536)");
    }

    @Test
    void nullAndBadUtf8AreRejected() {
        assertThatThrownBy(() -> ImageRef.parse((String) null)).hasMessage("image ref: 'value' is required");
        assertThatThrownBy(() -> ImageRef.parse((byte[]) null)).hasMessage("image ref: 'value' is required");
        assertThatThrownBy(() -> ImageRef.parse(new byte[] {'s', '3', ':', '/', '/', (byte) 0xC3}))
                .isInstanceOf(ContractException.class)
                .hasMessage("image ref: value is not valid UTF-8");
    }

    @Test
    void constructorValidatesToo() {
        assertThatThrownBy(() -> new ImageRef(null, null, null, null, null))
                .isInstanceOf(ContractException.class)
                .hasMessage("image ref: 'uri' is required");
        assertThatThrownBy(() -> new ImageRef("s3://b/k", null, -1, null, null))
                .hasMessage("image ref: label must be an integer >= 0, got -1");
        assertThatThrownBy(() -> new ImageRef("s3://b/k", " padded", null, null, null))
                .hasMessage("image ref: id must not start or end with whitespace: ' padded'");
    }

    @Test
    void randomJunkOnlyEverThrowsContractException() {
        Random rnd = new Random(20250131L);
        String alphabet = "{}[]\":,\\ \t\n\r0123456789-+.eEtrufalsn/s3:fileuriidlabel\u00e9\u4e2d"
                + "\u0000\u0007\uFEFF\uD800\uDC00";
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < 5_000; i++) {
            String junk = junk(rnd, alphabet, i);
            try {
                ImageRef ref = ImageRef.parse(junk);
                assertThat(ImageRef.parse(ref.toJson())).isEqualTo(ref);
                accepted++;
            } catch (ContractException e) {
                assertThat(e.getMessage()).startsWith("image ref: ").doesNotContain("\n");
                rejected++;
            }
            byte[] bytes = new byte[rnd.nextInt(40)];
            rnd.nextBytes(bytes);
            try {
                ImageRef.parse(bytes);
            } catch (ContractException e) {
                assertThat(e.getMessage()).startsWith("image ref: ");
            }
        }
        assertThat(rejected).isGreaterThan(2_500);
        assertThat(accepted).isGreaterThan(0);
    }

    private static String junk(Random rnd, String alphabet, int i) {
        switch (i % 4) {
            case 0: // near-valid JSON with a random tail
                return "{\"uri\":\"s3://b/" + rnd.nextInt(100) + "\"" + random(rnd, alphabet, 8);
            case 1: // near-valid bare URI
                return "s3://b/" + random(rnd, alphabet, 6);
            case 2: // nested, now and then beyond the parser's depth limit
                return "[".repeat(rnd.nextInt(i % 200 == 2 ? 3000 : 20)) + "{\"uri\":" + "{".repeat(rnd.nextInt(5));
            default:
                return random(rnd, alphabet, 30);
        }
    }

    private static String random(Random rnd, String alphabet, int maxLen) {
        StringBuilder b = new StringBuilder();
        int n = rnd.nextInt(maxLen + 1);
        for (int k = 0; k < n; k++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
