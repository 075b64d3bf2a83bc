package dev.simclr.evaluator.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.Json;
import dev.simclr.contracts.MetricDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Grafana dashboard iterates over the exported metric names instead of naming metrics. */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "deploy", "base", "grafana", "simclr-pipeline.json");

    @Test
    void evaluationPanelRepeatsOverTheMetricLabel() throws Exception {
        JsonNode d = Json.mapper().readTree(Files.readString(DASHBOARD));
        List<String> exprs = new ArrayList<>();
        d.path("panels")
                .forEach(p ->
                        p.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        assertThat(exprs).contains("simclr_evaluator_metric{namespace=\"$namespace\", metric=~\"$metric\"}");
        for (MetricDescription m : EvaluatorService.METRICS.descriptions()) {
            assertThat(exprs).as("no panel names metric %s", m.name()).noneMatch(e -> e.contains(m.name()));
        }
        JsonNode panel = null;
        for (JsonNode p : d.path("panels")) {
            if (p.path("targets").toString().contains("simclr_evaluator_metric")) {
                panel = p;
            }
        }
        assertThat(panel.path("repeat").asText()).isEqualTo("metric");
        assertThat(d.path("templating").path("list").findValuesAsText("name")).contains("metric");
    }
}
