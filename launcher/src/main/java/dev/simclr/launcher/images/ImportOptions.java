package dev.simclr.launcher.images;

/**
 * Options of an import.
 *
 * @param bucket bucket images are uploaded to
 * @param prefix key prefix (null = the dataset name)
 * @param split split to import (IDX: {@code train}, {@code test}; null = {@value IdxSource#DEFAULT_SPLIT}) or to record
 *     (directories, manifests)
 * @param limit at most this many images (0 = all)
 * @param dataset dataset name recorded in every ImageRef (null = derived from the source)
 */
public record ImportOptions(String bucket, String prefix, String split, int limit, String dataset) {

    /** Validates. */
    public ImportOptions {
        if (bucket == null || !bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw new IllegalArgumentException("--bucket: '" + bucket + "' is not a valid bucket name"
                    + " (3-63 lower-case letters, digits, '.' or '-')");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be >= 0, got " + limit);
        }
        if (prefix != null) {
            prefix = trimSlashes(prefix);
        }
        if (split != null && (split.isBlank() || split.length() > 128)) {
            throw new IllegalArgumentException("--split must be 1-128 characters");
        }
    }

    /** The prefix to use: the given one or the dataset name. */
    public String prefixOr(String datasetName) {
        return prefix != null ? prefix : datasetName;
    }

    /** The dataset name: the given one or {@code fallback}. */
    public String datasetOr(String fallback) {
        return dataset != null ? dataset : fallback;
    }

    /** {@code prefix + "/" + rest}, without doubled or leading slashes. */
    public static String key(String prefix, String rest) {
        String p = trimSlashes(prefix);
        String r = trimSlashes(rest);
        return p.isEmpty() ? r : p + "/" + r;
    }

    private static String trimSlashes(String s) {
        String t = s.replace('\\', '/');
        while (t.startsWith("/")) {
            t = t.substring(1);
        }
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }
}
