package dev.simclr.launcher.images;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.contracts.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The held-out share of an import: images the run never trains on, which become its evaluation set. An image is held
 * out when a seeded hash of its id falls below the fraction, so the choice depends only on (seed, id): importing again,
 * or adding images later, never moves an image between training and evaluation. Held-out images are uploaded under
 * {@code eval-sets/<run>/} (the prefix the evaluator's S3 identity may read) and still pushed on {@code simclr.images},
 * with the split {@value #SPLIT}, which the augmenter excludes from training; their manifest (ImageRef JSON lines, plus
 * {@code "class"} for labelled images) goes to {@link #manifestUri}, where the evaluator's {@code holdout-set} points.
 * In the manifest, {@code split} is the evaluation's: a second hash puts each labelled image in the probe's
 * {@code train} (fit) or {@code test} (score) half; unlabelled images are all {@code test}.
 */
public final class Holdout {

    /** The split of held-out images on {@code simclr.images}: the split the augmenter leaves out. */
    public static final String SPLIT = "test";

    private Holdout() {}

    /** Where the held-out manifest of run {@code runId} lives: {@code s3://<bucket>/eval-sets/<run>/holdout.jsonl}. */
    public static String manifestUri(String bucket, String runId) {
        return "s3://" + bucket + "/" + manifestKey(runId);
    }

    /** The object key of {@link #manifestUri}. */
    public static String manifestKey(String runId) {
        return prefix(runId) + "holdout.jsonl";
    }

    /** The key prefix of run {@code runId}'s held-out images and manifest: {@code eval-sets/<run>/}. */
    public static String prefix(String runId) {
        return "eval-sets/" + runId + "/";
    }

    /**
     * An import split into what is trained on and what is held out.
     *
     * @param items every item to import, held-out ones with the split {@value #SPLIT}
     * @param heldOut the held-out items (also in {@code items})
     */
    public record Plan(List<ImportItem> items, List<ImportItem> heldOut) {}

    /**
     * Holds out about {@code fraction} of {@code items} (by a hash of {@code seed} and the id) for run {@code runId}:
     * uploads of held-out images go under {@link #prefix}.
     *
     * @throws IllegalArgumentException when the fraction is not in [0, 1) or an item has no id
     */
    public static Plan plan(List<ImportItem> items, double fraction, long seed, String runId) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("--holdout must be in [0, 1), got " + fraction);
        }
        List<ImportItem> all = new ArrayList<>(items.size());
        List<ImportItem> held = new ArrayList<>();
        for (ImportItem item : items) {
            if (item.id() == null) {
                throw new IllegalArgumentException("held-out images need ids, " + item.uri() + " has none");
            }
            if (unit(seed, item.id(), 0) < fraction) {
                ImportItem h = item.heldOut(SPLIT, prefix(runId));
                all.add(h);
                held.add(h);
            } else {
                all.add(item);
            }
        }
        return new Plan(List.copyOf(all), List.copyOf(held));
    }

    /**
     * The manifest of the held-out items (one JSON line each, in item order).
     *
     * @param bucket where uploaded items went (their final URIs)
     * @param classNames class names by label (may be empty)
     * @param seed the seed of {@link #plan}; also decides each labelled image's evaluation split
     */
    public static byte[] manifest(List<ImportItem> heldOut, String bucket, List<String> classNames, long seed) {
        StringBuilder out = new StringBuilder();
        for (ImportItem item : heldOut) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("uri", item.finalUri(bucket));
            o.put("id", item.id());
            if (item.label() != null) {
                o.put("label", item.label());
                if (item.label() < classNames.size()) {
                    o.put("class", classNames.get(item.label()));
                }
                o.put("split", unit(seed, item.id(), 1) < 0.5 ? "train" : "test");
            } else {
                o.put("split", "test");
            }
            if (item.dataset() != null) {
                o.put("dataset", item.dataset());
            }
            out.append(o.toString()).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A uniform number in [0, 1) from (seed, id, stream): FNV-1a of the id's UTF-8 bytes, SplitMix64 finalised. */
    static double unit(long seed, String id, int stream) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        long z = h ^ (seed * 0x9E3779B97F4A7C15L) ^ ((stream + 1L) * 0xC2B2AE3D27D4EB4FL);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
