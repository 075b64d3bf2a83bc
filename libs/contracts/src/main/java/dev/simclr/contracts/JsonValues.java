package dev.simclr.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts free-form values to canonical, deeply unmodifiable JSON values, so that a map built in Java equals the same
 * map after a JSON round trip: objects become ordered maps, arrays lists, integers the smallest of
 * Integer/Long/BigInteger, other numbers finite Doubles, everything else String, Boolean or null.
 */
final class JsonValues {

    private JsonValues() {}

    /** Canonicalises a Java map of JSON-serialisable values (null means empty). */
    static Map<String, Object> canonicalMap(String ctx, String path, Map<String, ?> map) {
        if (map == null) {
            return Map.of();
        }
        JsonNode tree;
        try {
            tree = Json.mapper().valueToTree(map);
        } catch (IllegalArgumentException e) {
            throw Checks.fail(
                    ctx, path + " are not JSON-serialisable: " + Text.escape(String.valueOf(e.getMessage()), 200));
        }
        return canonicalMap(ctx, path, tree);
    }

    /** Canonicalises a JSON object node. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> canonicalMap(String ctx, String path, JsonNode object) {
        if (!object.isObject()) {
            throw Checks.fail(ctx, path + " must be an object, got " + JsonFields.kind(object));
        }
        return (Map<String, Object>) canonical(ctx, path, object);
    }

    private static Object canonical(String ctx, String path, JsonNode n) {
        switch (n.getNodeType()) {
            case OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> e : n.properties()) {
                    m.put(e.getKey(), canonical(ctx, path + "." + e.getKey(), e.getValue()));
                }
                return Collections.unmodifiableMap(m);
            }
            case ARRAY: {
                List<Object> l = new ArrayList<>(n.size());
                for (int i = 0; i < n.size(); i++) {
                    l.add(canonical(ctx, path + "[" + i + "]", n.get(i)));
                }
                return Collections.unmodifiableList(l);
            }
            case NUMBER:
                return number(ctx, path, n);
            case STRING:
            case BINARY:
                return n.asText();
            case BOOLEAN:
                return n.booleanValue();
            case NULL:
                return null;
            default:
                throw Checks.fail(ctx, path + " is not a plain JSON value (" + n.getNodeType() + ")");
        }
    }

    private static Object number(String ctx, String path, JsonNode n) {
        if (n.isIntegralNumber()) {
            if (n.canConvertToInt()) {
                return n.intValue();
            }
            return n.canConvertToLong() ? (Object) n.longValue() : n.bigIntegerValue();
        }
        double d = n.doubleValue();
        if (!Double.isFinite(d)) {
            throw Checks.fail(ctx, path + " must be a finite number, got " + n.asText());
        }
        return d;
    }
}
