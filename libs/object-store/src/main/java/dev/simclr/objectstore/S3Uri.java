package dev.simclr.objectstore;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * An object or prefix in S3: {@code s3://bucket/key}. The key may be empty (the bucket root); a key ending in {@code /}
 * names a prefix ("folder").
 *
 * @param bucket DNS-style bucket name, 3-63 characters
 * @param key object key or prefix, without a leading slash; empty for the bucket root
 */
public record S3Uri(String bucket, String key) {

    private static final String SCHEME = "s3://";
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final int MAX_KEY_BYTES = 1024;

    /** Validates bucket and key; a null key means the bucket root. */
    public S3Uri {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            throw new IllegalArgumentException("invalid bucket name '" + bucket + "': use 3-63 characters of lower-case"
                    + " letters, digits, dots and hyphens, starting and ending with a letter or digit");
        }
        key = key == null ? "" : key;
        if (key.startsWith("/")) {
            throw new IllegalArgumentException(
                    "invalid key '" + key + "' in bucket " + bucket + ": must not start with '/'");
        }
        if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException(
                    "key in bucket " + bucket + " is longer than " + MAX_KEY_BYTES + " bytes");
        }
        for (int i = 0; i < key.length(); i++) {
            if (Character.isISOControl(key.charAt(i))) {
                throw new IllegalArgumentException(
                        "invalid key in bucket " + bucket + ": control character at index " + i);
            }
        }
    }

    /**
     * Parses {@code s3://bucket/key}, {@code s3://bucket/} or {@code s3://bucket}.
     *
     * @throws IllegalArgumentException with the reason when the value is not a valid S3 URI
     */
    public static S3Uri parse(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("S3 URI is empty");
        }
        if (!value.startsWith(SCHEME)) {
            throw new IllegalArgumentException("not an s3:// URI: '" + value + "'");
        }
        String rest = value.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        try {
            return new S3Uri(bucket, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad S3 URI '" + value + "': " + e.getMessage(), e);
        }
    }

    /** True for the bucket root and for keys ending in {@code /}. */
    public boolean isPrefix() {
        return key.isEmpty() || key.endsWith("/");
    }

    /** This URI with a trailing {@code /} added to a non-empty key that lacks one. */
    public S3Uri asPrefix() {
        return isPrefix() ? this : new S3Uri(bucket, key + "/");
    }

    /**
     * The URI of {@code child} below this one: {@code s3://b/run} resolve {@code x} gives {@code s3://b/run/x}.
     *
     * @param child relative key, not empty and not starting with {@code /}
     */
    public S3Uri resolve(String child) {
        if (child == null || child.isEmpty() || child.startsWith("/")) {
            throw new IllegalArgumentException(
                    "cannot resolve '" + child + "' against " + this + ": the child must be a non-empty relative key");
        }
        return new S3Uri(bucket, isPrefix() ? key + child : key + "/" + child);
    }

    /**
     * The enclosing prefix: {@code s3://b/a/b/c} and {@code s3://b/a/b/c/} both give {@code s3://b/a/b/}.
     *
     * @throws IllegalStateException for the bucket root
     */
    public S3Uri parent() {
        if (key.isEmpty()) {
            throw new IllegalStateException(this + " is a bucket root and has no parent");
        }
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        int slash = trimmed.lastIndexOf('/');
        return new S3Uri(bucket, slash < 0 ? "" : trimmed.substring(0, slash + 1));
    }

    /** The last path segment of the key (without a trailing slash); empty for the bucket root. */
    public String name() {
        String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
