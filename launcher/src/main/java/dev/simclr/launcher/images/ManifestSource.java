package dev.simclr.launcher.images;

import dev.simclr.contracts.ImageManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON-lines manifest, one image per line: {@code {"path": "cats/1.png"}} (a local file, relative to the manifest's
 * directory, uploaded to {@code <prefix>/<path>}) or {@code {"uri": "s3://..."}} (pushed as it is; a {@code file://}
 * URI is uploaded like a path), plus optional {@code "label"} (integer >= 0), {@code "split"}, {@code "id"},
 * {@code "dataset"}. Blank lines are skipped. Every line is checked (by {@link ImageManifest#readImport}, the one
 * manifest reader) before anything is uploaded.
 */
public final class ManifestSource {

    private ManifestSource() {}

    /** Whether {@code file} looks like a JSON-lines manifest (its first non-blank line starts with '{'). */
    public static boolean isManifest(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.map(String::strip)
                    .filter(l -> !l.isEmpty())
                    .findFirst()
                    .map(l -> l.startsWith("{"))
                    .orElse(false);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /**
     * Parses and checks every line of the manifest (blank lines skipped), at most {@code limit} entries (0 = all).
     * Local files are not opened.
     *
     * @throws IllegalArgumentException naming the file and line of the first problem
     */
    public static List<ImageManifest.Entry> entries(Path manifest, int limit) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(manifest);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read manifest " + manifest + ": " + e.getMessage(), e);
        }
        return ImageManifest.readImport(
                bytes,
                manifest.toString(),
                manifest.toAbsolutePath().normalize().getParent(),
                limit);
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
        for (ImageManifest.Entry e : entries(manifest, options.limit())) {
            try {
                items.add(item(e, base, name, options));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(manifest + " line " + e.line() + ": " + ex.getMessage(), ex);
            }
        }
        return items;
    }

    private static ImportItem item(ImageManifest.Entry e, Path base, String manifestName, ImportOptions options) {
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
        return ImportItem.upload(
                e.id() != null ? e.id() : dataset + "/" + rel.replace('\\', '/'),
                e.label(),
                split,
                dataset,
                ImportOptions.key(prefix, rel),
                () -> Files.readAllBytes(file),
                type);
    }
}
