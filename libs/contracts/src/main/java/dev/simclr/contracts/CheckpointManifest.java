package dev.simclr.contracts;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code manifest.json} of a checkpoint set ({@link RunLayout}), written last by the trainer and read by the
 * trainer (to resume) and the evaluator.
 *
 * <p>JSON: pretty-printed, fields in component order, {@code offsets} partitions as string keys (sorted by topic, then
 * partition), {@code attributes} any JSON object, preserved on round trip (canonicalised by {@code JsonValues}:
 * integers as Integer/Long/BigInteger, other numbers as Double). Unknown fields are ignored when reading. Build with
 * {@link #builder()}.
 *
 * @param formatVersion always {@value #FORMAT_VERSION}
 * @param runId the training run (same rules as {@link CheckpointEvent#runId()})
 * @param step optimiser steps taken, {@code >= 0}
 * @param epoch passes over the dataset, {@code >= 0}
 * @param samplesSeen view pairs consumed, {@code >= 0}
 * @param createdAt when the set was written
 * @param files the set's files (not the manifest itself), names unique
 * @param offsets topic to partition to the next offset to consume (all {@code >= 0})
 * @param attributes free-form JSON: run config, model config, seeds, provenance
 */
public record CheckpointManifest(
        int formatVersion,
        String runId,
        long step,
        long epoch,
        long samplesSeen,
        Instant createdAt,
        List<FileEntry> files,
        Map<String, Map<Integer, Long>> offsets,
        Map<String, Object> attributes) {

    /** The only manifest format this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    static final String CTX = "checkpoint manifest";

    /** Validates every component and makes deep unmodifiable copies of the collections. */
    public CheckpointManifest {
        if (formatVersion != FORMAT_VERSION) {
            throw unsupported(formatVersion);
        }
        Checks.runId(CTX, runId);
        Checks.nonNegative(CTX, "step", step);
        Checks.nonNegative(CTX, "epoch", epoch);
        Checks.nonNegative(CTX, "samplesSeen", samplesSeen);
        Checks.required(CTX, "createdAt", createdAt);
        files = copyFiles(Checks.required(CTX, "files", files));
        offsets = copyOffsets(Checks.required(CTX, "offsets", offsets));
        attributes = JsonValues.canonicalMap(CTX, "attributes", attributes);
    }

    static ContractException unsupported(int formatVersion) {
        return Checks.fail(CTX, "unsupported formatVersion " + formatVersion + " (supported: " + FORMAT_VERSION + ")");
    }

    private static List<FileEntry> copyFiles(List<FileEntry> files) {
        Set<String> names = new HashSet<>();
        List<FileEntry> copy = new ArrayList<>(files.size());
        for (FileEntry f : files) {
            Checks.required(CTX, "files[" + copy.size() + "]", f);
            if (!names.add(f.name())) {
                throw Checks.fail(CTX, "file " + Text.quote(f.name()) + " is listed twice");
            }
            copy.add(f);
        }
        return Collections.unmodifiableList(copy);
    }

    private static Map<String, Map<Integer, Long>> copyOffsets(Map<String, Map<Integer, Long>> offsets) {
        Map<String, Map<Integer, Long>> copy = new TreeMap<>();
        offsets.forEach((topic, partitions) -> {
            try {
                Topics.checkName(topic);
            } catch (ContractException e) {
                throw Checks.fail(CTX, "offsets: " + e.getMessage());
            }
            Checks.required(CTX, "offsets." + topic, partitions);
            Map<Integer, Long> p = new TreeMap<>();
            partitions.forEach((partition, offset) -> {
                String path = "offsets." + topic + "." + partition;
                Checks.required(CTX, "offsets." + topic + " partition", partition);
                Checks.nonNegative(CTX, "offsets." + topic + " partition", (long) partition);
                Checks.nonNegative(CTX, path, (long) Checks.required(CTX, path, offset));
                p.put(partition, offset);
            });
            copy.put(topic, Collections.unmodifiableMap(p));
        });
        return Collections.unmodifiableMap(copy);
    }

    /** A builder; {@code setX} values are required, {@code optX} values optional. */
    public static CheckpointManifestBuilder builder() {
        return new CheckpointManifestBuilder();
    }

    /** The same manifest with another file list (e.g. once sizes and hashes are known). */
    public CheckpointManifest withFiles(List<FileEntry> newFiles) {
        return new CheckpointManifest(
                formatVersion, runId, step, epoch, samplesSeen, createdAt, newFiles, offsets, attributes);
    }

    /** The entry of the file called {@code name}, if listed. */
    public Optional<FileEntry> file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Pretty JSON (two-space indent, LF line ends, trailing newline); stable for equal values. */
    public String toJson() {
        return Json.pretty(ManifestJson.toNode(this));
    }

    /** {@link #toJson()} as UTF-8 bytes: what is stored as {@value RunLayout#MANIFEST} and hashed. */
    public byte[] toJsonBytes() {
        return toJson().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a manifest (UTF-8 JSON).
     *
     * @throws ContractException naming the missing or invalid field
     */
    public static CheckpointManifest fromJson(byte[] json) {
        return ManifestJson.fromFields(JsonFields.parse(CTX, json));
    }

    /**
     * Parses a manifest.
     *
     * @throws ContractException naming the missing or invalid field
     */
    public static CheckpointManifest fromJson(String json) {
        return ManifestJson.fromFields(JsonFields.parse(CTX, json));
    }

    /**
     * One file of a checkpoint set.
     *
     * @param name path relative to the set prefix: {@code /}-separated, no empty, {@code .} or {@code ..} segments, no
     *     backslash or control characters, at most 1024 characters
     * @param size bytes, {@code >= 0}
     * @param sha256 SHA-256 of the content, 64 lower-case hex characters
     */
    public record FileEntry(String name, long size, String sha256) {

        /** Longest file name. */
        public static final int MAX_NAME_CHARS = 1024;

        /** Validates every component. */
        public FileEntry {
            checkName(name);
            String ctx = CTX + ": file " + Text.quote(name);
            Checks.nonNegative(ctx, "size", size);
            Checks.sha256(ctx, "sha256", sha256);
        }

        private static void checkName(String name) {
            Checks.required(CTX, "file name", name);
            if (name.isEmpty() || name.length() > MAX_NAME_CHARS) {
                throw Checks.fail(CTX, "file name must be 1.." + MAX_NAME_CHARS + " characters, got " + name.length());
            }
            if (Text.firstControlOrBrokenChar(name) >= 0 || name.indexOf('\\') >= 0) {
                throw Checks.fail(CTX, "file name " + Text.quote(name) + " contains a control character or backslash");
            }
            for (String segment : name.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    throw Checks.fail(
                            CTX,
                            "file name " + Text.quote(name)
                                    + " must be a relative path without empty, '.' or '..' segments");
                }
            }
        }
    }
}
