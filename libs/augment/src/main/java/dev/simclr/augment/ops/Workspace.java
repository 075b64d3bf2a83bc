package dev.simclr.augment.ops;

import java.util.Arrays;

/**
 * Reusable scratch arrays for one thread: each slot grows to the largest size asked for and is then reused, so
 * steady-state view generation allocates only its output. Not thread-safe.
 */
public final class Workspace {

    private final byte[][] bytes = new byte[4][];
    private final int[][] ints = new int[8][];
    private final double[][] doubles = new double[2][];

    /** A byte array of at least {@code n} elements for {@code slot} (0..3); contents are unspecified. */
    public byte[] bytes(int slot, int n) {
        byte[] a = bytes[slot];
        if (a == null || a.length < n) {
            a = new byte[n];
            bytes[slot] = a;
        }
        return a;
    }

    /** An int array of at least {@code n} elements for {@code slot} (0..7); contents are unspecified. */
    public int[] ints(int slot, int n) {
        int[] a = ints[slot];
        if (a == null || a.length < n) {
            a = new int[n];
            ints[slot] = a;
        }
        return a;
    }

    /** A double array of at least {@code n} zeroed elements for {@code slot} (0..1). */
    public double[] zeroedDoubles(int slot, int n) {
        double[] a = doubles[slot];
        if (a == null || a.length < n) {
            a = new double[n];
            doubles[slot] = a;
        } else {
            Arrays.fill(a, 0, n, 0.0);
        }
        return a;
    }
}
