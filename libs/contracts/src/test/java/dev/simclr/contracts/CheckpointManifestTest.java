package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.CheckpointManifest.FileEntry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointManifestTest {

    static final String SHA_A = "9c56cc51b374c3ba189210d5b6d4bf57790d351c96c47c02190ecf1e430635ab";
    static final String SHA_B = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    static CheckpointManifestBuilder sample() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("arch", "resnet18");
        model.put("stem", "small");
        model.put("widthMultiplier", 0.25);
        model.put("inputChannels", 1);
        return CheckpointManifest.builder()
                .setRunId("fmnist-r18-1")
                .setStep(1000)
                .setEpoch(2)
                .setSamplesSeen(128_000)
                .setCreatedAt(Instant.parse("2025-01-31T12:00:00Z"))
                .optFile("params.bin", 2_799_552, SHA_A)
                .optFile("optimizer.bin", 0, SHA_B)
                .optOffset(Topics.VIEWS, 1, 64_001)
                .optOffset(Topics.VIEWS, 0, 63_999)
                .optAttribute("model", model)
                .optAttribute("seeds", List.of(17, 4_294_967_296L))
                .optAttribute("batchSize", 128)
                .optAttribute("git", null);
    }

    static final String JSON = String.join(
            "\n",
            "{",
            "  \"formatVersion\": 1,",
            "  \"runId\": \"fmnist-r18-1\",",
            "  \"step\": 1000,",
            "  \"epoch\": 2,",
            "  \"samplesSeen\": 128000,",
            "  \"createdAt\": \"2025-01-31T12:00:00Z\",",
            "  \"files\": [",
            "    {",
            "      \"name\": \"params.bin\",",
            "      \"size\": 2799552,",
            "      \"sha256\": \"" + SHA_A + "\"",
            "    },",
            "    {",
            "      \"name\": \"optimizer.bin\",",
            "      \"size\": 0,",
            "      \"sha256\": \"" + SHA_B + "\"",
            "    }",
            "  ],",
            "  \"offsets\": {",
            "    \"simclr.views\": {",
            "      \"0\": 63999,",
            "      \"1\": 64001",
            "    }",
            "  },",
            "  \"attributes\": {",
            "    \"model\": {",
            "      \"arch\": \"resnet18\",",
            "      \"stem\": \"small\",",
            "      \"widthMultiplier\": 0.25,",
            "      \"inputChannels\": 1",
            "    },",
            "    \"seeds\": [",
            "      17,",
            "      4294967296",
            "    ],",
            "    \"batchSize\": 128,",
            "    \"git\": null",
            "  }",
            "}",
            "");

    @Test
    void writesStablePrettyJson() {
        CheckpointManifest m = sample().build();
        assertThat(m.toJson()).isEqualTo(JSON);
        assertThat(m.toJsonBytes()).isEqualTo(JSON.getBytes(StandardCharsets.UTF_8));
        assertThat(CheckpointManifest.fromJson(JSON)).isEqualTo(m);
        assertThat(CheckpointManifest.fromJson(m.toJsonBytes()).toJson()).isEqualTo(JSON);
    }

    @Test
    void offsetsAreSortedWhateverTheInputOrder() {
        CheckpointManifest a = sample().optOffset("b.topic", 10, 5)
                .optOffset("a.topic", 2, 1)
                .optOffset("a.topic", 10, 3)
                .build();
        assertThat(a.offsets().keySet()).containsExactly("a.topic", "b.topic", "simclr.views");
        assertThat(a.offsets().get("a.topic").keySet()).containsExactly(2, 10);
        assertThat(a.toJson()).contains("\"a.topic\": {\n      \"2\": 1,\n      \"10\": 3\n    }");
        assertThat(CheckpointManifest.fromJson(a.toJson())).isEqualTo(a);
    }

    @Test
    void nestedAttributesSurviveTheRoundTrip() {
        Map<String, Object> deep = new LinkedHashMap<>();
        deep.put("list", Arrays.asList(1, "two", null, true, List.of(), Map.of("k", List.of(1.5))));
        deep.put("unicode", "\u00e9\u4e2d\uD83D\uDE00");
        deep.put("big", new BigInteger("123456789012345678901234567890"));
        deep.put("negative", -7L);
        deep.put("tiny", 1e-300);
        deep.put("float", 0.1f);
        deep.put("decimal", new BigDecimal("0.1"));
        deep.put("instant", Instant.parse("2025-01-31T12:00:00Z"));
        CheckpointManifest m = sample().optAttribute("deep", deep).build();
        CheckpointManifest back = CheckpointManifest.fromJson(m.toJson());
        assertThat(back).isEqualTo(m);
        assertThat(back.toJson()).isEqualTo(m.toJson());
        @SuppressWarnings("unchecked")
        Map<String, Object> canonical = (Map<String, Object>) m.attributes().get("deep");
        assertThat(canonical.get("negative")).isEqualTo(-7);
        assertThat(canonical.get("float")).isEqualTo((double) 0.1f);
        assertThat(canonical.get("decimal")).isEqualTo(0.1);
        assertThat(canonical.get("instant")).isEqualTo("2025-01-31T12:00:00Z");
        assertThat(canonical.get("big")).isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void collectionsAreDeeplyImmutableCopies() {
        List<Object> seeds = new ArrayList<>(List.of(1, 2));
        CheckpointManifest m = sample().optAttribute("seeds", seeds).build();
        seeds.add(3);
        assertThat(m.attributes().get("seeds")).isEqualTo(List.of(1, 2));
        assertThatThrownBy(() -> ((List<Object>) m.attributes().get("seeds")).add(3))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.files().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> m.offsets().get(Topics.VIEWS).put(5, 1L))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void filesCanBeLookedUpAndReplaced() {
        CheckpointManifest draft = sample().build().withFiles(List.of());
        assertThat(draft.files()).isEmpty();
        assertThat(draft.file("params.bin")).isEmpty();
        CheckpointManifest done = draft.withFiles(List.of(new FileEntry("model/params.bin", 3, SHA_A)));
        assertThat(done.file("model/params.bin")).contains(new FileEntry("model/params.bin", 3, SHA_A));
        assertThat(done.step()).isEqualTo(draft.step());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "formatVersion",
                "runId",
                "step",
                "epoch",
                "samplesSeen",
                "createdAt",
                "files",
                "offsets",
                "attributes"
            })
    void missingFieldsAreNamed(String field) {
        assertThatThrownBy(() -> CheckpointManifest.fromJson(JsonEdit.without(JSON, field)))
                .isInstanceOf(ContractException.class)
                .hasMessage("checkpoint manifest: '" + field + "' is required");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "formatVersion | 2    | unsupported formatVersion 2 (supported: 1)",
                "step          | -1   | step must be >= 0, got -1",
                "files         | {}   | files must be an array, got {}",
                "files         | [7]  | files[0] must be an object, got 7",
                "files         | [{\"name\":\"a\",\"size\":1}] | 'files[0].sha256' is required",
                "files         | [{\"name\":\"../a\",\"size\":1,\"sha256\":\"" + SHA_B
                        + "\"}] | file name '../a' must be a relative path without empty, '.' or '..' segments",
                "files         | [{\"name\":\"/a\",\"size\":1,\"sha256\":\"" + SHA_B
                        + "\"}] | file name '/a' must be a relative path",
                "files         | [{\"name\":\"a\\\\b\",\"size\":1,\"sha256\":\"" + SHA_B
                        + "\"}] | file name 'a\\b' contains a control character or backslash",
                "files         | [{\"name\":\"a\",\"size\":-1,\"sha256\":\"" + SHA_B
                        + "\"}] | file 'a': size must be >= 0, got -1",
                "files         | [{\"name\":\"a\",\"size\":1,\"sha256\":\"" + SHA_B
                        + "\"},{\"name\":\"a\",\"size\":2,\"sha256\":\"" + SHA_B + "\"}] | file 'a' is listed twice",
                "offsets       | {\"simclr.views\":{\"x\":1}}  | offsets.simclr.views partition key 'x' must be an integer >= 0",
                "offsets       | {\"simclr.views\":{\"-1\":1}} | offsets.simclr.views partition key '-1' must be an integer >= 0",
                "offsets       | {\"simclr.views\":{\"01\":1}} | offsets.simclr.views partition key '01' must be an integer >= 0",
                "offsets       | {\"simclr.views\":{\"0\":-4}} | offsets.simclr.views.0 must be >= 0, got -4",
                "offsets       | {\"simclr.views\":{\"0\":\"4\"}} | offsets.simclr.views.0 must be an integer, got \"4\"",
                "offsets       | {\"simclr.views\":[]}         | offsets.simclr.views must be an object, got []",
                "offsets       | {\"bad topic\":{}}            | offsets: topic: name 'bad topic' may only contain [A-Za-z0-9._-]",
                "attributes    | [1]  | attributes must be an object, got [1]",
            })
    void invalidFieldsAreRejectedWithAReason(String field, String rawValue, String reason) {
        assertThatThrownBy(() -> CheckpointManifest.fromJson(JsonEdit.with(JSON, field, rawValue)))
                .isInstanceOf(ContractException.class)
                .hasMessageStartingWith("checkpoint manifest: " + reason);
    }

    @Test
    void badAttributesAndBuilderValuesAreRejected() {
        assertThatThrownBy(() -> sample().optAttribute("lr", Double.NaN).build())
                .isInstanceOf(ContractException.class)
                .hasMessage("checkpoint manifest: attributes.lr must be a finite number, got NaN");
        assertThatThrownBy(() -> sample().optAttribute("x", new Object()).build())
                .isInstanceOf(ContractException.class)
                .hasMessageStartingWith("checkpoint manifest: attributes are not JSON-serialisable: ");
        assertThatThrownBy(() -> sample().optOffset("simclr.views", -1, 0).build())
                .hasMessage("checkpoint manifest: offsets.simclr.views partition must be >= 0, got -1");
        assertThatThrownBy(() -> sample().optFile("a", 1, SHA_A.toUpperCase()))
                .hasMessageStartingWith("checkpoint manifest: file 'a': sha256 must be 64 lower-case hex");
        assertThatThrownBy(() -> CheckpointManifest.builder().setStep(1).build())
                .hasMessage("checkpoint manifest: 'epoch' is required");
        assertThatThrownBy(() -> new CheckpointManifest(2, "r", 0, 0, 0, Instant.EPOCH, List.of(), Map.of(), Map.of()))
                .hasMessage("checkpoint manifest: unsupported formatVersion 2 (supported: 1)");
    }
}
