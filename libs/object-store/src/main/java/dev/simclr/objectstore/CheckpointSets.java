package dev.simclr.objectstore;

import dev.simclr.contracts.CheckpointManifest;
import dev.simclr.contracts.CheckpointManifest.FileEntry;
import dev.simclr.contracts.RunLayout;
import dev.simclr.contracts.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checkpoint sets: a prefix {@code s3://b/<run>/step-<n>/} holding files plus {@value RunLayout#MANIFEST} (the names
 * are {@link RunLayout}'s). Writers upload every file first and the manifest last, so a set without a manifest is
 * incomplete; readers verify the size and sha256 of every file against the manifest.
 */
public final class CheckpointSets {

    /** Largest manifest read. */
    public static final long MAX_MANIFEST_BYTES = 16L * 1024 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSets.class);
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private final Blobs store;

    /** Checkpoint sets in {@code store}. */
    public CheckpointSets(ObjectStore store) {
        this((Blobs) store);
    }

    CheckpointSets(Blobs store) {
        this.store = store;
    }

    /** The prefix of step {@code step} of the run at {@code runPrefix}: {@code <run>/step-<n>/}. */
    public static S3Uri setPrefix(S3Uri runPrefix, long step) {
        return runPrefix.asPrefix().resolve(RunLayout.stepDir(step) + "/");
    }

    /**
     * Uploads {@code files}, then a manifest made from {@code draft} with {@code files} filled in (name, size, sha256;
     * any files listed in the draft are replaced).
     *
     * @return the manifest as written
     * @throws IllegalStateException when the prefix already holds a manifest (sets are immutable)
     */
    public CheckpointManifest write(S3Uri setPrefix, Map<String, byte[]> files, CheckpointManifest draft) {
        return write(setPrefix, files, draft, () -> {});
    }

    /**
     * {@link #write(S3Uri, Map, CheckpointManifest)} with a check run after the files and right before the manifest
     * (e.g. that the writer still owns the lineage); an exception from it leaves the set without a manifest, i.e.
     * incomplete.
     */
    public CheckpointManifest write(
            S3Uri setPrefix, Map<String, byte[]> files, CheckpointManifest draft, Runnable beforeManifest) {
        S3Uri prefix = setPrefix.asPrefix();
        checkStepMatches(prefix, draft.step());
        if (files.isEmpty()) {
            throw new IllegalArgumentException("checkpoint set " + prefix + ": no files to write");
        }
        files.keySet().forEach(name -> checkFileName(prefix, name));
        S3Uri manifestUri = prefix.resolve(RunLayout.MANIFEST);
        if (store.list(manifestUri).stream().anyMatch(o -> o.uri().equals(manifestUri))) {
            throw new IllegalStateException("checkpoint set " + prefix + " is already complete (it has a manifest)");
        }
        List<FileEntry> entries = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
            StoredObject stored = store.put(prefix.resolve(f.getKey()), f.getValue(), "application/octet-stream");
            entries.add(new FileEntry(f.getKey(), stored.size(), stored.sha256()));
        }
        CheckpointManifest manifest = new CheckpointManifest(
                draft.formatVersion(),
                draft.runId(),
                draft.step(),
                draft.epoch(),
                draft.samplesSeen(),
                draft.createdAt(),
                entries,
                draft.offsets(),
                draft.attributes());
        beforeManifest.run();
        StoredObject m = store.put(manifestUri, manifest.toJson().getBytes(StandardCharsets.UTF_8), "application/json");
        LOG.info("wrote checkpoint set {} ({} files, manifest sha256 {})", prefix, entries.size(), m.sha256());
        return manifest;
    }

    /**
     * Downloads the manifest and every file it lists and verifies sizes and sha256.
     *
     * @throws CorruptCheckpointException naming the missing or mismatching file
     */
    public VerifiedCheckpoint read(S3Uri setPrefix) {
        S3Uri prefix = setPrefix.asPrefix();
        byte[] manifestBytes = fetch(prefix, RunLayout.MANIFEST, MAX_MANIFEST_BYTES);
        CheckpointManifest manifest;
        try {
            manifest = CheckpointManifest.fromJson(manifestBytes);
        } catch (IllegalArgumentException e) {
            throw new CorruptCheckpointException(prefix, RunLayout.MANIFEST + " is invalid: " + e.getMessage(), e);
        }
        Map<String, byte[]> contents = new LinkedHashMap<>();
        for (FileEntry entry : manifest.files()) {
            byte[] data = fetch(prefix, entry.name(), entry.size());
            if (data.length != entry.size()) {
                throw new CorruptCheckpointException(
                        prefix,
                        "file " + entry.name() + " has " + data.length + " bytes, manifest says " + entry.size());
            }
            String sha = Sha256.hex(data);
            if (!sha.equals(entry.sha256())) {
                throw new CorruptCheckpointException(
                        prefix, "file " + entry.name() + " has sha256 " + sha + ", manifest says " + entry.sha256());
            }
            contents.put(entry.name(), data);
        }
        return new VerifiedCheckpoint(prefix, manifest, Sha256.hex(manifestBytes), contents);
    }

    /** The steps that have a {@code step-<n>/} prefix under the run (complete or not), ascending. */
    public List<Long> steps(S3Uri runPrefix) {
        S3Uri run = runPrefix.asPrefix();
        TreeSet<Long> steps = new TreeSet<>();
        for (ObjectInfo o : store.list(run)) {
            String rest = o.uri().key().substring(run.key().length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                RunLayout.stepOfDir(rest.substring(0, slash)).ifPresent(steps::add);
            }
        }
        return List.copyOf(steps);
    }

    /** The newest set under the run that verifies; newer sets that do not verify are skipped with a WARN. */
    public Optional<VerifiedCheckpoint> latestVerified(S3Uri runPrefix) {
        List<Long> steps = new ArrayList<>(steps(runPrefix));
        steps.sort(Comparator.reverseOrder());
        for (long step : steps) {
            S3Uri prefix = setPrefix(runPrefix, step);
            try {
                return Optional.of(read(prefix));
            } catch (CorruptCheckpointException e) {
                LOG.warn("skipping checkpoint step {}: {}", step, e.getMessage());
            }
        }
        return Optional.empty();
    }

    private byte[] fetch(S3Uri prefix, String name, long expectedMax) {
        try {
            return store.get(prefix.resolve(name), expectedMax);
        } catch (ObjectNotFoundException e) {
            return failMissing(prefix, name);
        } catch (ObjectTooLargeException e) {
            throw new CorruptCheckpointException(
                    prefix,
                    "file " + name + " is larger than the " + expectedMax + " bytes "
                            + (RunLayout.MANIFEST.equals(name) ? "allowed" : "the manifest says"),
                    e);
        }
    }

    private static byte[] failMissing(S3Uri prefix, String name) {
        throw new CorruptCheckpointException(
                prefix,
                RunLayout.MANIFEST.equals(name)
                        ? "no " + RunLayout.MANIFEST + " (the set is incomplete or was never written)"
                        : "file " + name + " listed in the manifest is missing");
    }

    private static void checkStepMatches(S3Uri prefix, long step) {
        OptionalLong named = RunLayout.stepOfDir(prefix.name());
        if (named.isPresent() && named.getAsLong() != step) {
            throw new IllegalArgumentException(
                    "checkpoint set " + prefix + " does not match the manifest's step " + step);
        }
    }

    private static void checkFileName(S3Uri prefix, String name) {
        if (name == null
                || !FILE_NAME.matcher(name).matches()
                || name.equals(RunLayout.MANIFEST)
                || List.of(name.split("/")).stream().anyMatch(s -> s.equals(".") || s.equals(".."))) {
            throw new IllegalArgumentException("checkpoint set " + prefix + ": invalid file name '" + name
                    + "' (letters, digits, '.', '_', '-', '/'-separated; not " + RunLayout.MANIFEST + ")");
        }
    }
}
