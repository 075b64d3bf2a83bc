package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/contracts.md} honest: every tagged example block parses and is written back byte for byte, the
 * hexdump is what the codec writes, and every topic, header and reason code is documented.
 */
class DocsExamplesTest {

    private static final Path DOC = Path.of("..", "..", "docs", "contracts.md");

    /** A fenced block whose info string is {@code <language> <tag>}. */
    private static final Pattern BLOCK =
            Pattern.compile("^```\\w+ ([a-z-]+)\\n(.*?)^```$", Pattern.MULTILINE | Pattern.DOTALL);

    private static String doc;

    @BeforeAll
    static void readDoc() throws IOException {
        doc = Files.readString(DOC, StandardCharsets.UTF_8);
    }

    private static List<String> blocks(String tag) {
        List<String> found = new ArrayList<>();
        Matcher m = BLOCK.matcher(doc);
        while (m.find()) {
            if (m.group(1).equals(tag)) {
                found.add(m.group(2));
            }
        }
        assertThat(found).as("blocks tagged " + tag).isNotEmpty();
        return found;
    }

    private static List<String> lines(String block) {
        return Arrays.asList(block.strip().split("\n"));
    }

    @Test
    void imageRefExamplesParse() {
        for (String block : blocks("image-ref-bare")) {
            for (String line : lines(block)) {
                assertThat(ImageRef.parse(line).uri()).isEqualTo(line);
            }
        }
        for (String block : blocks("image-ref")) {
            for (String line : lines(block)) {
                assertThat(ImageRef.parse(line).toJson()).isEqualTo(line);
            }
        }
    }

    @Test
    void jsonExamplesAreCanonical() {
        for (String block : blocks("checkpoint-event")) {
            String json = block.strip();
            assertThat(CheckpointEvent.fromJson(json).toJson()).isEqualTo(json);
        }
        List<String> evalResults = new ArrayList<>();
        for (String block : blocks("eval-result")) {
            String json = block.strip();
            assertThat(EvalResult.fromJson(json).toJson()).isEqualTo(json);
            evalResults.add(json);
        }
        for (String block : blocks("eval-result-legacy")) {
            // written before named metrics: reads as one of the current examples, which it is a copy of
            String legacy = block.strip();
            assertThat(legacy).doesNotContain("\"metrics\"");
            assertThat(evalResults).contains(EvalResult.fromJson(legacy).toJson());
        }
        for (String block : blocks("metric-description")) {
            String json = block.strip();
            assertThat(MetricDescription.fromJson(json).toJson()).isEqualTo(json);
        }
        for (String block : blocks("training-progress")) {
            String json = block.strip();
            assertThat(TrainingProgress.fromJson(json).toJson()).isEqualTo(json);
        }
        for (String block : blocks("manifest")) {
            assertThat(CheckpointManifest.fromJson(block).toJson()).isEqualTo(block);
        }
    }

    @Test
    void hexdumpIsTheTinyPairEncoding() {
        StringBuilder hex = new StringBuilder();
        for (String line : lines(blocks("view-pair-xxd").get(0))) {
            // xxd: "00000000: 5343 5650 ...  SCVP..." — 8 groups of 4 hex digits after the offset
            hex.append(line.substring(10, Math.min(line.length(), 49)).replace(" ", ""));
        }
        byte[] bytes = ViewPairs.hex(hex.toString());
        assertThat(bytes).containsExactly(ViewPairCodec.encode(ViewPairs.tiny()));
        assertThat(ViewPairCodec.decode(bytes)).isEqualTo(ViewPairs.tiny());
    }

    @Test
    void everyTopicHeaderAndReasonCodeIsDocumented() {
        for (String topic : Topics.all()) {
            assertThat(doc).contains("`" + topic + "`");
        }
        for (String header : List.of(
                DeadLetter.REASON,
                DeadLetter.REASON_CODE,
                DeadLetter.EXCEPTION_CLASS,
                DeadLetter.SOURCE_TOPIC,
                DeadLetter.SOURCE_PARTITION,
                DeadLetter.SOURCE_OFFSET,
                DeadLetter.FAILED_AT)) {
            assertThat(doc).contains("| `" + header + "` |");
        }
        for (DeadLetter.Reason reason : DeadLetter.Reason.values()) {
            assertThat(doc).contains("| `" + reason.code() + "` |");
        }
        assertThat(doc).contains(String.format("%,d", ViewPairCodec.MAX_ENCODED_BYTES));
        LegacyMetrics.FIELDS.forEach((name, field) -> assertThat(doc).contains("| `" + name + "` | `" + field + "` |"));
    }
}
