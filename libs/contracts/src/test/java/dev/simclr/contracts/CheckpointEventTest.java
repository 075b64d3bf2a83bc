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

class CheckpointEventTest {

    static final String SHA = "3f5a0c4e9b1d2a7f6e8c0b4d2a1f9e7c5b3a1d0f8e6c4b2a0f1e3d5c7b9a1f3e";

    static final CheckpointEvent EVENT = new CheckpointEvent(
            "fmnist-r18-1",
            1000,
            2,
            128_000,
            4.8123456789,
            "s3://simclr/fmnist-r18-1/step-1000/",
            SHA,
            Instant.parse("2025-01-31T12:00:00.123456789Z"));

    static final String JSON = "{\"runId\":\"fmnist-r18-1\",\"step\":1000,\"epoch\":2,"
            + "\"samplesSeen\":128000,\"loss\":4.8123456789,"
            + "\"checkpointUri\":\"s3://simclr/fmnist-r18-1/step-1000/\","
            + "\"manifestSha256\":\"" + SHA + "\",\"createdAt\":\"2025-01-31T12:00:00.123456789Z\"}";

    @Test
    void writesTheDocumentedJson() {
        assertThat(EVENT.toJson()).isEqualTo(JSON);
        assertThat(CheckpointEvent.fromJson(JSON)).isEqualTo(EVENT);
        assertThat(CheckpointEvent.fromJson(JSON.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(EVENT);
    }

    @Test
    void toleratesUnknownFieldsAndOffsets() {
        String json = JsonEdit.with(
                JsonEdit.with(JSON, "future", "{\"x\":[1]}"), "createdAt", "\"2025-01-31T13:00:00.123456789+01:00\"");
        assertThat(CheckpointEvent.fromJson(json)).isEqualTo(EVENT);
    }

    @Test
    void randomEventsRoundTripExactly() {
        Random rnd = new Random(7);
        double[] special = {0.0, -0.0, Double.MIN_VALUE, 1e-300, Double.MAX_VALUE, -1.5e10};
        for (int i = 0; i < 1_000; i++) {
            double loss = i < special.length ? special[i] : rnd.nextGaussian() * Math.pow(10, rnd.nextInt(20) - 10);
            Instant at = Instant.ofEpochSecond(rnd.nextInt(Integer.MAX_VALUE), rnd.nextInt(1_000_000_000));
            CheckpointEvent e = new CheckpointEvent(
                    "run-" + rnd.nextInt(1000),
                    rnd.nextLong() >>> 1,
                    rnd.nextInt(1000),
                    rnd.nextLong() >>> 1,
                    loss,
                    "s3://b/r/step-" + i + "/",
                    SHA,
                    at);
            assertThat(CheckpointEvent.fromJson(e.toJson())).isEqualTo(e);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"runId", "step", "epoch", "samplesSeen", "loss", "checkpointUri", "manifestSha256", "createdAt"})
    void missingFieldsAreNamed(String field) {
        assertThatThrownBy(() -> CheckpointEvent.fromJson(JsonEdit.without(JSON, field)))
                .isInstanceOf(ContractException.class)
                .hasMessage("checkpoint event: '" + field + "' is required");
        assertThatThrownBy(() -> CheckpointEvent.fromJson(JsonEdit.with(JSON, field, "null")))
                .hasMessage("checkpoint event: '" + field + "' is required");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "step          | -1                  | step must be >= 0, got -1",
                "step          | 1.5                 | step must be an integer, got 1.5",
                "step          | \"7\"               | step must be an integer, got \"7\"",
                "step          | 99999999999999999999 | step must be an integer, got 99999999999999999999",
                "epoch         | -2                  | epoch must be >= 0, got -2",
                "samplesSeen   | -3                  | samplesSeen must be >= 0, got -3",
                "loss          | \"NaN\"             | loss must be a number, got \"NaN\"",
                "runId         | \"a b\"             | runId must be 1..128 characters of [A-Za-z0-9._-] starting with a letter or digit, got 'a b'",
                "runId         | \".hidden\"         | runId must be 1..128 characters",
                "runId         | 12                  | runId must be a string, got 12",
                "checkpointUri | \"step-1000/\"      | checkpointUri has no scheme: 'step-1000/'",
                "manifestSha256 | \"ABC\"            | manifestSha256 must be 64 lower-case hex characters, got 'ABC'",
                "createdAt     | \"yesterday\"       | createdAt must be an ISO-8601 instant such as 2025-01-31T12:00:00Z, got 'yesterday'",
                "createdAt     | \"2025-01-31T12:00:00\" | createdAt must be an ISO-8601 instant",
                "createdAt     | 1738324800          | createdAt must be a string, got 1738324800",
            })
    void invalidFieldsAreRejectedWithAReason(String field, String rawValue, String reason) {
        assertThatThrownBy(() -> CheckpointEvent.fromJson(JsonEdit.with(JSON, field, rawValue)))
                .isInstanceOf(ContractException.class)
                .hasMessageStartingWith("checkpoint event: " + reason);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "``                  | checkpoint event: value is empty",
                "[1,2]               | checkpoint event: JSON value must be an object, got array",
                "{\"runId\":         | checkpoint event: not valid JSON: ",
                "{\"loss\":NaN}      | checkpoint event: not valid JSON: ",
            })
    void nonObjectsAreRejected(String json, String reason) {
        assertThatThrownBy(() -> CheckpointEvent.fromJson(json))
                .isInstanceOf(ContractException.class)
                .hasMessageStartingWith(reason);
    }

    @Test
    void overflowingNumbersAreNotFinite() {
        String json = JSON.replace("\"loss\":4.8123456789", "\"loss\":-1e400");
        assertThat(json).contains("-1e400");
        assertThatThrownBy(() -> CheckpointEvent.fromJson(json))
                .hasMessage("checkpoint event: loss must be a finite number, got -Infinity");
    }

    @Test
    void constructorRejectsNonFiniteLoss() {
        assertThatThrownBy(() -> new CheckpointEvent("r", 0, 0, 0, Double.NaN, "s3://b/r/", SHA, Instant.EPOCH))
                .hasMessage("checkpoint event: loss must be a finite number, got NaN");
        assertThatThrownBy(() -> CheckpointEvent.fromJson((byte[]) null))
                .hasMessage("checkpoint event: 'value' is required");
    }
}
