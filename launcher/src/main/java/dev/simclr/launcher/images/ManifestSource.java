package dev.simclr.launcher.images;

import com.fasterxml.jackson.databind.JsonNode;
import dev.simclr.contracts.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A JSON-lines manifest, one image per line: {@code {"path": "cats/1.png"}} (a local file, relative
 * to the manifest's directory, uploaded to {@code <prefix>/<path>}) or {@code {"uri": "s3://..."}}
 * (pushed as it is; a {@code file://} URI is uploaded like a path), plus optional {@code "label"}
 * (integer >= 0), {@code "split"}, {@code "id"}, {@code "dataset"}. Blank lines are skipped. Every
 * line is checked before anything is uploaded.
 */
public final class ManifestSource {

  private static final Set<String> FIELDS = Set.of("uri", "path", "label", "split", "id", "dataset");

  private ManifestSource() {
  }

  /** Whether {@code file} looks like a JSON-lines manifest (its first non-blank line starts with '{'). */
  public static boolean isManifest(Path file) {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.map(String::strip).filter(l -> !l.isEmpty()).findFirst().map(l -> l.startsWith("{")).orElse(false);
    } catch (IOException | java.io.UncheckedIOException e) {
      return false;
    }
  }

  /**
   * Parses and checks every line of the manifest (blank lines skipped), at most {@code limit}
   * entries (0 = all). Local files are not opened.
   *
   * @throws IllegalArgumentException naming the file and line of the first problem
   */
  public static List<ManifestEntry> entries(Path manifest, int limit) {
    List<String> lines;
    try {
      lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read manifest " + manifest + ": " + e.getMessage(), e);
    }
    Path base = manifest.toAbsolutePath().normalize().getParent();
    List<ManifestEntry> entries = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      try {
        entries.add(entry(i + 1, line, base));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(manifest + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
      if (limit > 0 && entries.size() >= limit) {
        break;
      }
    }
    if (entries.isEmpty()) {
      throw new IllegalArgumentException(manifest + ": no images listed");
    }
    return entries;
  }

  /**
   * The images of the manifest, to import: files are uploaded, other URIs pushed as they are.
   *
   * @throws IllegalArgumentException naming the file and line of the first problem
   */
  public static List<ImportItem> items(Path manifest, ImportOptions options) {
    Path base = manifest.toAbsolutePath().normalize().getParent();
    String name = manifest.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    List<ImportItem> items = new ArrayList<>();
    for (ManifestEntry e : entries(manifest, options.limit())) {
      try {
        items.add(item(e, base, name, options));
      } catch (IllegalArgumentException ex) {
        throw new IllegalArgumentException(manifest + " line " + e.line() + ": " + ex.getMessage(), ex);
      }
    }
    return items;
  }

  private static ImportItem item(ManifestEntry e, Path base, String manifestName, ImportOptions options) {
    String split = e.split() != null ? e.split() : options.split();
    String dataset = e.dataset() != null ? e.dataset() : options.datasetOr(manifestName);
    if (!e.isFile()) {
      return ImportItem.reference(e.id(), e.label(), split, dataset, e.uri());
    }
    Path file = e.file();
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    String type = DirectorySource.contentType(file.getFileName().toString()).orElse("application/octet-stream");
    String rel = file.startsWith(base) ? base.relativize(file).toString() : file.toString();
    String prefix = options.prefixOr(dataset);
    return ImportItem.upload(e.id() != null ? e.id() : dataset + "/" + rel.replace('\\', '/'), e.label(), split,
        dataset, ImportOptions.key(prefix, rel), () -> Files.readAllBytes(file), type);
  }

  static ManifestEntry entry(int lineNumber, String line, Path base) {
    JsonNode n;
    try {
      n = Json.mapper().readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid JSON", e);
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("expected a JSON object");
    }
    n.fieldNames().forEachRemaining(f -> {
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException("unknown field '" + f + "' (expected " + String.join(", ",
            FIELDS.stream().sorted().toList()) + ")");
      }
    });
    String uri = text(n, "uri");
    String path = text(n, "path");
    if ((uri == null) == (path == null)) {
      throw new IllegalArgumentException("give exactly one of \"uri\" and \"path\"");
    }
    Integer label = null;
    if (n.has("label") && !n.get("label").isNull()) {
      if (!n.get("label").canConvertToInt() || !n.get("label").isIntegralNumber() || n.get("label").intValue() < 0) {
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
      return new ManifestEntry(lineNumber, null, uri, label, split, id, dataset);
    }
    Path file;
    try {
      file = uri != null ? Path.of(URI.create(uri)) : base.resolve(path).normalize();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad file URI '" + uri + "': " + e.getMessage(), e);
    }
    return new ManifestEntry(lineNumber, file, uri, label, split, id, dataset);
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
