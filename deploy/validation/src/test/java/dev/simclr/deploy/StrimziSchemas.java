package dev.simclr.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Strimzi's CRD schemas (trimmed copies of release {@link #RELEASE}, test resources {@code strimzi/<release>/}) and a
 * check of custom resources against them, field by field, the way the API server does with strict field validation: an
 * apiVersion the CRD does not serve, a field the schema does not declare, a wrong type, a value outside an enum or
 * pattern, a number out of range and a missing required field are problems. CEL rules
 * ({@code x-kubernetes-validations}) are not evaluated.
 */
final class StrimziSchemas {

    /** The Strimzi release whose schemas are vendored: the oldest one the manifests support. */
    static final String RELEASE = "1.0.0";

    /** Strimzi's API group. */
    static final String GROUP = "kafka.strimzi.io";

    private static final List<String> FILES = List.of("kafka", "kafkanodepool", "kafkatopic", "kafkauser");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static StrimziSchemas instance;

    /** Kind -> served version -> openAPIV3Schema. */
    private final Map<String, Map<String, JsonNode>> schemas;

    private StrimziSchemas(Map<String, Map<String, JsonNode>> schemas) {
        this.schemas = schemas;
    }

    /** The vendored schemas (loaded once). */
    static synchronized StrimziSchemas get() {
        if (instance == null) {
            Map<String, Map<String, JsonNode>> out = new TreeMap<>();
            for (String file : FILES) {
                String resource = "/strimzi/" + RELEASE + "/" + file + ".crd.yaml";
                try (InputStream in = StrimziSchemas.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("test resource " + resource + " is missing");
                    }
                    JsonNode crd = YAML.readTree(in);
                    if (!GROUP.equals(crd.path("spec").path("group").asText())) {
                        throw new IllegalStateException(resource + " is not a CRD of " + GROUP);
                    }
                    Map<String, JsonNode> versions = new LinkedHashMap<>();
                    for (JsonNode v : crd.path("spec").path("versions")) {
                        if (v.path("served").asBoolean()) {
                            versions.put(
                                    v.path("name").asText(), v.path("schema").path("openAPIV3Schema"));
                        }
                    }
                    out.put(crd.path("spec").path("names").path("kind").asText(), versions);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + resource, e);
                }
            }
            instance = new StrimziSchemas(out);
        }
        return instance;
    }

    /** The kinds whose schemas are vendored. */
    List<String> kinds() {
        return List.copyOf(schemas.keySet());
    }

    /** The versions Strimzi {@link #RELEASE} serves for {@code kind}. */
    List<String> servedVersions(String kind) {
        return List.copyOf(schemas.getOrDefault(kind, Map.of()).keySet());
    }

    /** What is wrong with {@code resource} (a whole document: apiVersion, kind, metadata, spec), one line each. */
    List<String> problems(JsonNode resource) {
        String kind = resource.path("kind").asText();
        String where = kind + "/" + resource.path("metadata").path("name").asText("?");
        String api = resource.path("apiVersion").asText();
        List<String> out = new ArrayList<>();
        if (!api.startsWith(GROUP + "/")) {
            out.add(where + ": apiVersion " + api + " is not in group " + GROUP);
            return out;
        }
        Map<String, JsonNode> versions = schemas.get(kind);
        if (versions == null) {
            out.add(where + ": no vendored Strimzi schema for kind " + kind + " (have " + schemas.keySet() + ")");
            return out;
        }
        String version = api.substring(GROUP.length() + 1);
        JsonNode schema = versions.get(version);
        if (schema == null) {
            out.add(where + ": " + api + " is not served by Strimzi " + RELEASE + " (it serves " + GROUP + "/"
                    + String.join(", ", versions.keySet()) + "; Strimzi 1.0 removed v1beta2)");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = resource.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (f.getKey().equals("metadata")
                    || f.getKey().equals("apiVersion")
                    || f.getKey().equals("kind")) {
                continue;
            }
            JsonNode property = schema.path("properties").get(f.getKey());
            if (property == null) {
                out.add(where + ": unknown field " + f.getKey());
            } else {
                check(f.getValue(), property, f.getKey(), where, out);
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!resource.has(required.asText())) {
                out.add(where + ": missing required field " + required.asText());
            }
        }
        return out;
    }

    private static void check(JsonNode node, JsonNode schema, String path, String where, List<String> out) {
        if (node == null || node.isNull()) {
            out.add(where + ": " + path + " is null (leave the field out instead)");
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!node.isIntegralNumber() && !node.isTextual()) {
                out.add(where + ": " + path + " must be an integer or a string, not " + node.getNodeType());
            } else if (node.isTextual()) {
                pattern(node, schema, path, where, out);
            }
            return;
        }
        alternatives(node, schema, path, where, out);
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> object(node, schema, path, where, out, preserve);
            case "array" -> {
                if (!node.isArray()) {
                    out.add(where + ": " + path + " must be an array");
                } else {
                    int i = 0;
                    for (JsonNode item : node) {
                        check(item, schema.path("items"), path + "[" + i++ + "]", where, out);
                    }
                    if (schema.has("minItems")
                            && node.size() < schema.get("minItems").asInt()) {
                        out.add(where + ": " + path + " needs at least "
                                + schema.get("minItems").asInt() + " items");
                    }
                }
            }
            case "string" -> {
                if (!node.isTextual()) {
                    out.add(where + ": " + path + " must be a string, not " + node.getNodeType() + " (" + node + ")");
                } else {
                    enumeration(node, schema, path, where, out);
                    pattern(node, schema, path, where, out);
                }
            }
            case "integer" -> {
                if (!node.isIntegralNumber()) {
                    out.add(where + ": " + path + " must be an integer, not " + node.getNodeType() + " (" + node + ")");
                } else {
                    range(node, schema, path, where, out);
                    enumeration(node, schema, path, where, out);
                }
            }
            case "number" -> {
                if (!node.isNumber()) {
                    out.add(where + ": " + path + " must be a number, not " + node.getNodeType() + " (" + node + ")");
                } else {
                    range(node, schema, path, where, out);
                }
            }
            case "boolean" -> {
                if (!node.isBoolean()) {
                    out.add(where + ": " + path + " must be a boolean, not " + node.getNodeType() + " (" + node + ")");
                }
            }
            case "" -> {
                if (!preserve && schema.has("properties")) {
                    object(node, schema, path, where, out, false);
                }
            }
            default ->
                out.add(where + ": " + path + ": the schema has type " + type + ", which this check does not know");
        }
    }

    private static void object(
            JsonNode node, JsonNode schema, String path, String where, List<String> out, boolean preserve) {
        if (!node.isObject()) {
            out.add(where + ": " + path + " must be an object, not " + node.getNodeType() + " (" + node + ")");
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.get("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String child = path + "." + f.getKey();
            if (properties.has(f.getKey())) {
                check(f.getValue(), properties.get(f.getKey()), child, where, out);
            } else if (additional != null && additional.isObject()) {
                check(f.getValue(), additional, child, where, out);
            } else if (!preserve && !(additional != null && additional.asBoolean())) {
                out.add(where + ": unknown field " + child);
            }
        }
        for (JsonNode required : schema.path("required")) {
            if (!node.has(required.asText())) {
                out.add(where + ": " + path + " misses required field " + required.asText());
            }
        }
    }

    /** oneOf/anyOf whose alternatives are sets of required fields (Strimzi uses them for "exactly one of"). */
    private static void alternatives(JsonNode node, JsonNode schema, String path, String where, List<String> out) {
        for (String keyword : List.of("oneOf", "anyOf")) {
            JsonNode alternatives = schema.get(keyword);
            if (alternatives == null || !node.isObject()) {
                continue;
            }
            int matched = 0;
            List<String> described = new ArrayList<>();
            boolean allRequired = true;
            for (JsonNode alt : alternatives) {
                if (!alt.has("required")) {
                    allRequired = false;
                    break;
                }
                List<String> fields = new ArrayList<>();
                alt.get("required").forEach(r -> fields.add(r.asText()));
                described.add(String.join("+", fields));
                if (fields.stream().allMatch(node::has)) {
                    matched++;
                }
            }
            if (!allRequired) {
                continue;
            }
            if (keyword.equals("oneOf") && matched != 1) {
                out.add(where + ": " + path + " must set exactly one of " + described + " (sets " + matched + ")");
            } else if (keyword.equals("anyOf") && matched == 0) {
                out.add(where + ": " + path + " must set one of " + described);
            }
        }
    }

    private static void enumeration(JsonNode node, JsonNode schema, String path, String where, List<String> out) {
        JsonNode values = schema.get("enum");
        if (values == null) {
            return;
        }
        for (JsonNode v : values) {
            if (v.equals(node) || v.asText().equals(node.asText())) {
                return;
            }
        }
        out.add(where + ": " + path + " is " + node + ", not one of " + values);
    }

    private static void pattern(JsonNode node, JsonNode schema, String path, String where, List<String> out) {
        if (schema.has("pattern")
                && !java.util.regex.Pattern.compile(schema.get("pattern").asText())
                        .matcher(node.asText())
                        .find()) {
            out.add(where + ": " + path + " is " + node + ", which does not match "
                    + schema.get("pattern").asText());
        }
    }

    private static void range(JsonNode node, JsonNode schema, String path, String where, List<String> out) {
        if (schema.has("minimum") && node.asDouble() < schema.get("minimum").asDouble()) {
            out.add(where + ": " + path + " is " + node + ", below the minimum " + schema.get("minimum"));
        }
        if (schema.has("maximum") && node.asDouble() > schema.get("maximum").asDouble()) {
            out.add(where + ": " + path + " is " + node + ", above the maximum " + schema.get("maximum"));
        }
    }
}
