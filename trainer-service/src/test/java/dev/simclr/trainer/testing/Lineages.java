package dev.simclr.trainer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.CheckpointAttributes;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.TrainedPosition;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
        return steps.stream()
                .map(step -> sets.read(CheckpointSets.setPrefix(run, step)).manifest())
                .toList();
    }

    /**
     * Asserts that consecutive manifests partition the produced pairs exactly. What manifest k has trained is, per
     * partition, every record below its offsets (the watermarks) plus those listed in {@code attributes.trainedAbove}
     * (the shuffle buffer releases pairs out of order): that set only grows, manifest k adds exactly the samples it
     * counts ({@code pairsPerInterval}: the batch size times the steps between two manifests), the last one holds every
     * produced record, and its offsets are just past the last record of each partition.
     */
    public static void assertExactlyOnce(
            List<CheckpointManifest> manifests, String topic, List<RecordMetadata> produced, int pairsPerInterval) {
        Set<String> before = trained(manifests.get(0), topic, produced);
        for (int k = 1; k < manifests.size(); k++) {
            Set<String> now = trained(manifests.get(k), topic, produced);
            assertThat(now)
                    .as(
                            "step %d keeps what step %d trained",
                            manifests.get(k).step(), manifests.get(k - 1).step())
                    .containsAll(before);
            long samples = manifests.get(k).samplesSeen() - manifests.get(k - 1).samplesSeen();
            assertThat((long) (now.size() - before.size()))
                    .as("records added by step %d", manifests.get(k).step())
                    .isEqualTo(samples)
                    .isEqualTo(pairsPerInterval);
            before = now;
        }
        CheckpointManifest last = manifests.get(manifests.size() - 1);
        assertThat(before).as("every produced record is trained").hasSize(produced.size());
        assertThat(last.samplesSeen())
                .isEqualTo((long) produced.size())
                .isEqualTo((long) (manifests.size() - 1) * pairsPerInterval);
        produced.stream()
                .collect(Collectors.groupingBy(
                        RecordMetadata::partition, Collectors.summarizingLong(RecordMetadata::offset)))
                .forEach((p, stats) -> assertThat(last.offsets().get(topic).get(p))
                        .as("next offset of partition %d", p)
                        .isEqualTo(stats.getMax() + 1));
    }

    /** The produced records ({@code partition@offset}) a manifest's lineage has trained. */
    public static Set<String> trained(CheckpointManifest m, String topic, List<RecordMetadata> produced) {
        TrainedPosition position = CheckpointAttributes.position(m, topic);
        return produced.stream()
                .filter(r -> position.covers(r.partition(), r.offset()))
                .map(r -> r.partition() + "@" + r.offset())
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
