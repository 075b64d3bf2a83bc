package dev.simclr.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.Topics;
import dev.simclr.contracts.ViewPair;
import dev.simclr.contracts.ViewPairCodec;
import dev.simclr.objectstore.CheckpointSets;
import dev.simclr.objectstore.ObjectStore;
import dev.simclr.objectstore.S3Uri;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Exactly-once checks on what the augmenter wrote and the trainer's surviving lineage: each (image, epoch) has at
 * most one committed view pair; consecutive manifests partition the committed pairs before the last manifest's
 * offsets, each pair counted in exactly one interval, and the samples add up.
 */
final class TrainedLineage {

    private TrainedLineage() {}

    /** The verified manifests of every checkpoint set of the run, by step. */
    static List<CheckpointManifest> manifests(ObjectStore store, String bucket, String run) {
        CheckpointSets sets = new CheckpointSets(store);
        S3Uri prefix = new S3Uri(bucket, run + "/");
        return sets.steps(prefix).stream().map(step -> sets.read(CheckpointSets.setPrefix(prefix, step)).manifest())
                .toList();
    }

    /** Asserts that no (image, epoch) has two committed pairs; returns how many pairs were committed. */
    static int assertOnePairPerImageAndEpoch(List<ConsumerRecord<byte[], byte[]>> views) {
        Map<String, Long> perImageEpoch = views.stream().map(r -> ViewPairCodec.decode(r.value()))
                .collect(Collectors.groupingBy(v -> v.imageId() + "@" + v.epoch(), Collectors.counting()));
        assertThat(perImageEpoch).as("committed view pairs per (image, epoch)").allSatisfy((k, n) ->
                assertThat(n).as(k).isEqualTo(1L));
        return views.size();
    }

    /** Asserts that the manifests partition the committed pairs exactly; returns the pairs trained. */
    static long assertExactlyOnce(List<CheckpointManifest> manifests, List<ConsumerRecord<byte[], byte[]>> views) {
        assertThat(manifests).isNotEmpty();
        for (int k = 1; k < manifests.size(); k++) {
            Map<Integer, Long> from = manifests.get(k - 1).offsets().get(Topics.VIEWS);
            Map<Integer, Long> to = manifests.get(k).offsets().get(Topics.VIEWS);
            long inInterval = views.stream().filter(r -> r.offset() >= from.getOrDefault(r.partition(), 0L)
                    && r.offset() < to.get(r.partition())).count();
            long samples = manifests.get(k).samplesSeen() - manifests.get(k - 1).samplesSeen();
            assertThat(inInterval).as("pairs between steps %d and %d", manifests.get(k - 1).step(),
                    manifests.get(k).step()).isEqualTo(samples);
        }
        CheckpointManifest last = manifests.get(manifests.size() - 1);
        Map<Integer, Long> end = last.offsets().get(Topics.VIEWS);
        long trained = views.stream().filter(r -> r.offset() < end.get(r.partition())).count();
        assertThat(last.samplesSeen()).as("every committed pair before the last offsets, once").isEqualTo(trained);
        List<ViewPair> trainedPairs = views.stream().filter(r -> r.offset() < end.get(r.partition()))
                .map(r -> ViewPairCodec.decode(r.value())).toList();
        assertThat(trainedPairs.stream().map(v -> v.imageId() + "@" + v.epoch()).distinct().count())
                .as("no pair trained twice").isEqualTo(trained);
        return trained;
    }
}
