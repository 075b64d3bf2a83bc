package dev.simclr.augmenter.loop;

/**
 * The trainer's lag on the views topic: Σ over partitions of (last stable offset − the trainer group's committed
 * offset), a partition without a commit counting from its first offset. Offsets include one transaction marker per
 * partition and transaction, so the value slightly overstates the pairs waiting.
 */
final class ViewsLag {

    private final OffsetQueries queries;
    private final String viewsTopic;
    private final String trainerGroup;

    ViewsLag(OffsetQueries queries, String viewsTopic, String trainerGroup) {
        this.queries = queries;
        this.viewsTopic = viewsTopic;
        this.trainerGroup = trainerGroup;
    }

    /** The current lag in records. */
    long lag() {
        return queries.ranges(viewsTopic, trainerGroup).values().stream()
                .mapToLong(r -> r.total() - r.done())
                .sum();
    }
}
