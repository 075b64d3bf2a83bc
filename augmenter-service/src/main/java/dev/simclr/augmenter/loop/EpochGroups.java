package dev.simclr.augmenter.loop;

import dev.simclr.augmenter.config.AugmenterSetup;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The epoch ↔ consumer group mapping of a run: epoch {@code e} is group {@code <prefix>.e<e>} on the images topic. An
 * epoch is complete when its group has committed every partition to its end (last stable offset); an empty topic
 * completes nothing, so a service started before any image is pushed waits in epoch 0.
 */
final class EpochGroups {

    private final OffsetQueries queries;
    private final AugmenterSetup setup;
    private final String imagesTopic;

    EpochGroups(OffsetQueries queries, AugmenterSetup setup, String imagesTopic) {
        this.queries = queries;
        this.setup = setup;
        this.imagesTopic = imagesTopic;
    }

    /** Progress of the group of {@code epoch}. */
    EpochStatus status(int epoch) {
        Map<TopicPartition, OffsetQueries.Range> ranges = queries.ranges(imagesTopic, setup.groupId(epoch));
        long done = 0;
        long total = 0;
        boolean allAtEnd = true;
        for (OffsetQueries.Range r : ranges.values()) {
            done += r.done();
            total += r.total();
            allAtEnd &= r.position() >= r.end();
        }
        return new EpochStatus(epoch, done, total, total > 0 && allAtEnd);
    }

    /** The first epoch whose group is not complete; the last epoch when all are. */
    int startEpoch() {
        for (int e = 0; e < setup.config().epochs(); e++) {
            if (!status(e).complete()) {
                return e;
            }
        }
        return setup.config().epochs() - 1;
    }
}
