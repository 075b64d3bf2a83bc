package dev.simclr.evaluator.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.EvalResult;
import dev.simclr.objectstore.S3Uri;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResultIndexTest {

    private final AtomicLong now = new AtomicLong();
    private final MemoryArtefacts store = new MemoryArtefacts();
    private final ArtefactLayout layout = new ArtefactLayout("simclr");

    private static EvalResult result(String run, long step, double linear) {
        return EvalResult.builder()
                .setRunId(run)
                .setStep(step)
                .setCheckpointUri("s3://simclr/" + run + "/step-" + step + "/")
                .optMetric("linear_top1", linear)
                .optMetric("knn_top1", linear / 2)
                .setEvalSet("fashion-mnist")
                .setOnnxUri("s3://simclr/" + run + "/step-" + step + "/encoder.onnx")
                .setOnnxMaxAbsDiff(1e-6)
                .setFeatureDim(8)
                .setTrainCount(10)
                .setTestCount(5)
                .optTimingsMs(Map.of("total", 1L))
                .setCreatedAt(Instant.EPOCH)
                .build();
    }

    private void stored(EvalResult r) {
        store.put(layout.eval(r.runId(), r.step()), r.toJson().getBytes(StandardCharsets.UTF_8), "application/json");
        store.put(
                layout.embedding(r.runId(), r.step()),
                ("{\"step\":" + r.step() + "}").getBytes(StandardCharsets.UTF_8),
                "application/json");
    }

    @Test
    void listsRunsAndResultsByStepFromTheBucketAndRefreshesWhenStale() {
        stored(result("b", 300, 0.7));
        stored(result("b", 20, 0.5));
        stored(result("a", 5, 0.4));
        store.put(S3Uri.parse("s3://simclr/b/step-20/manifest.json"), new byte[] {1}, "application/json");
        store.put(layout.eval("broken", 1), "{not json".getBytes(StandardCharsets.UTF_8), "application/json");
        ResultIndex index = new ResultIndex(store, layout, Duration.ofSeconds(10), now::get);
        index.seen("c");

        assertThat(index.runs())
                .containsExactly(
                        new ResultIndex.RunSummary("a", 1, 5L),
                        new ResultIndex.RunSummary("b", 2, 300L),
                        new ResultIndex.RunSummary("c", 0, null));
        assertThat(index.results("b")).extracting(EvalResult::step).containsExactly(20L, 300L);
        assertThat(new String(index.latestEmbedding("b").orElseThrow(), StandardCharsets.UTF_8))
                .isEqualTo("{\"step\":300}");
        assertThat(index.latestEmbedding("c")).isEmpty();
        assertThat(index.known("c")).isTrue();
        assertThat(index.known("zzz")).isFalse();

        stored(result("a", 6, 0.45));
        assertThat(index.results("a")).as("not yet refreshed").hasSize(1);
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(index.results("a")).extracting(EvalResult::step).containsExactly(5L, 6L);

        index.add(result("a", 7, 0.5));
        assertThat(index.results("a")).hasSize(3);
    }

    @Test
    void referenceIsReadFromTheRunPrefix() {
        ResultIndex index = new ResultIndex(store, layout, Duration.ofSeconds(10), now::get);
        assertThat(index.reference("a")).isEmpty();
        store.put(layout.reference("a"), "{\"entries\":[]}".getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(index.reference("a")).isPresent();
    }
}
