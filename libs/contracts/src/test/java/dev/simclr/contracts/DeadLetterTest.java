package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.DeadLetter.Reason;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DeadLetterTest {

    @Test
    void headerNamesAreTheAgreedOnes() {
        assertThat(DeadLetter.REASON).isEqualTo("dlq.reason");
        assertThat(DeadLetter.REASON_CODE).isEqualTo("dlq.reason.code");
        assertThat(DeadLetter.EXCEPTION_CLASS).isEqualTo("dlq.exception.class");
        assertThat(DeadLetter.SOURCE_TOPIC).isEqualTo("dlq.source.topic");
        assertThat(DeadLetter.SOURCE_PARTITION).isEqualTo("dlq.source.partition");
        assertThat(DeadLetter.SOURCE_OFFSET).isEqualTo("dlq.source.offset");
        assertThat(DeadLetter.FAILED_AT).isEqualTo("dlq.failed.at");
    }

    @Test
    void reasonCodesAreStable() {
        assertThat(Arrays.stream(Reason.values()).map(Reason::code))
                .containsExactly(
                        "unparseable",
                        "unsupported-uri",
                        "refused-uri",
                        "not-found",
                        "fetch-failed",
                        "too-large",
                        "undecodable",
                        "timeout",
                        "bad-view",
                        "wrong-shape",
                        "bad-checkpoint",
                        "internal");
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void codesRoundTripAndAreLowerKebab(Reason reason) {
        assertThat(reason.code())
                .matches("[a-z]+(-[a-z]+)*")
                .isEqualTo(reason.name().toLowerCase().replace('_', '-'));
        assertThat(Reason.fromCode(reason.code())).isSameAs(reason);
    }

    @Test
    void unknownCodeIsAContractError() {
        assertThatThrownBy(() -> Reason.fromCode("UNPARSEABLE"))
                .isInstanceOf(ContractException.class)
                .hasMessage("dead letter: unknown reason code 'UNPARSEABLE'");
        assertThatThrownBy(() -> Reason.fromCode(null)).hasMessage("dead letter: unknown reason code null");
    }

    @Test
    void headersAreOrderedAndComplete() {
        Instant at = Instant.parse("2025-03-01T10:15:30.123Z");
        Map<String, String> h = DeadLetter.headers(
                Reason.UNPARSEABLE,
                "image ref: 'uri' is required",
                new ContractException("x"),
                Topics.IMAGES,
                3,
                42L,
                at);
        assertThat(h)
                .containsExactly(
                        Map.entry("dlq.reason", "image ref: 'uri' is required"),
                        Map.entry("dlq.reason.code", "unparseable"),
                        Map.entry("dlq.exception.class", "dev.simclr.contracts.ContractException"),
                        Map.entry("dlq.source.topic", "simclr.images"),
                        Map.entry("dlq.source.partition", "3"),
                        Map.entry("dlq.source.offset", "42"),
                        Map.entry("dlq.failed.at", "2025-03-01T10:15:30.123Z"));
        Map<String, String> noException = DeadLetter.headers(Reason.TIMEOUT, null, null, Topics.IMAGES, 0, 0L, at);
        assertThat(noException)
                .doesNotContainKey(DeadLetter.EXCEPTION_CLASS)
                .containsEntry(DeadLetter.REASON, "timeout");
    }

    @Test
    void oneLineFlattensAndCuts() {
        assertThat(DeadLetter.oneLine("fetch failed:\n  java.io.IOException\tboom\r\n"))
                .isEqualTo("fetch failed: java.io.IOException boom");
        assertThat(DeadLetter.oneLine(null)).isEmpty();
        assertThat(DeadLetter.oneLine("x".repeat(5000))).hasSize(DeadLetter.MAX_REASON_CHARS);
        String emoji = "a".repeat(DeadLetter.MAX_REASON_CHARS - 1) + "\uD83D\uDE00";
        assertThat(DeadLetter.oneLine(emoji)).isEqualTo("a".repeat(DeadLetter.MAX_REASON_CHARS - 1));
    }
}
