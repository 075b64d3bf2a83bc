package dev.simclr.augmenter.loop;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The epoch ↔ consumer group mapping of a run: epoch {@code e} is group {@code <prefix>.e<e>} on the images
 * topic. An epoch is complete when its group has committed every partition to its end (last stable offset);
 * an empty topic completes nothing, so a service started before any image is pushed waits in epoch 0.
 */
final class EpochGroups {

    private final OffsetQueries queries;
    private final LoopSettings settings;

    EpochGroups(OffsetQueries queries, LoopSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    /** Progress of the group of {@code epoch}. */
    EpochStatus status(int epoch) {
        Map<TopicPartition, OffsetQueries.Range> ranges = queries.ranges(settings.imagesTopic(), settings.groupId(epoch));
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
        for (int e = 0; e < settings.epochs(); e++) {
            if (!status(e).complete()) {
                return e;
            }
        }
        return settings.epochs() - 1;
    }
}
