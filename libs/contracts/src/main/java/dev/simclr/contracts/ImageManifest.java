package dev.simclr.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one reader of JSON-lines image manifests: one image per line, blank lines skipped, every problem reported as
 * {@code <source> line <n>: <reason>} (a {@link ContractException}). It parses bytes the caller has read (no I/O). Two
 * dialects share the line handling:
 *
 * <ul>
 *   <li>{@link #readImport import manifests} ({@code simclr import}, {@code simclr embed}): {@code {"path":
 *       "cats/1.png"}} (a local file relative to a base directory) or {@code {"uri": "s3://..."}} (a {@code file:} URI
 *       is a local file too), plus optional {@code "label"} (integer &gt;= 0), {@code "split"}, {@code "id"},
 *       {@code "dataset"}; any other field is an error (a misspelt field is caught, not ignored).
 *   <li>{@link #readRefs image-ref manifests} (eval sets, the held-out manifest): each line an {@link ImageRef} (its
 *       JSON form, or a bare URI where allowed) plus an optional {@code "class"} name; other fields are ignored, as in
 *       {@link ImageRef#parse(String)}.
 * </ul>
 */
public final class ImageManifest {

    private static final Set<String> IMPORT_FIELDS = Set.of("uri", "path", "label", "split", "id", "dataset");
    private static final int MAX_ECHO = 80;

    private ImageManifest() {}

    /**
     * One non-blank line of a manifest.
     *
     * @param line 1-based line number in the manifest
     * @param uri the URI as written (null for a {@code "path"})
     * @param file the local file of a {@code "path"} or {@code file:} URI (import manifests only; else null)
     * @param label label or null
     * @param split split or null
     * @param id image id or null
     * @param dataset dataset or null
     * @param className the {@code "class"} name of an image-ref line, or null
     */
    public record Entry(
            int line, String uri, Path file, Integer label, String split, String id, String dataset, String className) {

        /** Whether the entry names a local file. */
        public boolean isFile() {
            return file != null;
        }
    }

    /**
     * Reads an import manifest, at most {@code limit} entries (0 = all; later lines are not read). Local files are
     * resolved against {@code base}, not opened.
     *
     * @param source names the manifest in messages (e.g. its path)
     * @throws ContractException naming {@code source} and the line of the first problem, or when no line lists an image
     */
    public static List<Entry> readImport(byte[] utf8, String source, Path base, int limit) {
        return read(utf8, source, limit, (n, text) -> importLine(n, text, base));
    }

    /**
     * Reads an image-ref manifest.
     *
     * @param source names the manifest in messages (e.g. {@code manifest holdout})
     * @param bareUris whether a line may be a bare URI; if not, every line must be a JSON object
     * @throws ContractException naming {@code source} and the line of the first problem, or when no line lists an image
     */
    public static List<Entry> readRefs(byte[] utf8, String source, boolean bareUris) {
        return read(utf8, source, 0, (n, text) -> refLine(n, text, bareUris));
    }

    private interface LineParser {
        Entry parse(int line, String text);
    }

    private static List<Entry> read(byte[] utf8, String source, int limit, LineParser parser) {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ContractException(source + ": not valid UTF-8", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r\n|\r|\n", -1);
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.length && (limit <= 0 || entries.size() < limit); i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            try {
                entries.add(parser.parse(i + 1, line));
            } catch (IllegalArgumentException e) {
                throw new ContractException(source + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        if (entries.isEmpty()) {
            throw new ContractException(source + ": no images listed");
        }
        return entries;
    }

    private static Entry refLine(int line, String text, boolean bareUris) {
        if (!bareUris && !text.startsWith("{")) {
            throw new IllegalArgumentException("expected a JSON object {\"uri\",\"label\",\"split\"}, got: "
                    + (text.length() <= MAX_ECHO ? text : text.substring(0, MAX_ECHO) + "..."));
        }
        ImageRef ref = ImageRef.parse(text);
        String className = null;
        if (text.startsWith("{")) {
            JsonNode cls = readObject(text).get("class");
            className = cls != null && cls.isTextual() ? cls.textValue() : null;
        }
        return new Entry(line, ref.uri(), null, ref.label(), ref.split(), ref.id(), ref.dataset(), className);
    }

    private static JsonNode readObject(String text) {
        JsonNode n;
        try {
            n = Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not valid JSON", e);
        }
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return n;
    }

    private static Entry importLine(int line, String text, Path base) {
        JsonNode n = readObject(text);
        n.fieldNames().forEachRemaining(f -> {
            if (!IMPORT_FIELDS.contains(f)) {
                throw new IllegalArgumentException("unknown field '" + f + "' (expected "
                        + String.join(", ", IMPORT_FIELDS.stream().sorted().toList()) + ")");
            }
        });
        String uri = text(n, "uri");
        String path = text(n, "path");
        if ((uri == null) == (path == null)) {
            throw new IllegalArgumentException("give exactly one of \"uri\" and \"path\"");
        }
        Integer label = null;
        if (n.has("label") && !n.get("label").isNull()) {
            if (!n.get("label").canConvertToInt()
                    || !n.get("label").isIntegralNumber()
                    || n.get("label").intValue() < 0) {
                throw new IllegalArgumentException("label must be an integer >= 0, got " + n.get("label"));
            }
            label = n.get("label").intValue();
        }
        String split = text(n, "split");
        String dataset = text(n, "dataset");
        String id = text(n, "id");
        if (uri != null && !uri.startsWith("file:")) {
            if (!uri.matches("[A-Za-z][A-Za-z0-9+.-]+:.+")) {
                throw new IllegalArgumentException("uri has no scheme: '" + uri + "' (expected e.g. s3://bucket/key)");
            }
            return new Entry(line, uri, null, label, split, id, dataset, null);
        }
        Path file;
        try {
            file = uri != null ? Path.of(URI.create(uri)) : base.resolve(path).normalize();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad file URI '" + uri + "': " + e.getMessage(), e);
        }
        return new Entry(line, uri, file, label, split, id, dataset, null);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a non-empty string");
        }
        return v.asText().strip();
    }
}
