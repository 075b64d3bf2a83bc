package dev.simclr.augment.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.decode.DecodeException;
import dev.simclr.augment.fetch.FetchException;
import dev.simclr.contracts.DeadLetter.Reason;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void fetchKindsMapToReasonsAndUnavailableIsRetried() {
        assertThat(Failures.reasonOf(FetchException.Kind.REFUSED)).isEqualTo(Reason.REFUSED_URI);
        assertThat(Failures.reasonOf(FetchException.Kind.UNSUPPORTED_SCHEME)).isEqualTo(Reason.UNSUPPORTED_URI);
        assertThat(Failures.reasonOf(FetchException.Kind.NOT_FOUND)).isEqualTo(Reason.NOT_FOUND);
        assertThat(Failures.reasonOf(FetchException.Kind.TOO_LARGE)).isEqualTo(Reason.TOO_LARGE);
        assertThat(Failures.reasonOf(FetchException.Kind.TIMEOUT)).isEqualTo(Reason.TIMEOUT);
        assertThat(Failures.reasonOf(FetchException.Kind.FAILED)).isEqualTo(Reason.FETCH_FAILED);
        assertThat(Failures.reasonOf(FetchException.Kind.UNAVAILABLE)).isNull();
    }

    @Test
    void decodeKindsMapToReasons() {
        for (DecodeException.Kind k : new DecodeException.Kind[] {
            DecodeException.Kind.EMPTY,
            DecodeException.Kind.UNSUPPORTED_FORMAT,
            DecodeException.Kind.TRUNCATED,
            DecodeException.Kind.CORRUPT
        }) {
            assertThat(Failures.reasonOf(k)).as(k.name()).isEqualTo(Reason.UNDECODABLE);
        }
        assertThat(Failures.reasonOf(DecodeException.Kind.TOO_LARGE)).isEqualTo(Reason.TOO_LARGE);
        assertThat(Failures.reasonOf(DecodeException.Kind.TIMEOUT)).isEqualTo(Reason.TIMEOUT);
    }
}
