package dev.simclr.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** ResNet depth with torchvision's stage layout: residual block kind and blocks per stage. */
public enum Arch {
    /** ResNet-18: BasicBlock, 2-2-2-2. */
    RESNET18("resnet18", false, 2, 2, 2, 2),
    /** ResNet-34: BasicBlock, 3-4-6-3. */
    RESNET34("resnet34", false, 3, 4, 6, 3),
    /** ResNet-50: Bottleneck (expansion 4), 3-4-6-3. */
    RESNET50("resnet50", true, 3, 4, 6, 3);

    private final String id;
    private final boolean bottleneck;
    private final int[] blocks;

    Arch(String id, boolean bottleneck, int... blocks) {
        this.id = id;
        this.bottleneck = bottleneck;
        this.blocks = blocks;
    }

    /** Returns the lower-case name used in configs, e.g. {@code resnet18}. */
    public String id() {
        return id;
    }

    /** Returns true for Bottleneck blocks (1x1, 3x3, 1x1 with expansion 4). */
    public boolean bottleneck() {
        return bottleneck;
    }

    /** Returns the channel expansion of the block output (1 for BasicBlock, 4 for Bottleneck). */
    public int expansion() {
        return bottleneck ? 4 : 1;
    }

    /** Returns the number of residual blocks in each of the four stages. */
    public int[] blocksPerStage() {
        return blocks.clone();
    }

    /**
     * Parses a config value such as {@code resnet18} (case-insensitive).
     *
     * @param value the value
     * @return the architecture
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Arch parse(String value) {
        for (Arch arch : values()) {
            if (arch.id.equals(value == null ? null : value.trim().toLowerCase(Locale.ROOT))) {
                return arch;
            }
        }
        throw new IllegalArgumentException("unknown arch '" + value + "': expected one of "
                + Arrays.stream(values()).map(Arch::id).collect(Collectors.joining(", ")));
    }
}
