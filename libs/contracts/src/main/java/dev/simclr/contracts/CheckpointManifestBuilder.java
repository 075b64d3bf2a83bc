package dev.simclr.contracts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link CheckpointManifest}: every {@code setX} is required, {@code optX} optional; {@link #build()} names
 * the first missing value. The format version is always {@value CheckpointManifest#FORMAT_VERSION}.
 */
public final class CheckpointManifestBuilder {

    private String runId;
    private Long step;
    private Long epoch;
    private Long samplesSeen;
    private Instant createdAt;
    private final List<CheckpointManifest.FileEntry> files = new ArrayList<>();
    private final Map<String, Map<Integer, Long>> offsets = new TreeMap<>();
    private final Map<String, Object> attributes = new LinkedHashMap<>();

    CheckpointManifestBuilder() {}

    public CheckpointManifestBuilder setRunId(String runId) {
        this.runId = runId;
        return this;
    }

    public CheckpointManifestBuilder setStep(long step) {
        this.step = step;
        return this;
    }

    public CheckpointManifestBuilder setEpoch(long epoch) {
        this.epoch = epoch;
        return this;
    }

    public CheckpointManifestBuilder setSamplesSeen(long samplesSeen) {
        this.samplesSeen = samplesSeen;
        return this;
    }

    public CheckpointManifestBuilder setCreatedAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    /** Appends one file entry. */
    public CheckpointManifestBuilder optFile(String name, long size, String sha256) {
        files.add(new CheckpointManifest.FileEntry(name, size, sha256));
        return this;
    }

    /** Appends file entries. */
    public CheckpointManifestBuilder optFiles(List<CheckpointManifest.FileEntry> entries) {
        files.addAll(entries);
        return this;
    }

    /** Records the next offset to consume for one topic partition. */
    public CheckpointManifestBuilder optOffset(String topic, int partition, long nextOffset) {
        Topics.checkName(topic);
        offsets.computeIfAbsent(topic, t -> new TreeMap<>()).put(partition, nextOffset);
        return this;
    }

    /** Records next offsets for several topic partitions. */
    public CheckpointManifestBuilder optOffsets(Map<String, Map<Integer, Long>> topicOffsets) {
        topicOffsets.forEach((topic, partitions) -> partitions.forEach((p, o) -> optOffset(topic, p, o)));
        return this;
    }

    /** Sets one free-form attribute (any JSON-serialisable value; nested maps and lists fine). */
    public CheckpointManifestBuilder optAttribute(String key, Object value) {
        attributes.put(key, value);
        return this;
    }

    /** Sets several attributes, in the map's iteration order. */
    public CheckpointManifestBuilder optAttributes(Map<String, ?> values) {
        attributes.putAll(values);
        return this;
    }

    /**
     * Builds and validates the manifest.
     *
     * @throws ContractException naming the first missing or invalid value
     */
    public CheckpointManifest build() {
        String ctx = CheckpointManifest.CTX;
        return new CheckpointManifest(
                CheckpointManifest.FORMAT_VERSION,
                runId,
                Checks.required(ctx, "step", step),
                Checks.required(ctx, "epoch", epoch),
                Checks.required(ctx, "samplesSeen", samplesSeen),
                createdAt,
                files,
                offsets,
                attributes);
    }
}
