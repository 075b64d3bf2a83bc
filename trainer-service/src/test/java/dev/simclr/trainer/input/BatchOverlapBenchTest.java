package dev.simclr.trainer.input;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A small run of {@link BatchOverlapBench}: the shuffle buffer makes consecutive epochs' batches differ. */
class BatchOverlapBenchTest {

    @Test
    void theShuffleBufferBreaksUpLastEpochsBatchMatesWithinItsBounds() {
        BatchOverlapBench.Result plain = BatchOverlapBench.run(6000, 32, 4, 2, 120, 0, 42);
        BatchOverlapBench.Result shuffled = BatchOverlapBench.run(6000, 32, 4, 2, 120, 16 * 32, 42);
        assertThat(plain.repeatShare()[0])
                .as("consumption order: mostly last epoch's batch-mates")
                .isGreaterThan(0.5);
        assertThat(shuffled.repeatShare()[0]).as("shuffled").isLessThan(0.1);
        assertThat(plain.maxRanges())
                .as("nothing above the watermarks without a buffer")
                .isZero();
        assertThat(plain.maxLag()).isZero();
        assertThat(shuffled.maxRanges()).isPositive().isLessThanOrEqualTo(16 * 32 + 4);
        assertThat(shuffled.maxLag())
                .as("watermarks trail by at most the buffer's max age")
                .isLessThanOrEqualTo((long) ShuffleBuffer.MAX_AGE_FACTOR * 16 * 32 + 4);
    }
}
