package dev.simclr.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** JSON mapping of {@link CheckpointManifest}; field order is the record's component order. */
final class ManifestJson {

    private static final String CTX = CheckpointManifest.CTX;

    /** A partition key: a decimal int without sign or leading zeros. */
    private static final Pattern PARTITION = Pattern.compile("0|[1-9][0-9]{0,9}");

    private ManifestJson() {}

    static ObjectNode toNode(CheckpointManifest m) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("formatVersion", m.formatVersion());
        o.put("runId", m.runId());
        o.put("step", m.step());
        o.put("epoch", m.epoch());
        o.put("samplesSeen", m.samplesSeen());
        o.put("createdAt", m.createdAt().toString());
        ArrayNode files = o.putArray("files");
        for (CheckpointManifest.FileEntry f : m.files()) {
            files.addObject().put("name", f.name()).put("size", f.size()).put("sha256", f.sha256());
        }
        ObjectNode offsets = o.putObject("offsets");
        m.offsets().forEach((topic, partitions) -> {
            ObjectNode t = offsets.putObject(topic);
            partitions.forEach((p, offset) -> t.put(Integer.toString(p), offset));
        });
        o.set("attributes", Json.mapper().valueToTree(m.attributes()));
        return o;
    }

    static CheckpointManifest fromFields(JsonFields f) {
        int version = f.intValue("formatVersion");
        if (version != CheckpointManifest.FORMAT_VERSION) {
            throw CheckpointManifest.unsupported(version);
        }
        return new CheckpointManifest(
                version,
                f.text("runId"),
                f.longValue("step"),
                f.longValue("epoch"),
                f.longValue("samplesSeen"),
                f.instant("createdAt"),
                files(f),
                offsets(f.object("offsets")),
                JsonValues.canonicalMap(
                        CTX, "attributes", f.object("attributes").raw()));
    }

    private static List<CheckpointManifest.FileEntry> files(JsonFields f) {
        JsonNode array = f.array("files");
        List<CheckpointManifest.FileEntry> files = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonFields e = JsonFields.nested(CTX, "files[" + i + "]", array.get(i));
            files.add(new CheckpointManifest.FileEntry(e.text("name"), e.longValue("size"), e.text("sha256")));
        }
        return files;
    }

    private static Map<String, Map<Integer, Long>> offsets(JsonFields offsets) {
        Map<String, Map<Integer, Long>> result = new LinkedHashMap<>();
        for (Iterator<String> topics = offsets.raw().fieldNames(); topics.hasNext(); ) {
            String topic = topics.next();
            JsonFields partitions = offsets.object(topic);
            Map<Integer, Long> p = new LinkedHashMap<>();
            for (Iterator<String> keys = partitions.raw().fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                long partition = PARTITION.matcher(key).matches() ? Long.parseLong(key) : -1;
                if (partition < 0 || partition > Integer.MAX_VALUE) {
                    throw Checks.fail(
                            CTX, "offsets." + topic + " partition key " + Text.quote(key) + " must be an integer >= 0");
                }
                p.put((int) partition, partitions.longValue(key));
            }
            result.put(topic, p);
        }
        return result;
    }
}
