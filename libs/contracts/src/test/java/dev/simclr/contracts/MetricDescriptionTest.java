package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.MetricDescription.Direction;
import dev.simclr.contracts.MetricDescription.Unit;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetricDescriptionTest {

    static MetricDescription accuracy() {
        return MetricDescription.builder()
                .setName("linear_top1")
                .setLabel("linear top-1")
                .setDescription("Linear-probe top-1 accuracy.")
                .setUnit(Unit.FRACTION)
                .setDirection(Direction.HIGHER)
                .optGroup("top-1 accuracy")
                .optNeedsLabels(true)
                .build();
    }

    static MetricDescription uniformity() {
        return MetricDescription.builder()
                .setName("uniformity")
                .setLabel("uniformity")
                .setDescription("How evenly images spread.")
                .setUnit(Unit.NUMBER)
                .setDirection(Direction.LOWER)
                .build();
    }

    static final String JSON = "{\"name\":\"linear_top1\",\"label\":\"linear top-1\","
            + "\"description\":\"Linear-probe top-1 accuracy.\",\"group\":\"top-1 accuracy\","
            + "\"unit\":\"fraction\",\"decimals\":1,\"direction\":\"higher\",\"needsLabels\":true}";

    @Test
    void roundTripsAndHasDefaults() {
        assertThat(accuracy().toJson()).isEqualTo(JSON);
        assertThat(MetricDescription.fromJson(JSON)).isEqualTo(accuracy());
        MetricDescription u = uniformity();
        assertThat(u.group()).as("a chart of its own").isEqualTo("uniformity");
        assertThat(u.decimals()).isEqualTo(3);
        assertThat(u.needsLabels()).isFalse();
        String list = MetricDescription.listToJson(List.of(accuracy(), u));
        assertThat(list).startsWith("{\"metrics\":[" + JSON + ",");
        assertThat(MetricDescription.listFromJson(list.getBytes(StandardCharsets.UTF_8)))
                .containsExactly(accuracy(), u);
    }

    @Test
    void summaryLabelIsOptionalAndRoundTrips() {
        assertThat(accuracy().inSummary()).isFalse();
        MetricDescription knn = MetricDescription.builder()
                .setName("knn_top1")
                .setLabel("kNN top-1")
                .setDescription("kNN.")
                .setUnit(Unit.FRACTION)
                .setDirection(Direction.HIGHER)
                .optSummaryLabel("kNN")
                .build();
        assertThat(knn.inSummary()).isTrue();
        assertThat(knn.toJson()).endsWith(",\"needsLabels\":false,\"summaryLabel\":\"kNN\"}");
        assertThat(MetricDescription.fromJson(knn.toJson())).isEqualTo(knn);
        assertThatThrownBy(() -> MetricDescription.builder()
                        .setName("x")
                        .setLabel("x")
                        .setDescription("x")
                        .setUnit(Unit.NUMBER)
                        .setDirection(Direction.LOWER)
                        .optSummaryLabel("")
                        .build())
                .isInstanceOf(ContractException.class)
                .hasMessageContaining("summaryLabel");
    }

    @Test
    void formatsAndRanksByUnitAndDirection() {
        assertThat(accuracy().format(0.84123)).isEqualTo("84.1%");
        assertThat(uniformity().format(-2.88114)).isEqualTo("-2.881");
        MetricDescription wide = MetricDescription.builder()
                .setName("x")
                .setLabel("x")
                .setDescription("x")
                .setUnit(Unit.FRACTION)
                .setDirection(Direction.HIGHER)
                .optDecimals(0)
                .build();
        assertThat(wide.format(0.996)).isEqualTo("100%");
        assertThat(accuracy().better(0.9, 0.8)).isTrue();
        assertThat(accuracy().better(0.8, 0.8)).isFalse();
        assertThat(uniformity().better(-3, -2)).isTrue();
        assertThat(uniformity().better(-2, -3)).isFalse();
    }

    @Test
    void aListNamesEachMetricOnce() {
        String twice = MetricDescription.listToJson(List.of(accuracy(), accuracy()));
        assertThatThrownBy(() -> MetricDescription.listFromJson(twice.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ContractException.class)
                .hasMessage("metric description: metric 'linear_top1' is described twice");
        assertThatThrownBy(() -> MetricDescription.listFromJson("{\"metrics\":[1]}".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("metric description: metrics[0] must be an object, got 1");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "name        | \"Top1\"     | name must be 1..64 characters of [a-z0-9_] starting with a letter, got 'Top1'",
                "name        | \"1x\"       | name must be 1..64 characters of [a-z0-9_] starting with a letter, got '1x'",
                "unit        | \"percent\"  | unit must be one of fraction, number, got 'percent'",
                "direction   | \"up\"       | direction must be one of higher, lower, got 'up'",
                "decimals    | 11           | decimals must be in [0, 10], got 11",
                "label       | \"\"         | label must not be empty",
                "description | \" \"        | description must be 1..512 characters, got ' '",
                "needsLabels | 1            | needsLabels must be a boolean, got 1",
            })
    void invalidFieldsAreRejectedWithAReason(String field, String rawValue, String reason) {
        assertThatThrownBy(() -> MetricDescription.fromJson(JsonEdit.with(JSON, field, rawValue)))
                .isInstanceOf(ContractException.class)
                .hasMessage("metric description: " + reason);
    }

    @Test
    void legacyFieldsReadLeniently() throws Exception {
        JsonNode old = Json.mapper().readTree("{\"linearTop1\":0.5,\"knnTop1\":0.25,\"featureDim\":3}");
        assertThat(LegacyMetrics.read(old))
                .containsExactly(java.util.Map.entry("linear_top1", 0.5), java.util.Map.entry("knn_top1", 0.25));
        JsonNode both = Json.mapper()
                .readTree(
                        "{\"linearTop1\":0.5,\"knnTop1\":0.25,\"metrics\":{\"knn_top1\":0.25,\"extra\":2,\"bad\":\"x\"}}");
        assertThat(LegacyMetrics.read(both).keySet()).containsExactly("knn_top1", "extra", "linear_top1");
        assertThat(LegacyMetrics.read(null)).isEmpty();
    }
}
