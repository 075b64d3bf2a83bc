package dev.simclr.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads from JSON-like maps with one-line errors naming the key. */
final class MapValues {

    private MapValues() {}

    static Object required(Map<String, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            throw new IllegalArgumentException("model config: missing key '" + key + "'");
        }
        return value;
    }

    static String string(Map<String, ?> map, String key) {
        Object value = required(map, key);
        if (!(value instanceof String s)) {
            throw new IllegalArgumentException("model config: '" + key + "' must be a string, got " + value);
        }
        return s;
    }

    static Number number(Map<String, ?> map, String key) {
        Object value = required(map, key);
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("model config: '" + key + "' must be a number, got " + value);
        }
        return n;
    }

    static int integer(Map<String, ?> map, String key) {
        Number n = number(map, key);
        double d = n.doubleValue();
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("model config: '" + key + "' must be an integer, got " + n);
        }
        return (int) d;
    }

    static boolean bool(Map<String, ?> map, String key) {
        Object value = required(map, key);
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException("model config: '" + key + "' must be true or false, got " + value);
        }
        return b;
    }

    static List<Double> doubles(Map<String, ?> map, String key) {
        Object value = required(map, key);
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("model config: '" + key + "' must be a list of numbers, got " + value);
        }
        List<Double> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Number n)) {
                throw new IllegalArgumentException(
                        "model config: '" + key + "' must be a list of numbers, got " + value);
            }
            out.add(n.doubleValue());
        }
        return out;
    }
}
