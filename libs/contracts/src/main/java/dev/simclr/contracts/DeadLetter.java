package dev.simclr.contracts;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dead-letter conventions: a record that a service cannot process is copied unchanged (same key and value) to
 * {@link Topics#dlq(String) its topic's .dlq} with these headers (UTF-8 strings).
 */
public final class DeadLetter {

    /** Human-readable one-line reason, e.g. a {@link ContractException} message. */
    public static final String REASON = "dlq.reason";

    /** Machine-readable {@link Reason#code()}. */
    public static final String REASON_CODE = "dlq.reason.code";

    /** Fully qualified class name of the exception that caused the failure (if any). */
    public static final String EXCEPTION_CLASS = "dlq.exception.class";

    /** Topic the failed record was read from. */
    public static final String SOURCE_TOPIC = "dlq.source.topic";

    /** Partition the failed record was read from (decimal). */
    public static final String SOURCE_PARTITION = "dlq.source.partition";

    /** Offset of the failed record (decimal). */
    public static final String SOURCE_OFFSET = "dlq.source.offset";

    /** When the failure happened, ISO-8601 UTC instant. */
    public static final String FAILED_AT = "dlq.failed.at";

    /** Longest reason text put into the {@link #REASON} header. */
    public static final int MAX_REASON_CHARS = 1000;

    private DeadLetter() {}

    /** Why a record was dead-lettered; {@link #code()} is stable and lower-kebab-case. */
    public enum Reason {
        /** The value is not a valid message of the topic's contract. */
        UNPARSEABLE("unparseable"),
        /** The URI scheme is not supported by the service. */
        UNSUPPORTED_URI("unsupported-uri"),
        /** The URI is supported but refused by policy (e.g. https disabled, host not allowed). */
        REFUSED_URI("refused-uri"),
        /** The referenced object does not exist. */
        NOT_FOUND("not-found"),
        /** Fetching the referenced object failed after retries. */
        FETCH_FAILED("fetch-failed"),
        /** The object or image exceeds a configured size limit. */
        TOO_LARGE("too-large"),
        /** The bytes are not a decodable image. */
        UNDECODABLE("undecodable"),
        /** Processing took longer than allowed. */
        TIMEOUT("timeout"),
        /** A view pair is well-formed but unusable (e.g. wrong content). */
        BAD_VIEW("bad-view"),
        /** A view pair's shape does not match what the consumer trains on. */
        WRONG_SHAPE("wrong-shape"),
        /** A checkpoint is missing, corrupt or does not verify. */
        BAD_CHECKPOINT("bad-checkpoint"),
        /** An unexpected failure inside the service. */
        INTERNAL("internal");

        private final String code;

        Reason(String code) {
            this.code = code;
        }

        /** The stable code written to the {@link #REASON_CODE} header. */
        public String code() {
            return code;
        }

        /**
         * The reason with this code.
         *
         * @throws ContractException for an unknown code
         */
        public static Reason fromCode(String code) {
            for (Reason r : values()) {
                if (r.code.equals(code)) {
                    return r;
                }
            }
            throw new ContractException(
                    "dead letter: unknown reason code " + (code == null ? "null" : Text.quote(code)));
        }
    }

    /**
     * The dead-letter headers in a stable order, as strings (encode them as UTF-8 Kafka headers).
     *
     * @param reason the reason category
     * @param message the human-readable reason; made one line and cut to {@value #MAX_REASON_CHARS} characters
     * @param failure the exception, or null when there is none
     * @param sourceTopic the topic of the failed record
     * @param sourcePartition its partition
     * @param sourceOffset its offset
     * @param failedAt when it failed
     */
    public static Map<String, String> headers(
            Reason reason,
            String message,
            Throwable failure,
            String sourceTopic,
            int sourcePartition,
            long sourceOffset,
            Instant failedAt) {
        Checks.required("dead letter", "reason", reason);
        Checks.required("dead letter", "sourceTopic", sourceTopic);
        Checks.required("dead letter", "failedAt", failedAt);
        Map<String, String> h = new LinkedHashMap<>();
        h.put(REASON, oneLine(message == null || message.isBlank() ? reason.code() : message));
        h.put(REASON_CODE, reason.code());
        if (failure != null) {
            h.put(EXCEPTION_CLASS, failure.getClass().getName());
        }
        h.put(SOURCE_TOPIC, sourceTopic);
        h.put(SOURCE_PARTITION, Integer.toString(sourcePartition));
        h.put(SOURCE_OFFSET, Long.toString(sourceOffset));
        h.put(FAILED_AT, failedAt.toString());
        return Collections.unmodifiableMap(h);
    }

    /**
     * Makes a reason fit one header line: line breaks and other control characters become spaces, runs of spaces
     * collapse, and the text is cut to {@value #MAX_REASON_CHARS} characters.
     */
    public static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(message.length(), MAX_REASON_CHARS));
        boolean space = false;
        for (int i = 0; i < message.length() && b.length() < MAX_REASON_CHARS; i++) {
            char c = message.charAt(i);
            if (Character.isISOControl(c) || Character.isWhitespace(c)) {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(c);
        }
        int end = Math.min(b.length(), MAX_REASON_CHARS);
        if (end > 0 && Character.isHighSurrogate(b.charAt(end - 1))) {
            end--; // never cut a surrogate pair in half
        }
        return b.substring(0, end);
    }
}
