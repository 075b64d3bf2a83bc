package dev.simclr.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

/**
 * DJL attaches an operation's result to its first operand's manager. To collect temporaries in a short-lived scope,
 * operate on a view of the array that belongs to that scope.
 */
final class Scopes {

    private Scopes() {}

    /** A view (no copy) of {@code x} owned by {@code scope}. */
    static NDArray view(NDArray x, NDManager scope) {
        return x.get(scope, new NDIndex(":"));
    }
}
