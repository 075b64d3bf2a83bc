package dev.simclr.contracts;

import java.util.regex.Pattern;

/**
 * Field validation shared by the message records. Every method throws a {@link ContractException} whose message starts
 * with the record's context, e.g. {@code "eval result: linearTop1 must be in [0, 1], got 1.5"}.
 */
final class Checks {

    /** Longest URI accepted anywhere in the contracts. */
    static final int MAX_URI_CHARS = 4096;

    /** Longest run id; run ids become S3 path segments. */
    static final int MAX_RUN_ID_CHARS = 128;

    /** Longest short free-text tag (split, dataset, eval set, timing names). */
    static final int MAX_TAG_CHARS = 128;

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern METRIC_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private Checks() {}

    static ContractException fail(String ctx, String detail) {
        return new ContractException(ctx + ": " + detail);
    }

    /** Rejects null with {@code "<ctx>: '<field>' is required"}. */
    static <T> T required(String ctx, String field, T value) {
        if (value == null) {
            throw fail(ctx, "'" + field + "' is required");
        }
        return value;
    }

    static long nonNegative(String ctx, String field, long value) {
        if (value < 0) {
            throw fail(ctx, field + " must be >= 0, got " + value);
        }
        return value;
    }

    static int atLeast(String ctx, String field, int value, int min) {
        if (value < min) {
            throw fail(ctx, field + " must be >= " + min + ", got " + value);
        }
        return value;
    }

    static double finite(String ctx, String field, double value) {
        if (!Double.isFinite(value)) {
            throw fail(ctx, field + " must be a finite number, got " + value);
        }
        return value;
    }

    static double nonNegative(String ctx, String field, double value) {
        finite(ctx, field, value);
        if (value < 0) {
            throw fail(ctx, field + " must be >= 0, got " + value);
        }
        return value;
    }

    /** A fraction such as an accuracy: finite and within [0, 1]. */
    static double fraction(String ctx, String field, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw fail(ctx, field + " must be in [0, 1], got " + value);
        }
        return value;
    }

    /** A URI with a scheme, at most {@value #MAX_URI_CHARS} characters, no whitespace. */
    static String uri(String ctx, String field, String uri) {
        required(ctx, field, uri);
        if (uri.isEmpty()) {
            throw fail(ctx, field + " must not be empty");
        }
        if (uri.length() > MAX_URI_CHARS) {
            throw fail(ctx, field + " is " + uri.length() + " characters long (max " + MAX_URI_CHARS + ")");
        }
        checkChars(ctx, field, uri);
        int space = Text.firstWhitespace(uri);
        if (space >= 0) {
            throw fail(
                    ctx,
                    field + " contains whitespace at index " + space + " (percent-encode it, e.g. %20): "
                            + Text.quote(uri));
        }
        int colon = uri.indexOf(':');
        if (colon <= 0 || !SCHEME.matcher(uri.substring(0, colon)).matches()) {
            throw fail(
                    ctx,
                    field + " has no scheme: " + Text.quote(uri) + " (expected e.g. s3://bucket/key or file:///path)");
        }
        if (colon == 1) {
            throw fail(
                    ctx,
                    field + " " + Text.quote(uri) + " starts with a drive letter, not a scheme (use file:///C:/...)");
        }
        if (colon == uri.length() - 1) {
            throw fail(ctx, field + " has nothing after the scheme: " + Text.quote(uri));
        }
        return uri;
    }

    /** A run id: 1..128 of {@code [A-Za-z0-9._-]}, starting with a letter or digit. */
    static String runId(String ctx, String runId) {
        required(ctx, "runId", runId);
        if (runId.length() > MAX_RUN_ID_CHARS || !RUN_ID.matcher(runId).matches()) {
            throw fail(
                    ctx,
                    "runId must be 1.." + MAX_RUN_ID_CHARS
                            + " characters of [A-Za-z0-9._-] starting with a letter or digit, got "
                            + Text.quote(runId));
        }
        return runId;
    }

    /**
     * A metric name: 1..64 of {@code [a-z0-9_]}, starting with a letter (safe as a JSON key, a Prometheus label value
     * and a CSS class).
     */
    static String metricName(String ctx, String field, String name) {
        required(ctx, field, name);
        if (!METRIC_NAME.matcher(name).matches()) {
            throw fail(
                    ctx,
                    field + " must be 1..64 characters of [a-z0-9_] starting with a letter, got " + Text.quote(name));
        }
        return name;
    }

    /** 64 lower-case hex characters. */
    static String sha256(String ctx, String field, String hex) {
        required(ctx, field, hex);
        if (!SHA256.matcher(hex).matches()) {
            throw fail(ctx, field + " must be 64 lower-case hex characters, got " + Text.quote(hex));
        }
        return hex;
    }

    /**
     * An identifier: 1..maxBytes UTF-8 bytes, no control characters or unpaired surrogates, no leading or trailing
     * whitespace.
     */
    static String id(String ctx, String field, String id, int maxBytes) {
        required(ctx, field, id);
        if (id.isEmpty()) {
            throw fail(ctx, field + " must not be empty");
        }
        checkText(ctx, field, id);
        int bytes = Text.utf8Length(id);
        if (bytes > maxBytes) {
            throw fail(ctx, field + " is " + bytes + " UTF-8 bytes long (max " + maxBytes + ")");
        }
        return id;
    }

    /** A short label such as a split or dataset name: 1..{@value #MAX_TAG_CHARS} characters. */
    static String tag(String ctx, String field, String tag) {
        required(ctx, field, tag);
        if (tag.isEmpty()) {
            throw fail(ctx, field + " must not be empty");
        }
        if (tag.length() > MAX_TAG_CHARS) {
            throw fail(ctx, field + " is " + tag.length() + " characters long (max " + MAX_TAG_CHARS + ")");
        }
        checkText(ctx, field, tag);
        return tag;
    }

    private static void checkChars(String ctx, String field, String s) {
        int bad = Text.firstControlOrBrokenChar(s);
        if (bad >= 0) {
            String what = Character.isISOControl(s.charAt(bad)) ? "a control character" : "an unpaired surrogate";
            throw fail(ctx, field + " contains " + what + " at index " + bad + ": " + Text.quote(s));
        }
    }

    private static void checkText(String ctx, String field, String s) {
        checkChars(ctx, field, s);
        if (Text.hasOuterWhitespace(s)) {
            throw fail(ctx, field + " must not start or end with whitespace: " + Text.quote(s));
        }
    }
}
