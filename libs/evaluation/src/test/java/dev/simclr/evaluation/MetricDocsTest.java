package dev.simclr.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.MetricDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The metric tables of the docs are the registry's, not a second copy that can drift. */
class MetricDocsTest {

    private static final Path DOCS = Path.of("..", "..", "docs");

    @Test
    void evaluationMdListsTheStandardMetricsAsRegistered() throws Exception {
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(DOCS.resolve("evaluation.md"))) {
            if (line.startsWith("| name | label | summary label |")) {
                inTable = true;
            } else if (inTable && line.startsWith("| `")) {
                rows.add(line);
            } else if (inTable && !line.startsWith("| ---")) {
                break;
            }
        }
        List<String> expected = MetricRegistry.standard().descriptions().stream()
                .map(d -> "| `" + d.name() + "` | "
                        + d.label() + " | " + (d.inSummary() ? d.summaryLabel() : "–") + " | " + d.group() + " | "
                        + d.unit().id()
                        + " | " + d.direction().id() + " | " + (d.needsLabels() ? "yes" : "no") + " |")
                .toList();
        assertThat(rows).hasSameSizeAs(expected);
        for (int i = 0; i < rows.size(); i++) {
            assertThat(rows.get(i)).startsWith(expected.get(i));
        }
    }

    @Test
    void contractsMdExampleIsTheRegisteredDescription() throws Exception {
        List<String> lines = Files.readAllLines(DOCS.resolve("contracts.md"));
        String example = lines.get(lines.indexOf("```json metric-description") + 1);
        MetricDescription d = MetricDescription.fromJson(example);
        assertThat(d).isEqualTo(MetricRegistry.standard().description(d.name()).orElseThrow());
    }
}
