package dev.simclr.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** Test helper: edits one top-level field of a JSON object. */
final class JsonEdit {

    private JsonEdit() {}

    static String without(String json, String field) {
        ObjectNode o = parse(json);
        o.remove(field);
        return o.toString();
    }

    /** Replaces (or adds) {@code field} with the JSON value {@code rawValue}. */
    static String with(String json, String field, String rawValue) {
        ObjectNode o = parse(json);
        o.set(field, parseValue(rawValue));
        return o.toString();
    }

    private static ObjectNode parse(String json) {
        return (ObjectNode) parseValue(json);
    }

    private static JsonNode parseValue(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
