package dev.simclr.augment.pipeline;

import dev.simclr.contracts.DeadLetter;
import dev.simclr.contracts.ViewPair;

/**
 * What became of one record: a {@link Pair}, a {@link Dead dead letter}, a {@link Skipped skipped} tombstone, an
 * {@link Excluded} ref (its split is not trained on), or {@link Unavailable} (an infrastructure failure: not the
 * record's fault, process it again later). Every outcome carries the {@link StageTimings} of the stages that ran.
 */
public sealed interface Outcome
        permits Outcome.Pair, Outcome.Dead, Outcome.Skipped, Outcome.Excluded, Outcome.Unavailable {

    /** Time spent per stage. */
    StageTimings timings();

    /**
     * The record became a view pair.
     *
     * @param pair the pair
     * @param timings time per stage
     */
    record Pair(ViewPair pair, StageTimings timings) implements Outcome {}

    /**
     * The record cannot be turned into a view pair and goes to the dead-letter topic.
     *
     * @param reason the reason category
     * @param message one-line human-readable reason
     * @param failure the exception behind it, or null
     * @param timings time per stage
     */
    record Dead(DeadLetter.Reason reason, String message, Throwable failure, StageTimings timings) implements Outcome {

        /** Fully qualified class name of the failure, or null when there is none. */
        public String exceptionClass() {
            return failure == null ? null : failure.getClass().getName();
        }
    }

    /**
     * The record needs no output: a tombstone (null value), e.g. an image deleted from a compacted topic.
     *
     * @param why why nothing is produced
     * @param timings time per stage
     */
    record Skipped(String why, StageTimings timings) implements Outcome {}

    /**
     * The ref names a split that is excluded from training (e.g. {@code test}): an accounted outcome with no output,
     * never a dead letter. Nothing was fetched.
     *
     * @param split the ref's split, lower case
     * @param timings time per stage (none ran)
     */
    record Excluded(String split, StageTimings timings) implements Outcome {}

    /**
     * The store behind the image is unreachable or failing; the record is fine as far as we know and must be processed
     * again later (never dead-lettered for this).
     *
     * @param message one-line reason
     * @param failure the exception behind it
     * @param timings time per stage
     */
    record Unavailable(String message, Throwable failure, StageTimings timings) implements Outcome {}
}
