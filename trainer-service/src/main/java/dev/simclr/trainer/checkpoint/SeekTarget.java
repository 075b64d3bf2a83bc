package dev.simclr.trainer.checkpoint;

/** Where to position one partition before reading. */
public sealed interface SeekTarget {

    /** A recorded offset (the checkpoint's next offset to consume). */
    record At(long offset) implements SeekTarget {
        /** Validates the offset. */
        public At {
            if (offset < 0) {
                throw new IllegalArgumentException("seek offset must be >= 0, got " + offset);
            }
        }
    }

    /** The partition's first retained offset. */
    record Beginning() implements SeekTarget {}

    /** The partition's end (only records produced from now on). */
    record End() implements SeekTarget {}
}
