package dev.simclr.augmenter.loop;

/**
 * Where the consumer group of one epoch stands, across all replicas.
 *
 * @param epoch the epoch
 * @param done records of the images topic the group has committed past
 * @param total records in the images topic (first to last stable offset, summed over partitions)
 * @param complete every partition is committed to its end and the topic is not empty
 */
public record EpochStatus(int epoch, long done, long total, boolean complete) {}
