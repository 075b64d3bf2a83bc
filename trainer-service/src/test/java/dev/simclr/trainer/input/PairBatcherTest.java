package dev.simclr.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.EncodedViewPair;
import dev.simclr.trainer.testing.Views;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PairBatcherTest {

    private static final long S = 1_000_000_000L;

    private static EncodedViewPair pair(int i) {
        return EncodedViewPair.of(Views.pair("img-" + i, 8, 1, i));
    }

    @Test
    void sealsFullBatchesWithTheOffsetsTheyComplete() {
        PairBatcher b = new PairBatcher(3, Duration.ofSeconds(5), Map.of(0, 10L, 1, 0L));
        assertThat(b.add(0, 10, pair(1), 0)).isEmpty();
        assertThat(b.add(1, 0, pair(2), 0)).isEmpty();
        PairBatch first = b.add(0, 11, pair(3), 0).orElseThrow();
        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.size()).isEqualTo(3);
        assertThat(first.partial()).isFalse();
        assertThat(first.offsets()).isEqualTo(Map.of(0, 12L, 1, 1L));
        assertThat(first.pairs()).extracting(EncodedViewPair::imageId).containsExactly("img-1", "img-2", "img-3");
        assertThat(first.pairs().get(1).toViewPair()).isEqualTo(pair(2).toViewPair());
        assertThat(first.pairs().get(2).toViewPair().view2())
                .isEqualTo(pair(3).toViewPair().view2());
        assertThat(b.pendingPairs()).isZero();
    }

    @Test
    void deadLetteredAndSkippedRecordsAdvanceOffsetsAndAreCountedInTheNextBatch() {
        PairBatcher b = new PairBatcher(2, Duration.ofSeconds(5), Map.of(0, 0L, 1, 0L));
        b.consumed(0, 0, PairBatcher.Disposal.DEAD_LETTERED);
        b.add(0, 1, pair(1), 0);
        b.consumed(1, 0, PairBatcher.Disposal.SKIPPED_OTHER_RUN);
        b.consumed(1, 1, PairBatcher.Disposal.DEAD_LETTERED);
        PairBatch first = b.add(0, 2, pair(2), 0).orElseThrow();
        assertThat(first.offsets()).isEqualTo(Map.of(0, 3L, 1, 2L));
        assertThat(first.deadLettered()).isEqualTo(2);
        assertThat(first.skippedOtherRun()).isEqualTo(1);
        // records after the seal belong to the next batch, and only to it
        b.consumed(0, 3, PairBatcher.Disposal.DEAD_LETTERED);
        b.add(1, 2, pair(3), 0);
        PairBatch second = b.add(1, 3, pair(4), 0).orElseThrow();
        assertThat(second.offsets()).isEqualTo(Map.of(0, 4L, 1, 4L));
        assertThat(second.deadLettered()).isEqualTo(1);
        assertThat(second.skippedOtherRun()).isZero();
    }

    @Test
    void aPartialBatchIsSealedAfterTheTimeoutOnlyWithAtLeastTwoPairs() {
        PairBatcher b = new PairBatcher(4, Duration.ofSeconds(5), Map.of(0, 0L));
        b.add(0, 0, pair(1), 100 * S);
        assertThat(b.sealIfDue(200 * S)).as("one pair never trains alone").isEmpty();
        b.add(0, 1, pair(2), 201 * S);
        // the clock runs from the batch's first pair
        Optional<PairBatch> sealed = b.sealIfDue(201 * S);
        assertThat(sealed).isPresent();
        assertThat(sealed.get().partial()).isTrue();
        assertThat(sealed.get().size()).isEqualTo(2);
        assertThat(sealed.get().offsets()).isEqualTo(Map.of(0, 2L));

        b.add(0, 2, pair(3), 300 * S);
        b.add(0, 3, pair(4), 301 * S);
        assertThat(b.sealIfDue(304 * S)).as("not yet 5 s since the first pair").isEmpty();
        assertThat(b.sealIfDue(305 * S)).isPresent();
        assertThat(b.sealIfDue(400 * S)).as("nothing pending").isEmpty();
    }

    @Test
    void readingARecordTwiceFailsLoudly() {
        PairBatcher b = new PairBatcher(2, Duration.ofSeconds(1), Map.of(0, 5L));
        assertThatThrownBy(() -> b.add(0, 4, pair(1), 0)).hasMessageContaining("0@4 is before the position 5");
        assertThatThrownBy(() -> new PairBatcher(1, Duration.ZERO, Map.of())).hasMessageContaining(">= 2");
    }
}
