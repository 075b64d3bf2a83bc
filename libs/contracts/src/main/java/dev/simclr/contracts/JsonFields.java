package dev.simclr.contracts;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Typed, validated access to the fields of one JSON object, failing with one-line reasons such as {@code "checkpoint
 * event: 'runId' is required"} or {@code "eval result: step must be an integer, got \"7\""}. A JSON {@code null} counts
 * as absent.
 */
final class JsonFields {

    private final String ctx;
    private final String prefix;
    private final JsonNode object;

    private JsonFields(String ctx, String prefix, JsonNode object) {
        this.ctx = ctx;
        this.prefix = prefix;
        this.object = object;
    }

    /** Parses UTF-8 (or UTF-16/32, auto-detected) JSON that must be one object. */
    static JsonFields parse(String ctx, byte[] json) {
        Checks.required(ctx, "value", json);
        try {
            return of(ctx, Json.mapper().readTree(json));
        } catch (IOException e) {
            throw invalid(ctx, e);
        }
    }

    /** Parses JSON text that must be one object. */
    static JsonFields parse(String ctx, String json) {
        Checks.required(ctx, "value", json);
        try {
            return of(ctx, Json.mapper().readTree(json));
        } catch (IOException e) {
            throw invalid(ctx, e);
        }
    }

    /** Wraps a top-level node that must be a JSON object. */
    static JsonFields of(String ctx, JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw Checks.fail(ctx, "value is empty");
        }
        if (!node.isObject()) {
            throw Checks.fail(ctx, "JSON value must be an object, got " + kind(node));
        }
        return new JsonFields(ctx, "", node);
    }

    /** Wraps a nested node that must be a JSON object; {@code path} names it in messages. */
    static JsonFields nested(String ctx, String path, JsonNode node) {
        if (!node.isObject()) {
            throw Checks.fail(ctx, path + " must be an object, got " + echo(node));
        }
        return new JsonFields(ctx, path + ".", node);
    }

    /** The field's node, or null if it is absent or JSON null. */
    JsonNode node(String name) {
        JsonNode n = object.get(name);
        return n == null || n.isNull() ? null : n;
    }

    String text(String name) {
        return Checks.required(ctx, prefix + name, optText(name));
    }

    String optText(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (!n.isTextual()) {
            throw mismatch(name, "a string", n);
        }
        return n.textValue();
    }

    long longValue(String name) {
        JsonNode n = Checks.required(ctx, prefix + name, node(name));
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw mismatch(name, "an integer", n);
        }
        return n.longValue();
    }

    int intValue(String name) {
        JsonNode n = Checks.required(ctx, prefix + name, node(name));
        if (!n.isIntegralNumber() || !n.canConvertToInt()) {
            throw mismatch(name, "a 32-bit integer", n);
        }
        return n.intValue();
    }

    boolean booleanValue(String name) {
        JsonNode n = Checks.required(ctx, prefix + name, node(name));
        if (!n.isBoolean()) {
            throw mismatch(name, "a boolean", n);
        }
        return n.booleanValue();
    }

    double doubleValue(String name) {
        return Checks.required(ctx, prefix + name, optDouble(name));
    }

    Double optDouble(String name) {
        JsonNode n = node(name);
        if (n == null) {
            return null;
        }
        if (!n.isNumber()) {
            throw mismatch(name, "a number", n);
        }
        return Checks.finite(ctx, prefix + name, n.doubleValue());
    }

    /** An ISO-8601 instant: {@code 2025-01-31T12:00:00Z}, or with an offset instead of Z. */
    Instant instant(String name) {
        String s = text(name);
        try {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s, Instant::from);
        } catch (DateTimeParseException e) {
            throw Checks.fail(
                    ctx,
                    prefix + name + " must be an ISO-8601 instant such as " + "2025-01-31T12:00:00Z, got "
                            + Text.quote(s));
        }
    }

    /** A required JSON object field. */
    JsonFields object(String name) {
        JsonNode n = Checks.required(ctx, prefix + name, node(name));
        return nested(ctx, prefix + name, n);
    }

    /** A required JSON array field. */
    JsonNode array(String name) {
        JsonNode n = Checks.required(ctx, prefix + name, node(name));
        if (!n.isArray()) {
            throw mismatch(name, "an array", n);
        }
        return n;
    }

    /** The wrapped object node. */
    JsonNode raw() {
        return object;
    }

    ContractException mismatch(String name, String expected, JsonNode actual) {
        return Checks.fail(ctx, prefix + name + " must be " + expected + ", got " + echo(actual));
    }

    /** A short, one-line rendering of a JSON value for error messages. */
    static String echo(JsonNode n) {
        return Text.escape(n.toString(), Text.MAX_ECHO_CHARS);
    }

    static String kind(JsonNode n) {
        switch (n.getNodeType()) {
            case ARRAY:
                return "array";
            case STRING:
                return "string";
            case NUMBER:
                return "number";
            case BOOLEAN:
                return "boolean";
            case NULL:
                return "null";
            default:
                return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static ContractException invalid(String ctx, IOException e) {
        String detail = e instanceof JacksonException ? ((JacksonException) e).getOriginalMessage() : e.getMessage();
        StringBuilder reason = new StringBuilder("not valid JSON: ").append(Text.escape(String.valueOf(detail), 200));
        JsonLocation loc = e instanceof JacksonException ? ((JacksonException) e).getLocation() : null;
        if (loc != null && loc.getLineNr() > 0) {
            reason.append(" at line ")
                    .append(loc.getLineNr())
                    .append(", column ")
                    .append(loc.getColumnNr());
        }
        return new ContractException(ctx + ": " + reason, e);
    }
}
