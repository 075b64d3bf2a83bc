package dev.simclr.model.run;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The optimiser of a run: LARS (SimCLR's default) or SGD with Nesterov momentum. */
public enum Algorithm {
    /** LARS with momentum; BN and bias excluded from adaptation and weight decay. */
    LARS("lars"),
    /** SGD with Nesterov momentum; BN and bias excluded from weight decay. */
    SGD("sgd");

    private final String id;

    Algorithm(String id) {
        this.id = id;
    }

    /** Returns the lower-case config name. */
    public String id() {
        return id;
    }

    /** Returns the default weight decay: 1e-6 for LARS (SimCLR), 5e-4 for SGD. */
    public double defaultWeightDecay() {
        return this == LARS ? 1e-6 : 5e-4;
    }

    /**
     * Parses {@code lars} or {@code sgd} (case-insensitive).
     *
     * @param value the config value
     * @return the algorithm
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Algorithm parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Algorithm a : values()) {
            if (a.id.equals(v)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown optimizer '" + value + "': expected one of "
                + Arrays.stream(values()).map(Algorithm::id).collect(Collectors.joining(", ")));
    }
}
