package dev.simclr.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A record of {@link Topics#IMAGES}: which image to learn from, with optional metadata.
 *
 * <p>On the wire it is either a bare URI ({@code s3://bucket/key.png}, {@code file:///x.png}, {@code https://...}) or a
 * JSON object {@code {"uri", "id"?, "label"?, "split"?, "dataset"?}}; unknown JSON fields are ignored.
 * {@link #parse(String)} tolerates surrounding whitespace (and a UTF-8 byte-order mark); string fields are stripped, so
 * {@code toJson()} round-trips exactly.
 *
 * @param uri where the image is; must have a scheme, at most {@value #MAX_URI_CHARS} chars, no whitespace or control
 *     characters
 * @param id optional stable image id (1..{@value #MAX_ID_BYTES} UTF-8 bytes, no control characters); see
 *     {@link #effectiveId()}
 * @param label optional class label, {@code >= 0} (used only by evaluation)
 * @param split optional split name such as {@code train} or {@code test}
 * @param dataset optional dataset name such as {@code fashion-mnist}
 */
public record ImageRef(String uri, String id, Integer label, String split, String dataset) {

    /** Longest accepted URI, in characters. */
    public static final int MAX_URI_CHARS = Checks.MAX_URI_CHARS;

    /** Longest accepted id, in UTF-8 bytes (the id becomes a Kafka key and a view pair id). */
    public static final int MAX_ID_BYTES = ViewPair.MAX_ID_BYTES;

    /** Longest accepted split or dataset name, in characters. */
    public static final int MAX_TAG_CHARS = Checks.MAX_TAG_CHARS;

    /** Longest accepted record value (bare URI or JSON), in bytes (or characters for a String). */
    public static final int MAX_VALUE_BYTES = 64 * 1024;

    private static final String CTX = "image ref";

    /** Validates every component; see the record description for the rules. */
    public ImageRef {
        Checks.uri(CTX, "uri", uri);
        if (id != null) {
            Checks.id(CTX, "id", id, MAX_ID_BYTES);
        }
        if (label != null && label < 0) {
            throw Checks.fail(CTX, "label must be an integer >= 0, got " + label);
        }
        if (split != null) {
            Checks.tag(CTX, "split", split);
        }
        if (dataset != null) {
            Checks.tag(CTX, "dataset", dataset);
        }
    }

    /** An image reference with a URI only. */
    public static ImageRef of(String uri) {
        return new ImageRef(uri, null, null, null, null);
    }

    /**
     * Parses a record value: UTF-8 bytes of a bare URI or a JSON object.
     *
     * @throws ContractException with the reason when the value is not a valid image reference
     */
    public static ImageRef parse(byte[] utf8) {
        Checks.required(CTX, "value", utf8);
        if (utf8.length > MAX_VALUE_BYTES) {
            throw Checks.fail(CTX, "value is " + utf8.length + " bytes long (max " + MAX_VALUE_BYTES + ")");
        }
        try {
            return parse(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString());
        } catch (CharacterCodingException e) {
            throw Checks.fail(CTX, "value is not valid UTF-8");
        }
    }

    /**
     * Parses a record value: a bare URI or a JSON object, surrounding whitespace ignored.
     *
     * @throws ContractException with the reason when the value is not a valid image reference
     */
    public static ImageRef parse(String value) {
        Checks.required(CTX, "value", value);
        if (value.length() > MAX_VALUE_BYTES) {
            throw Checks.fail(CTX, "value is " + value.length() + " characters long (max " + MAX_VALUE_BYTES + ")");
        }
        String v = value.strip();
        if (v.startsWith("\uFEFF")) {
            v = v.substring(1).strip();
        }
        if (v.isEmpty()) {
            throw Checks.fail(CTX, "value is empty");
        }
        char first = v.charAt(0);
        if (first == '{' || first == '[' || first == '"') {
            return fromJson(JsonFields.parse(CTX, v));
        }
        return of(v);
    }

    private static ImageRef fromJson(JsonFields f) {
        JsonNode uri = f.node("uri");
        if (uri == null) {
            throw Checks.fail(CTX, "'uri' is required");
        }
        if (!uri.isTextual()) {
            throw f.mismatch("uri", "a string", uri);
        }
        JsonNode label = f.node("label");
        if (label != null && !(label.isIntegralNumber() && label.canConvertToInt() && label.intValue() >= 0)) {
            throw Checks.fail(CTX, "label must be an integer >= 0, got " + JsonFields.echo(label));
        }
        return new ImageRef(
                uri.textValue().strip(),
                strip(f.optText("id")),
                label == null ? null : label.intValue(),
                strip(f.optText("split")),
                strip(f.optText("dataset")));
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    /**
     * This reference with {@code id} set to {@code defaultId} (stripped) if it has no id yet; unchanged if it has one
     * or {@code defaultId} is null or blank. Services call it with the record key, so the precedence is: JSON
     * {@code id}, then the record key, then the id derived from the URI ({@link #effectiveId()}).
     *
     * @throws ContractException if {@code defaultId} is used and is not a valid id
     */
    public ImageRef withDefaultId(String defaultId) {
        if (id != null || defaultId == null || defaultId.isBlank()) {
            return this;
        }
        return new ImageRef(uri, defaultId.strip(), label, split, dataset);
    }

    /**
     * The id to key this image by: {@link #id()} if present, else {@code "u-"} followed by the first 16 hex characters
     * of the SHA-256 of the URI's UTF-8 bytes (stable across services and runs).
     */
    public String effectiveId() {
        return id != null ? id : "u-" + Sha256.hex(uri).substring(0, 16);
    }

    /** Compact JSON with fields in the order uri, id, label, split, dataset; absent ones omitted. */
    public String toJson() {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("uri", uri);
        if (id != null) {
            o.put("id", id);
        }
        if (label != null) {
            o.put("label", label);
        }
        if (split != null) {
            o.put("split", split);
        }
        if (dataset != null) {
            o.put("dataset", dataset);
        }
        return Json.compact(o);
    }
}
