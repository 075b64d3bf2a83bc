package dev.simclr.trainer.input;

import dev.simclr.contracts.TrainerHoldBack;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A bounded, seeded shuffle buffer between consumption and batching: it fills up to {@code capacity} items; from then
 * on every offered item takes the place of one held item, picked uniformly at random, which is released. An item held
 * for {@code maxAge} offers is released instead of a random one, so that nothing waits for long (the lineage's
 * watermark, and the trainer lag the augmenter gates on, trail the position by at most {@code maxAge} pairs plus what
 * is queued). The random stream continues across epochs, so every pass over the data is released in another order; the
 * same seed and the same input give the same output. Capacity 0 passes every item straight through.
 *
 * <p>Memory: at most {@code capacity} items, plus a bookkeeping entry for each of the last {@code maxAge} offers. Not
 * thread-safe.
 *
 * @param <T> the items
 */
public final class ShuffleBuffer<T> {

    /** How many offers an item may wait, as a multiple of the capacity ({@link TrainerHoldBack}). */
    public static final int MAX_AGE_FACTOR = TrainerHoldBack.MAX_AGE_FACTOR;

    private final int capacity;
    private final long maxAge;
    private final SplittableRandom random;
    private final List<Slot<T>> slots;
    private final ArrayDeque<Slot<T>> arrival = new ArrayDeque<>();
    private long offers;

    private static final class Slot<T> {
        T item;
        final long seq;
        int index;

        Slot(T item, long seq, int index) {
            this.item = item;
            this.seq = seq;
            this.index = index;
        }
    }

    /**
     * Creates a buffer that releases an item after at most {@value #MAX_AGE_FACTOR} × capacity offers.
     *
     * @param capacity items held, &gt;= 0 (0 = no shuffling)
     * @param seed the random stream's seed
     */
    public ShuffleBuffer(int capacity, long seed) {
        this(capacity, (long) MAX_AGE_FACTOR * capacity, seed);
    }

    /**
     * Creates a buffer.
     *
     * @param capacity items held, &gt;= 0 (0 = no shuffling)
     * @param maxAge offers after which an item is released regardless of chance, &gt;= capacity
     * @param seed the random stream's seed
     */
    public ShuffleBuffer(int capacity, long maxAge, long seed) {
        if (capacity < 0 || maxAge < capacity) {
            throw new IllegalArgumentException("shuffle buffer: capacity must be >= 0 and max age >= capacity, got "
                    + capacity + " and " + maxAge);
        }
        this.capacity = capacity;
        this.maxAge = maxAge;
        this.random = new SplittableRandom(seed);
        this.slots = new ArrayList<>(Math.min(capacity, 1 << 16));
    }

    /**
     * Offers an item.
     *
     * @return the item released in exchange, if the buffer was full (with capacity 0: {@code item})
     */
    public Optional<T> offer(T item) {
        java.util.Objects.requireNonNull(item, "item");
        if (capacity == 0) {
            return Optional.of(item);
        }
        long seq = offers++;
        if (slots.size() < capacity) {
            Slot<T> s = new Slot<>(item, seq, slots.size());
            slots.add(s);
            arrival.addLast(s);
            return Optional.empty();
        }
        Slot<T> oldest = oldest();
        Slot<T> out = seq - oldest.seq >= maxAge ? oldest : slots.get(random.nextInt(capacity));
        T released = out.item;
        out.item = null;
        Slot<T> in = new Slot<>(item, seq, out.index);
        slots.set(out.index, in);
        arrival.addLast(in);
        return Optional.of(released);
    }

    /** Releases one held item, picked at random (when the input is idle); empty when none is held. */
    public Optional<T> poll() {
        if (slots.isEmpty()) {
            return Optional.empty();
        }
        Slot<T> out = slots.get(random.nextInt(slots.size()));
        Slot<T> last = slots.remove(slots.size() - 1);
        if (last != out) {
            last.index = out.index;
            slots.set(out.index, last);
        }
        T released = out.item;
        out.item = null;
        return Optional.of(released);
    }

    /** Returns the number of held items. */
    public int size() {
        return slots.size();
    }

    /** Returns the most items held at once. */
    public int capacity() {
        return capacity;
    }

    /** The longest-held slot still in the buffer (released slots are dropped from the arrival queue lazily). */
    private Slot<T> oldest() {
        while (arrival.peekFirst().item == null) {
            arrival.pollFirst();
        }
        return arrival.peekFirst();
    }
}
