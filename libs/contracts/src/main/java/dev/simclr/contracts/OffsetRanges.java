package dev.simclr.contracts;

import java.util.Arrays;

/**
 * An immutable set of offsets of one partition, held as sorted, disjoint, non-adjacent inclusive ranges; its size is
 * the number of ranges, not of offsets. In a manifest it is written relative to a base offset (the partition's
 * watermark) as {@code "3-5,9,12-40"}.
 */
public final class OffsetRanges {

    /** No offsets. */
    public static final OffsetRanges EMPTY = new OffsetRanges(new long[0]);

    /** first0, last0, first1, last1, ... */
    private final long[] bounds;

    private OffsetRanges(long[] bounds) {
        this.bounds = bounds;
    }

    /** Returns a builder; ranges must be added in increasing order. */
    public static Builder builder() {
        return new Builder();
    }

    /** Returns whether the set holds {@code offset}. */
    public boolean contains(long offset) {
        int lo = 0;
        int hi = rangeCount() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (offset < bounds[2 * mid]) {
                hi = mid - 1;
            } else if (offset > bounds[2 * mid + 1]) {
                lo = mid + 1;
            } else {
                return true;
            }
        }
        return false;
    }

    /** Returns the number of ranges. */
    public int rangeCount() {
        return bounds.length / 2;
    }

    /** Returns whether the set is empty. */
    public boolean isEmpty() {
        return bounds.length == 0;
    }

    /** Returns the smallest offset; the set must not be empty. */
    public long first() {
        return bounds[0];
    }

    /** Returns the largest offset; the set must not be empty. */
    public long last() {
        return bounds[bounds.length - 1];
    }

    /** Returns the offsets at or above {@code offset}. */
    public OffsetRanges atOrAbove(long offset) {
        Builder b = builder();
        for (int i = 0; i < rangeCount(); i++) {
            if (bounds[2 * i + 1] >= offset) {
                b.add(Math.max(offset, bounds[2 * i]), bounds[2 * i + 1]);
            }
        }
        return b.build();
    }

    /**
     * Writes the ranges relative to {@code base}: {@code "a-b"} or {@code "a"}, comma-separated.
     *
     * @throws IllegalArgumentException if an offset is below {@code base}
     */
    public String encode(long base) {
        if (!isEmpty() && first() < base) {
            throw new IllegalArgumentException("offset ranges: " + first() + " is below the base " + base);
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < rangeCount(); i++) {
            if (i > 0) {
                s.append(',');
            }
            long first = bounds[2 * i] - base;
            long last = bounds[2 * i + 1] - base;
            s.append(first);
            if (last != first) {
                s.append('-').append(last);
            }
        }
        return s.toString();
    }

    /**
     * Reads what {@link #encode} wrote.
     *
     * @throws IllegalArgumentException naming what is malformed
     */
    public static OffsetRanges decode(String text, long base) {
        Builder b = builder();
        if (text.isEmpty()) {
            return EMPTY;
        }
        for (String part : text.split(",", -1)) {
            int dash = part.indexOf('-', 1);
            try {
                long first = Long.parseLong(dash < 0 ? part : part.substring(0, dash));
                long last = dash < 0 ? first : Long.parseLong(part.substring(dash + 1));
                if (first < 0 || last < first) {
                    throw new IllegalArgumentException("offset ranges: bad range '" + part + "' in '" + text + "'");
                }
                b.add(Math.addExact(base, first), Math.addExact(base, last));
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("offset ranges: bad range '" + part + "' in '" + text + "'", e);
            }
        }
        return b.build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OffsetRanges r && Arrays.equals(bounds, r.bounds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bounds);
    }

    @Override
    public String toString() {
        return "[" + encode(0) + "]";
    }

    /** Collects ranges in increasing order; adjacent ranges are merged. */
    public static final class Builder {

        private long[] bounds = new long[8];
        private int size;

        private Builder() {}

        /**
         * Adds {@code first..last} (inclusive); an empty range ({@code last < first}) is ignored.
         *
         * @throws IllegalArgumentException if it overlaps or precedes the previous range
         */
        public Builder add(long first, long last) {
            if (last < first) {
                return this;
            }
            if (size > 0) {
                long prevLast = bounds[size - 1];
                if (first <= prevLast) {
                    throw new IllegalArgumentException(
                            "offset ranges must be added in increasing order: " + first + " after " + prevLast);
                }
                if (first == prevLast + 1) {
                    bounds[size - 1] = last;
                    return this;
                }
            }
            if (size + 2 > bounds.length) {
                bounds = Arrays.copyOf(bounds, bounds.length * 2);
            }
            bounds[size++] = first;
            bounds[size++] = last;
            return this;
        }

        /** Adds every range of {@code ranges} (all after the previous range). */
        public Builder addAll(OffsetRanges ranges) {
            for (int i = 0; i < ranges.rangeCount(); i++) {
                add(ranges.bounds[2 * i], ranges.bounds[2 * i + 1]);
            }
            return this;
        }

        /** Returns the set. */
        public OffsetRanges build() {
            return size == 0 ? EMPTY : new OffsetRanges(Arrays.copyOf(bounds, size));
        }
    }
}
