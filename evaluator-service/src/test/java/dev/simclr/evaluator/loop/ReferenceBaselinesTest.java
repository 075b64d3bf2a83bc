package dev.simclr.evaluator.loop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReferenceBaselinesTest {

    @Test
    void servedBaselinesCarryNamedMetricsAlsoWhenWrittenBeforeThem() {
        String old = "{\"runId\":\"r\",\"entries\":[{\"evalSet\":\"fashion-mnist\","
                + "\"rawPixels\":{\"linearTop1\":0.8,\"knnTop1\":0.75,\"featureDim\":784},"
                + "\"randomInit\":{\"linearTop1\":0.5,\"knnTop1\":0.25,\"metrics\":{\"linear_top1\":0.5,\"knn_top1\":0.25,"
                + "\"class0_share\":0.1},\"seed\":0}}]}";
        JsonNode entry = Jsons.parse(ReferenceBaselines.withNamedMetrics(old.getBytes(StandardCharsets.UTF_8)), "ref")
                .path("entries")
                .get(0);
        assertThat(entry.path("rawPixels").path("metrics").toString())
                .isEqualTo("{\"linear_top1\":0.8,\"knn_top1\":0.75}");
        assertThat(entry.path("rawPixels").path("featureDim").asInt()).isEqualTo(784);
        assertThat(entry.path("randomInit").path("metrics").toString())
                .isEqualTo("{\"linear_top1\":0.5,\"knn_top1\":0.25,\"class0_share\":0.1}");
    }
}
