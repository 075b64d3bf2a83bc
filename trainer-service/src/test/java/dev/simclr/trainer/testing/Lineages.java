package dev.simclr.trainer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Checks on a run's checkpoint lineage in S3 against the records that were produced. */
public final class Lineages {

    private Lineages() {}

    /** The verified manifests of steps 0..{@code lastStep} (each must verify). */
    public static List<CheckpointManifest> manifests(ObjectStore store, String bucket, String runId, long lastStep) {
        CheckpointSets sets = new CheckpointSets(store);
        S3Uri run = new S3Uri(bucket, runId + "/");
        List<CheckpointManifest> out = new ArrayList<>();
        for (long step = 0; step <= lastStep; step++) {
            out.add(sets.read(CheckpointSets.setPrefix(run, step)).manifest());
        }
        return out;
    }

    /** The verified manifests of the given steps (each must verify). */
    public static List<CheckpointManifest> manifests(ObjectStore store, String bucket, String runId, List<Long> steps) {
        CheckpointSets sets = new CheckpointSets(store);
        S3Uri run = new S3Uri(bucket, runId + "/");
        return steps.stream().map(step -> sets.read(CheckpointSets.setPrefix(run, step)).manifest()).toList();
    }

    /**
     * Asserts that consecutive manifests partition the produced pairs exactly: manifest k covers, per
     * partition, the records in [offsets of k-1, offsets of k), and their number is the samples it
     * added ({@code pairsPerInterval}: the batch size times the steps between two manifests); every
     * produced record falls in exactly one interval; the last offsets are just past the last record of
     * each partition.
     */
    public static void assertExactlyOnce(List<CheckpointManifest> manifests, String topic,
            List<RecordMetadata> produced, int pairsPerInterval) {
        int batchSize = pairsPerInterval;
        for (int k = 1; k < manifests.size(); k++) {
            Map<Integer, Long> from = manifests.get(k - 1).offsets().get(topic);
            Map<Integer, Long> to = manifests.get(k).offsets().get(topic);
            long inStep = produced.stream().filter(m -> m.offset() >= from.getOrDefault(m.partition(), 0L)
                    && m.offset() < to.get(m.partition())).count();
            long samples = manifests.get(k).samplesSeen() - manifests.get(k - 1).samplesSeen();
            assertThat(inStep).as("records covered by step %d", k).isEqualTo(samples).isEqualTo(batchSize);
        }
        CheckpointManifest last = manifests.get(manifests.size() - 1);
        assertThat(last.samplesSeen()).isEqualTo((long) produced.size())
                .isEqualTo((long) (manifests.size() - 1) * batchSize);
        produced.stream().collect(java.util.stream.Collectors.groupingBy(RecordMetadata::partition,
                java.util.stream.Collectors.summarizingLong(RecordMetadata::offset))).forEach((p, stats) ->
                assertThat(last.offsets().get(topic).get(p)).as("next offset of partition %d", p)
                        .isEqualTo(stats.getMax() + 1));
    }
}
