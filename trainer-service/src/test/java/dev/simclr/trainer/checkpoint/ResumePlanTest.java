package dev.simclr.trainer.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.CheckpointManifest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResumePlanTest {

    private static final String T = "simclr.views";

    private static CheckpointManifest manifest(Map<Integer, Long> offsets) {
        return CheckpointManifest.builder()
                .setRunId("r")
                .setStep(7)
                .setEpoch(0)
                .setSamplesSeen(28)
                .setCreatedAt(Instant.EPOCH)
                .optOffsets(Map.of(T, offsets))
                .optOffset("other.topic", 0, 99)
                .build();
    }

    @Test
    void aFreshRunStartsEveryPartitionAtStartFrom() {
        assertThat(ResumePlan.plan(T, List.of(0, 1, 2), Optional.empty(), StartFrom.EARLIEST))
                .containsOnlyKeys(0, 1, 2)
                .allSatisfy((p, t) -> assertThat(t).isEqualTo(new SeekTarget.Beginning()));
        assertThat(ResumePlan.plan(T, List.of(0, 1), Optional.empty(), StartFrom.LATEST))
                .allSatisfy((p, t) -> assertThat(t).isEqualTo(new SeekTarget.End()));
    }

    @Test
    void aResumedRunSeeksToTheManifestOffsetsAndNewPartitionsStartAtTheBeginning() {
        Map<Integer, SeekTarget> plan =
                ResumePlan.plan(T, List.of(0, 1, 2), Optional.of(manifest(Map.of(0, 12L, 1, 0L))), StartFrom.LATEST);
        assertThat(plan)
                .isEqualTo(Map.of(0, new SeekTarget.At(12), 1, new SeekTarget.At(0), 2, new SeekTarget.Beginning()));
    }

    @Test
    void aCheckpointWithPartitionsTheTopicLacksIsRefused() {
        assertThatThrownBy(() ->
                        ResumePlan.plan(T, List.of(0), Optional.of(manifest(Map.of(0, 1L, 3, 5L))), StartFrom.EARLIEST))
                .hasMessageContaining("partition 3, which the topic does not have")
                .hasMessageContaining("re-created");
    }

    @Test
    void startFromParsesWithAReason() {
        assertThat(StartFrom.parse(" Latest ")).isEqualTo(StartFrom.LATEST);
        assertThatThrownBy(() -> StartFrom.parse("newest"))
                .hasMessage("start-from must be earliest or latest, got 'newest'");
    }
}
