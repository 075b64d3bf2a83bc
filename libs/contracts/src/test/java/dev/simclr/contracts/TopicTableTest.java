package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.TopicSpec.CleanupPolicy;
import dev.simclr.contracts.TopicSpec.Scale;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TopicTableTest {

    private static final long HOUR_MS = 3_600_000L;
    private static final long MIB = 1024L * 1024;

    @Test
    void everyTopicConstantHasOneRowInTableOrder() throws IllegalAccessException {
        List<String> constants = new ArrayList<>();
        for (Field f : Topics.class.getFields()) {
            int mod = f.getModifiers();
            if (Modifier.isStatic(mod)
                    && Modifier.isFinal(mod)
                    && f.getType() == String.class
                    && ((String) f.get(null)).startsWith("simclr.")) {
                constants.add((String) f.get(null));
            }
        }
        assertThat(TopicTable.all())
                .extracting(TopicSpec::name)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(constants)
                .containsExactlyElementsOf(Topics.all());
        assertThat(TopicTable.of(Topics.VIEWS).name()).isEqualTo(Topics.VIEWS);
        assertThatThrownBy(() -> TopicTable.of("simclr.nothing"))
                .isInstanceOf(NoSuchElementException.class)
                .hasMessage("topic simclr.nothing is not in the topic table");
    }

    /** Moved from the launcher's ServiceEnvTest ("topicsFollowThePlan"): the single host's partitions. */
    @Test
    void singleHostPartitionsAndViewsRetention() {
        assertThat(TopicTable.all())
                .filteredOn(t -> t.name().equals(Topics.IMAGES) || t.name().equals(Topics.VIEWS))
                .extracting(t -> t.partitions(Scale.SINGLE_HOST))
                .containsExactly(4, 4);
        assertThat(TopicTable.all())
                .filteredOn(t -> !t.name().equals(Topics.IMAGES) && !t.name().equals(Topics.VIEWS))
                .allMatch(t -> t.partitions(Scale.SINGLE_HOST) == 1 && t.partitions(Scale.CLUSTER) == 1)
                .extracting(TopicSpec::name)
                .contains("simclr.progress", Topics.IMAGES_DLQ, Topics.EVAL);
        assertThat(TopicTable.of(Topics.VIEWS).configs()).containsKeys("retention.ms", "retention.bytes");
    }

    @Test
    void theChosenValues() {
        TopicSpec images = TopicTable.of(Topics.IMAGES);
        assertThat(images.partitions(Scale.CLUSTER)).isEqualTo(8);
        assertThat(images.configs())
                .containsEntry("retention.ms", "-1")
                .containsEntry("retention.bytes", "-1")
                .containsEntry("cleanup.policy", "delete")
                .doesNotContainKey("segment.bytes");
        TopicSpec views = TopicTable.of(Topics.VIEWS);
        assertThat(views.partitions(Scale.CLUSTER)).isEqualTo(8);
        assertThat(views.retentionMs()).isEqualTo(24 * HOUR_MS);
        assertThat(views.retentionBytes()).isEqualTo(1024 * MIB);
        assertThat(views.segmentBytes()).isEqualTo(64 * MIB);
        assertThat(TopicTable.of(Topics.PROGRESS).retentionMs()).isEqualTo(7 * 24 * HOUR_MS);
        assertThat(TopicTable.of(Topics.CHECKPOINTS).retentionMs()).isEqualTo(-1);
        assertThat(TopicTable.of(Topics.EVAL).retentionMs()).isEqualTo(-1);
        for (String dlq : List.of(Topics.IMAGES_DLQ, Topics.VIEWS_DLQ, Topics.CHECKPOINTS_DLQ)) {
            assertThat(TopicTable.of(dlq).retentionMs()).as(dlq).isEqualTo(30 * 24 * HOUR_MS);
        }
        assertThat(TopicTable.of(Topics.VIEWS_DLQ).retentionBytes()).isEqualTo(1024 * MIB);
        assertThat(TopicTable.all()).allMatch(t -> t.cleanupPolicy() == CleanupPolicy.DELETE);
    }

    @Test
    void viewTopicsTakeTheLargestViewPairAndTheOthersAnImageRef() {
        for (String t : List.of(Topics.VIEWS, Topics.VIEWS_DLQ)) {
            assertThat(TopicTable.of(t).maxMessageBytes())
                    .as(t)
                    .isGreaterThan(ViewPairCodec.MAX_ENCODED_BYTES + 64 * 1024);
        }
        assertThat(TopicTable.all()).allMatch(t -> t.maxMessageBytes() > ImageRef.MAX_VALUE_BYTES + 64 * 1024);
    }

    @Test
    void configsUseKafkaNamesInAFixedOrder() {
        assertThat(TopicTable.of(Topics.VIEWS).configs())
                .containsExactly(
                        Map.entry("cleanup.policy", "delete"),
                        Map.entry("retention.ms", "86400000"),
                        Map.entry("retention.bytes", "1073741824"),
                        Map.entry("max.message.bytes", "8388608"),
                        Map.entry("segment.bytes", "67108864"));
        assertThat(TopicTable.of(Topics.EVAL).configs())
                .containsOnlyKeys("cleanup.policy", "retention.ms", "retention.bytes", "max.message.bytes");
    }

    @Test
    void rowsAreChecked() {
        assertThatThrownBy(() -> new TopicSpec("t", 0, 1, -1, -1, 1, CleanupPolicy.DELETE, null))
                .hasMessage("t: partitions must be >= 1");
        assertThatThrownBy(() -> new TopicSpec("t", 1, 1, 0, -1, 1, CleanupPolicy.DELETE, null))
                .hasMessage("t: retention must be -1 (unbounded) or positive");
        assertThatThrownBy(() -> new TopicSpec("t", 1, 1, -1, -1, 1, CleanupPolicy.DELETE, 1000L))
                .hasMessage("t: segment.bytes must be at least 1 MiB");
        assertThatThrownBy(() -> new TopicSpec("a b", 1, 1, -1, -1, 1, CleanupPolicy.DELETE, null))
                .isInstanceOf(ContractException.class);
    }

    /** docs/contracts.md states the table: every row there is the table's row, number for number. */
    @Test
    void theDocumentedTableIsTheTable() throws IOException {
        String doc = Files.readString(Path.of("..", "..", "docs", "contracts.md"), StandardCharsets.UTF_8);
        Pattern row = Pattern.compile(
                "^\\| `(simclr\\.[a-z.]+)` \\| (\\d+) / (\\d+) \\| (-?\\d+)[^|]*\\| (-?\\d+)[^|]*"
                        + "\\| (\\d+)[^|]*\\| (\\w+) \\| (\\d+|—)[^|]*\\|$",
                Pattern.MULTILINE);
        Matcher m = row.matcher(doc);
        List<String> documented = new ArrayList<>();
        while (m.find()) {
            TopicSpec t = TopicTable.of(m.group(1));
            documented.add(t.name());
            assertThat(List.of(m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7), m.group(8)))
                    .as("docs/contracts.md row of %s", t.name())
                    .containsExactly(
                            String.valueOf(t.singleHostPartitions()),
                            String.valueOf(t.clusterPartitions()),
                            String.valueOf(t.retentionMs()),
                            String.valueOf(t.retentionBytes()),
                            String.valueOf(t.maxMessageBytes()),
                            t.cleanupPolicy().value(),
                            t.segmentBytes() == null ? "—" : String.valueOf(t.segmentBytes()));
        }
        assertThat(documented)
                .as("rows of the topic table in docs/contracts.md")
                .containsExactlyElementsOf(Topics.all());
    }
}
