package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrainingProgressTest {

    static TrainingProgressBuilder sample() {
        return TrainingProgress.builder()
                .setRunId("fmnist-r18-1")
                .setStep(1210)
                .setEpoch(2)
                .setSamplesSeen(154880)
                .setLoss(4.8123456789)
                .setLr(0.29871)
                .setViewsPerSecond(212.4)
                .optQueueDepth(3)
                .optPaused(false)
                .setTotalSteps(23400)
                .optEtaSeconds(52260.5)
                .setCreatedAt(Instant.parse("2025-01-31T12:00:05.250Z"));
    }

    static final String JSON = "{\"runId\":\"fmnist-r18-1\",\"step\":1210,\"epoch\":2,"
            + "\"samplesSeen\":154880,\"loss\":4.8123456789,\"lr\":0.29871,\"viewsPerSecond\":212.4,"
            + "\"queueDepth\":3,\"paused\":false,\"totalSteps\":23400,\"etaSeconds\":52260.5,"
            + "\"createdAt\":\"2025-01-31T12:00:05.250Z\"}";

    @Test
    void writesTheDocumentedJson() {
        TrainingProgress p = sample().build();
        assertThat(p.toJson()).isEqualTo(JSON);
        assertThat(TrainingProgress.fromJson(JSON)).isEqualTo(p);
        assertThat(TrainingProgress.fromJson(JSON.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(p);
    }

    @Test
    void anUnknownEtaIsOmittedAndUnknownFieldsAreIgnored() {
        TrainingProgress p = sample().optEtaSeconds(Double.NaN).optPaused(true).build();
        assertThat(p.etaSeconds()).isNull();
        assertThat(p.toJson()).doesNotContain("etaSeconds").contains("\"paused\":true");
        assertThat(TrainingProgress.fromJson(JsonEdit.with(p.toJson(), "gpu", "{\"util\":0.9}")))
                .isEqualTo(p);
        assertThat(TrainingProgress.fromJson(JsonEdit.with(p.toJson(), "etaSeconds", "null")))
                .isEqualTo(p);
        assertThat(sample().optEtaSeconds(null).build().etaSeconds()).isNull();
    }

    @Test
    void queueDepthAndPausedDefaultToIdle() {
        TrainingProgress p = TrainingProgress.builder()
                .setRunId("r")
                .setStep(0)
                .setEpoch(0)
                .setSamplesSeen(0)
                .setLoss(0)
                .setLr(0)
                .setViewsPerSecond(0)
                .setTotalSteps(1)
                .setCreatedAt(Instant.EPOCH)
                .build();
        assertThat(p.queueDepth()).isZero();
        assertThat(p.paused()).isFalse();
    }

    @Test
    void randomRecordsRoundTripExactly() {
        Random rnd = new Random(11);
        for (int i = 0; i < 1_000; i++) {
            TrainingProgress p = new TrainingProgress(
                    "run-" + rnd.nextInt(100),
                    rnd.nextLong() >>> 1,
                    rnd.nextInt(500),
                    rnd.nextLong() >>> 1,
                    rnd.nextGaussian() * 10,
                    rnd.nextDouble(),
                    rnd.nextDouble() * 1e4,
                    rnd.nextInt(1025),
                    rnd.nextBoolean(),
                    1 + (rnd.nextLong() >>> 2),
                    rnd.nextBoolean() ? null : rnd.nextDouble() * 1e6,
                    Instant.ofEpochSecond(rnd.nextInt(Integer.MAX_VALUE), rnd.nextInt(1_000_000_000)));
            assertThat(TrainingProgress.fromJson(p.toJson())).isEqualTo(p);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "runId",
                "step",
                "epoch",
                "samplesSeen",
                "loss",
                "lr",
                "viewsPerSecond",
                "queueDepth",
                "paused",
                "totalSteps",
                "createdAt"
            })
    void missingFieldsAreNamed(String field) {
        assertThatThrownBy(() -> TrainingProgress.fromJson(JsonEdit.without(JSON, field)))
                .isInstanceOf(ContractException.class)
                .hasMessage("training progress: '" + field + "' is required");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "step           | -1          | step must be >= 0, got -1",
                "step           | 2.5         | step must be an integer, got 2.5",
                "epoch          | -1          | epoch must be >= 0, got -1",
                "samplesSeen    | -5          | samplesSeen must be >= 0, got -5",
                "loss           | \"4.2\"     | loss must be a number, got \"4.2\"",
                "lr             | -0.1        | lr must be >= 0, got -0.1",
                "viewsPerSecond | -3.0        | viewsPerSecond must be >= 0, got -3.0",
                "queueDepth     | -1          | queueDepth must be >= 0, got -1",
                "queueDepth     | 3000000000  | queueDepth must be a 32-bit integer, got 3000000000",
                "paused         | \"no\"      | paused must be a boolean, got \"no\"",
                "paused         | 0           | paused must be a boolean, got 0",
                "totalSteps     | 0           | totalSteps must be >= 1, got 0",
                "etaSeconds     | -2.0        | etaSeconds must be >= 0, got -2.0",
                "etaSeconds     | \"soon\"    | etaSeconds must be a number, got \"soon\"",
                "runId          | \"a/b\"     | runId must be 1..128 characters",
                "createdAt      | \"now\"     | createdAt must be an ISO-8601 instant such as 2025-01-31T12:00:00Z, got 'now'",
            })
    void invalidFieldsAreRejectedWithAReason(String field, String rawValue, String reason) {
        assertThatThrownBy(() -> TrainingProgress.fromJson(JsonEdit.with(JSON, field, rawValue)))
                .isInstanceOf(ContractException.class)
                .hasMessageStartingWith("training progress: " + reason);
    }

    @Test
    void nonObjectsAndNonFiniteValuesAreRejected() {
        assertThatThrownBy(() -> TrainingProgress.fromJson("[]"))
                .hasMessage("training progress: JSON value must be an object, got array");
        assertThatThrownBy(() -> TrainingProgress.fromJson("{\"step\":"))
                .hasMessageStartingWith("training progress: not valid JSON: ");
        assertThatThrownBy(() -> TrainingProgress.fromJson(JSON.replace("4.8123456789", "1e999")))
                .hasMessage("training progress: loss must be a finite number, got Infinity");
        assertThatThrownBy(() -> sample().setLoss(Double.NaN).build())
                .hasMessage("training progress: loss must be a finite number, got NaN");
        assertThatThrownBy(() ->
                        sample().setViewsPerSecond(Double.POSITIVE_INFINITY).build())
                .hasMessage("training progress: viewsPerSecond must be a finite number, got Infinity");
    }

    @Test
    void theBuilderNamesTheFirstMissingValue() {
        assertThatThrownBy(() -> TrainingProgress.builder().setRunId("r").build())
                .isInstanceOf(ContractException.class)
                .hasMessage("training progress: 'step' is required");
        assertThatThrownBy(() -> sample().setRunId(null).build()).hasMessage("training progress: 'runId' is required");
    }
}
