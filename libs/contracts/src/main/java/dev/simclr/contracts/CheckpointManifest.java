package dev.simclr.contracts;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code manifest.json} of a checkpoint set: what was trained, which files belong to the set
 * (with size and sha256), and which {@code simclr.views} offsets the checkpoint consumed.
 *
 * <p>Provisional copy written for libs/object-store; the contracts module's own version replaces it.
 *
 * @param formatVersion manifest format, always {@link #FORMAT_VERSION}
 * @param runId training run id
 * @param step optimiser steps done
 * @param epoch epoch reached
 * @param samplesSeen view pairs consumed
 * @param createdAt when the set was written
 * @param files every file of the set with size and sha256 (manifest itself excluded)
 * @param offsets topic → partition → next offset to consume
 * @param attributes free-form JSON: run config, model config, seeds, provenance
 */
@JsonPropertyOrder({"formatVersion", "runId", "step", "epoch", "samplesSeen", "createdAt", "files",
    "offsets", "attributes"})
public record CheckpointManifest(int formatVersion, String runId, long step, long epoch, long samplesSeen,
    Instant createdAt, List<FileEntry> files, Map<String, Map<Integer, Long>> offsets,
    Map<String, Object> attributes) {

  /** The only manifest format this code reads and writes. */
  public static final int FORMAT_VERSION = 1;

  private static final List<String> REQUIRED =
      List.of("formatVersion", "runId", "step", "epoch", "samplesSeen", "createdAt", "files");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
  private static final ObjectMapper MAPPER = new ObjectMapper()
      .registerModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /**
   * One file of a checkpoint set.
   *
   * @param name file name relative to the set prefix
   * @param size size in bytes
   * @param sha256 lower-case hex sha256 of the content
   */
  @JsonPropertyOrder({"name", "size", "sha256"})
  public record FileEntry(String name, long size, String sha256) {
    /** Validates the entry. */
    public FileEntry {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("checkpoint file entry: name is missing");
      }
      if (size < 0) {
        throw new IllegalArgumentException("checkpoint file entry " + name + ": negative size " + size);
      }
      if (sha256 == null || !SHA256.matcher(sha256).matches()) {
        throw new IllegalArgumentException(
            "checkpoint file entry " + name + ": sha256 must be 64 lower-case hex characters");
      }
    }
  }

  /** Validates the manifest and copies its collections. */
  public CheckpointManifest {
    if (formatVersion != FORMAT_VERSION) {
      throw new IllegalArgumentException(
          "checkpoint manifest: unsupported formatVersion " + formatVersion + " (expected " + FORMAT_VERSION + ")");
    }
    if (runId == null || runId.isBlank()) {
      throw new IllegalArgumentException("checkpoint manifest: runId is missing");
    }
    requireNonNegative("step", step);
    requireNonNegative("epoch", epoch);
    requireNonNegative("samplesSeen", samplesSeen);
    if (createdAt == null) {
      throw new IllegalArgumentException("checkpoint manifest: createdAt is missing");
    }
    files = List.copyOf(Objects.requireNonNullElse(files, List.of()));
    Set<String> names = new HashSet<>();
    for (FileEntry f : files) {
      if (!names.add(f.name())) {
        throw new IllegalArgumentException("checkpoint manifest: file " + f.name() + " listed twice");
      }
    }
    offsets = copyOffsets(offsets);
    attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
  }

  /** Returns the entry for {@code name}, if the set has such a file. */
  public Optional<FileEntry> file(String name) {
    return files.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** Stable, pretty JSON (fixed field order, map keys sorted). */
  public String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("checkpoint manifest: cannot serialise: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses and validates a manifest; unknown fields are ignored, required fields are checked. */
  public static CheckpointManifest fromJson(byte[] json) {
    if (json == null || json.length == 0) {
      throw new IllegalArgumentException("checkpoint manifest: empty input");
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("checkpoint manifest: not JSON: " + firstLine(e.getMessage()), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException("checkpoint manifest: expected a JSON object");
    }
    for (String field : REQUIRED) {
      if (!tree.hasNonNull(field)) {
        throw new IllegalArgumentException("checkpoint manifest: required field " + field + " is missing");
      }
    }
    try {
      return MAPPER.treeToValue(tree, CheckpointManifest.class);
    } catch (JsonProcessingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException iae) {
        throw iae;
      }
      throw new IllegalArgumentException("checkpoint manifest: " + firstLine(e.getOriginalMessage()), e);
    }
  }

  /** Same as {@link #fromJson(byte[])} for a string. */
  public static CheckpointManifest fromJson(String json) {
    return fromJson(json == null ? null : json.getBytes(StandardCharsets.UTF_8));
  }

  private static void requireNonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("checkpoint manifest: " + field + " must be >= 0, got " + value);
    }
  }

  private static Map<String, Map<Integer, Long>> copyOffsets(Map<String, Map<Integer, Long>> offsets) {
    if (offsets == null) {
      return Map.of();
    }
    Map<String, Map<Integer, Long>> copy = new LinkedHashMap<>();
    offsets.forEach((topic, partitions) -> {
      Map<Integer, Long> p = new LinkedHashMap<>();
      Objects.requireNonNullElse(partitions, Map.<Integer, Long>of()).forEach((partition, offset) -> {
        if (partition == null || partition < 0 || offset == null || offset < 0) {
          throw new IllegalArgumentException(
              "checkpoint manifest: bad offset " + topic + "/" + partition + " = " + offset);
        }
        p.put(partition, offset);
      });
      copy.put(topic, Collections.unmodifiableMap(p));
    });
    return Collections.unmodifiableMap(copy);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
