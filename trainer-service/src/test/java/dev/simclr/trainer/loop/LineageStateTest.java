package dev.simclr.trainer.loop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.EncodedViewPair;
import dev.simclr.contracts.OffsetRanges;
import dev.simclr.contracts.TrainedPosition;
import dev.simclr.contracts.ViewPair;
import dev.simclr.trainer.checkpoint.Lineage;
import dev.simclr.trainer.input.PairBatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageStateTest {

    private static EncodedViewPair pair(int epoch) {
        return EncodedViewPair.of(new ViewPair("i" + epoch, epoch, 1, 2, 2, 1, new byte[4], new byte[4]));
    }

    @Test
    void countsSamplesExactlyAndAveragesTheLossPerCheckpointWindow() {
        LineageState s = LineageState.fresh(Map.of(0, 5L), 0);
        s.apply(
                new PairBatch(1, List.of(pair(0), pair(1), pair(0)), TrainedPosition.of(Map.of(0, 9L)), 1, 2, false),
                4.0f);
        s.apply(new PairBatch(2, List.of(pair(2), pair(2)), TrainedPosition.of(Map.of(0, 12L)), 0, 0, true), 2.0f);
        Lineage l = s.snapshot();
        assertThat(l).isEqualTo(new Lineage(2, 2, 5, Map.of(0, 12L), 1, 2, 1, 3.0));
        s.checkpointed(l);
        assertThat(s.snapshot().loss())
                .as("no step since the checkpoint: its loss")
                .isEqualTo(3.0);
        s.apply(new PairBatch(3, List.of(pair(0), pair(0)), TrainedPosition.of(Map.of(0, 14L)), 0, 0, false), 1.0f);
        assertThat(s.snapshot().loss()).isEqualTo(1.0);
        assertThat(s.snapshot().epoch()).as("epochs never go back").isEqualTo(2);
    }

    @Test
    void withADatasetSizeTheEpochIsSamplesOverDatasetSize() {
        LineageState s = LineageState.resumed(new Lineage(10, 0, 40, Map.of(0, 40L), 0, 0, 0, 1.5), 30);
        s.apply(new PairBatch(1, List.of(pair(7), pair(7)), TrainedPosition.of(Map.of(0, 42L)), 0, 0, false), 1.0f);
        assertThat(s.snapshot().epoch()).isEqualTo(1);
        assertThat(s.snapshot().samplesSeen()).isEqualTo(42);
        assertThat(s.step()).isEqualTo(11);
    }

    @Test
    void theWatermarksAndTheRangesAboveThemComeFromTheLastTrainedBatch() {
        LineageState s = LineageState.resumed(
                new Lineage(
                        4,
                        0,
                        8,
                        Map.of(0, 10L),
                        0,
                        0,
                        0,
                        1.0,
                        Map.of(0, OffsetRanges.builder().add(12, 14).build())),
                0);
        assertThat(s.snapshot().trainedAbove())
                .as("carried until a batch is trained")
                .containsEntry(0, OffsetRanges.builder().add(12, 14).build());
        TrainedPosition after = new TrainedPosition(
                Map.of(0, 11L), Map.of(0, OffsetRanges.builder().add(13, 20).build()));
        s.apply(new PairBatch(1, List.of(pair(0), pair(0)), after, 0, 0, false), 1.0f);
        assertThat(s.offsets()).as("what the monitoring commit publishes").isEqualTo(Map.of(0, 11L));
        assertThat(s.snapshot().position()).isEqualTo(after);
    }
}
