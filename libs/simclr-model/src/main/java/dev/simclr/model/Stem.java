package dev.simclr.model;

import java.util.Locale;

/** The encoder's first layers. */
public enum Stem {
    /** torchvision's stem: 7x7 stride-2 conv, BN, ReLU, 3x3 stride-2 max-pool (overall stride 4). */
    IMAGENET("imagenet"),
    /** CIFAR-style stem for images up to 64 px: 3x3 stride-1 conv, BN, ReLU, no pooling. */
    SMALL("small");

    private final String id;

    Stem(String id) {
        this.id = id;
    }

    /** Returns the lower-case name used in configs. */
    public String id() {
        return id;
    }

    /** Returns the spatial down-sampling of the whole encoder before global pooling. */
    public int totalStride() {
        return this == IMAGENET ? 32 : 8;
    }

    /**
     * Parses {@code imagenet} or {@code small} (case-insensitive).
     *
     * @param value the value
     * @return the stem
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Stem parse(String value) {
        for (Stem stem : values()) {
            if (stem.id.equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return stem;
            }
        }
        throw new IllegalArgumentException("unknown stem '" + value + "': expected imagenet or small");
    }
}
