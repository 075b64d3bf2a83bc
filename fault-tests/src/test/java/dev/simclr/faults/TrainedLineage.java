package dev.simclr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.CheckpointAttributes;
import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.Topics;
import dev.simclr.contracts.TrainedPosition;
import dev.simclr.contracts.ViewPair;
import dev.simclr.contracts.ViewPairCodec;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Exactly-once checks on what the augmenter wrote and the trainer's surviving lineage: each (image, epoch) has at most
 * one committed view pair; consecutive manifests partition the committed pairs the last manifest covers, each pair
 * counted in exactly one step, and the samples add up.
 */
final class TrainedLineage {

    private TrainedLineage() {}

    /** The verified manifests of every checkpoint set of the run, by step. */
    static List<CheckpointManifest> manifests(ObjectStore store, String bucket, String run) {
        CheckpointSets sets = new CheckpointSets(store);
        S3Uri prefix = new S3Uri(bucket, run + "/");
        return sets.steps(prefix).stream()
                .map(step -> sets.read(CheckpointSets.setPrefix(prefix, step)).manifest())
                .toList();
    }

    /** Asserts that no (image, epoch) has two committed pairs; returns how many pairs were committed. */
    static int assertOnePairPerImageAndEpoch(List<ConsumerRecord<byte[], byte[]>> views) {
        Map<String, Long> perImageEpoch = views.stream()
                .map(r -> ViewPairCodec.decode(r.value()))
                .collect(Collectors.groupingBy(v -> v.imageId() + "@" + v.epoch(), Collectors.counting()));
        assertThat(perImageEpoch)
                .as("committed view pairs per (image, epoch)")
                .allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1L));
        return views.size();
    }

    /**
     * Asserts that the manifests partition the committed pairs exactly; returns the pairs trained. What a manifest's
     * lineage trained is, per partition, every record below its offsets (the watermarks) plus those listed in
     * {@code attributes.trainedAbove} (the trainer's shuffle buffer releases pairs out of order; docs/trainer.md,
     * "Shuffling"): that set only grows, by exactly the samples each manifest adds.
     */
    static long assertExactlyOnce(List<CheckpointManifest> manifests, List<ConsumerRecord<byte[], byte[]>> views) {
        assertThat(manifests).isNotEmpty();
        Set<String> before = trained(manifests.get(0), views);
        for (int k = 1; k < manifests.size(); k++) {
            Set<String> now = trained(manifests.get(k), views);
            assertThat(now)
                    .as(
                            "step %d keeps the pairs of step %d",
                            manifests.get(k).step(), manifests.get(k - 1).step())
                    .containsAll(before);
            long samples = manifests.get(k).samplesSeen() - manifests.get(k - 1).samplesSeen();
            assertThat((long) (now.size() - before.size()))
                    .as(
                            "pairs between steps %d and %d",
                            manifests.get(k - 1).step(), manifests.get(k).step())
                    .isEqualTo(samples);
            before = now;
        }
        CheckpointManifest last = manifests.get(manifests.size() - 1);
        long trained = before.size();
        assertThat(last.samplesSeen())
                .as("every committed pair the last manifest covers, once")
                .isEqualTo(trained);
        Set<String> covered = before;
        List<ViewPair> trainedPairs = views.stream()
                .filter(r -> covered.contains(r.partition() + "@" + r.offset()))
                .map(r -> ViewPairCodec.decode(r.value()))
                .toList();
        assertThat(trainedPairs.stream()
                        .map(v -> v.imageId() + "@" + v.epoch())
                        .distinct()
                        .count())
                .as("no pair trained twice")
                .isEqualTo(trained);
        return trained;
    }

    /** The committed pairs ({@code partition@offset}) a manifest's lineage has trained. */
    static Set<String> trained(CheckpointManifest m, List<ConsumerRecord<byte[], byte[]>> views) {
        TrainedPosition position = CheckpointAttributes.position(m, Topics.VIEWS);
        Set<String> out = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> r : views) {
            if (position.covers(r.partition(), r.offset())) {
                out.add(r.partition() + "@" + r.offset());
            }
        }
        return out;
    }
}
