package dev.simclr.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OffsetRangesTest {

    @Test
    void mergesAdjacentRangesAndAnswersMembership() {
        OffsetRanges r = OffsetRanges.builder()
                .add(10, 12)
                .add(13, 13)
                .add(15, 20)
                .add(30, 29)
                .add(40, 40)
                .build();
        assertThat(r.rangeCount()).isEqualTo(3);
        assertThat(r.first()).isEqualTo(10);
        assertThat(r.last()).isEqualTo(40);
        assertThat(r.contains(9)).isFalse();
        assertThat(r.contains(10)).isTrue();
        assertThat(r.contains(13)).isTrue();
        assertThat(r.contains(14)).isFalse();
        assertThat(r.contains(20)).isTrue();
        assertThat(r.contains(21)).isFalse();
        assertThat(r.contains(40)).isTrue();
        assertThat(r.contains(41)).isFalse();
        assertThat(r.atOrAbove(17))
                .isEqualTo(OffsetRanges.builder().add(17, 20).add(40, 40).build());
        assertThat(r.atOrAbove(41)).isEqualTo(OffsetRanges.EMPTY);
        assertThatThrownBy(() -> OffsetRanges.builder().add(5, 8).add(8, 9)).hasMessageContaining("increasing order");
    }

    @Test
    void encodesRelativeToTheWatermarkAndReadsItBack() {
        OffsetRanges r =
                OffsetRanges.builder().add(102, 105).add(107, 107).add(109, 140).build();
        assertThat(r.encode(100)).isEqualTo("2-5,7,9-40");
        assertThat(OffsetRanges.decode("2-5,7,9-40", 100)).isEqualTo(r);
        assertThat(OffsetRanges.decode("", 100)).isEqualTo(OffsetRanges.EMPTY);
        assertThat(OffsetRanges.EMPTY.encode(5)).isEmpty();
        assertThatThrownBy(() -> r.encode(103)).hasMessageContaining("below the base");
        assertThatThrownBy(() -> OffsetRanges.decode("5-2", 0)).hasMessageContaining("bad range '5-2'");
        assertThatThrownBy(() -> OffsetRanges.decode("1,x", 0)).hasMessageContaining("bad range 'x'");
        assertThatThrownBy(() -> OffsetRanges.decode("4,2", 0)).hasMessageContaining("increasing order");
    }

    @Test
    void aTrainedPositionCoversItsWatermarkPrefixAndItsRanges() {
        TrainedPosition p = new TrainedPosition(
                Map.of(0, 10L, 1, 0L),
                Map.of(0, OffsetRanges.builder().add(12, 13).build(), 1, OffsetRanges.EMPTY));
        assertThat(p.covers(0, 9)).isTrue();
        assertThat(p.covers(0, 10)).isFalse();
        assertThat(p.covers(0, 12)).isTrue();
        assertThat(p.covers(0, 14)).isFalse();
        assertThat(p.covers(1, 0)).isFalse();
        assertThat(p.covers(2, 0)).as("unknown partition").isFalse();
        assertThat(p.trainedAbove()).as("empty sets dropped").containsOnlyKeys(0);
        assertThat(p.toAttribute()).isEqualTo(Map.of("0", "2-3"));
        assertThat(TrainedPosition.fromAttribute(Map.of(0, 10L, 1, 0L), p.toAttribute()))
                .isEqualTo(p);
        assertThat(TrainedPosition.fromAttribute(Map.of(0, 10L), null)).isEqualTo(TrainedPosition.of(Map.of(0, 10L)));
        assertThatThrownBy(() -> new TrainedPosition(
                        Map.of(0, 10L),
                        Map.of(0, OffsetRanges.builder().add(9, 9).build())))
                .hasMessageContaining("below its watermark 10");
        assertThatThrownBy(() -> TrainedPosition.fromAttribute(Map.of(0, 10L), Map.of("1", "0-2")))
                .hasMessageContaining("partition 1 needs an offset");
        assertThatThrownBy(() -> TrainedPosition.fromAttribute(Map.of(0, 10L), "0-2"))
                .hasMessageContaining("must map partitions");
    }
}
