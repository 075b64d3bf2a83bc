package dev.simclr.launcher.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Every image file under a directory (recursively, sorted by path; hidden files and directories skipped), uploaded to
 * {@code <prefix>/<relative path>}; the id is {@code <dataset>/<relative path>}. A directory in torchvision's
 * {@code ImageFolder} layout (every image inside a first-level subdirectory, at least two of them) is labelled: the
 * label of an image is the index of its subdirectory among the sorted subdirectory names ({@link #classNames}), as
 * {@code ImageFolder} numbers its classes.
 */
public final class DirectorySource {

    /** File extensions the augmenter decodes, with their content types. */
    static final Map<String, String> TYPES = Map.of(
            "png",
            "image/png",
            "jpg",
            "image/jpeg",
            "jpeg",
            "image/jpeg",
            "gif",
            "image/gif",
            "bmp",
            "image/bmp",
            "webp",
            "image/webp");

    private DirectorySource() {}

    /** The content type of an image file name, if it is one. */
    static Optional<String> contentType(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0
                ? Optional.empty()
                : Optional.ofNullable(TYPES.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /**
     * The images under {@code dir}, labelled when the directory has the {@code ImageFolder} layout.
     *
     * @throws IllegalArgumentException when there is none
     */
    public static List<ImportItem> items(Path dir, ImportOptions options) {
        Path root = dir.toAbsolutePath().normalize();
        String dataset = options.datasetOr(
                root.getFileName() == null ? "images" : root.getFileName().toString());
        String prefix = options.prefixOr(dataset);
        List<Path> files = files(dir, options.limit());
        List<String> classes = classNames(root, files);
        List<ImportItem> items = new ArrayList<>();
        for (Path p : files) {
            String rel = root.relativize(p).toString().replace('\\', '/');
            Integer label = classes.isEmpty()
                    ? null
                    : classes.indexOf(root.relativize(p).getName(0).toString());
            items.add(ImportItem.upload(
                    dataset + "/" + rel,
                    label,
                    options.split(),
                    dataset,
                    ImportOptions.key(prefix, rel),
                    () -> Files.readAllBytes(p),
                    contentType(p.getFileName().toString()).orElseThrow()));
        }
        return items;
    }

    /**
     * The class names of an {@code ImageFolder} directory: the sorted names of its first-level subdirectories when
     * every image lies in one of them and there are at least two; else empty (the images are unlabelled). {@code limit}
     * as in {@link #files}, so the names match {@link #items}.
     */
    public static List<String> classNames(Path dir, int limit) {
        Path root = dir.toAbsolutePath().normalize();
        return classNames(root, files(dir, limit));
    }

    private static List<String> classNames(Path root, List<Path> files) {
        TreeSet<String> classes = new TreeSet<>();
        for (Path p : files) {
            Path rel = root.relativize(p);
            if (rel.getNameCount() < 2) {
                return List.of();
            }
            classes.add(rel.getName(0).toString());
        }
        return classes.size() >= 2 ? List.copyOf(classes) : List.of();
    }

    /**
     * The image files under {@code dir} (absolute, normalised, sorted), at most {@code limit} (0 = all).
     *
     * @throws IllegalArgumentException when the directory cannot be read or holds no image file
     */
    public static List<Path> files(Path dir, int limit) {
        Path root = dir.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile)
                    .filter(p -> !hidden(root, p))
                    .sorted()
                    .toList()) {
                if (contentType(p.getFileName().toString()).isEmpty()) {
                    continue;
                }
                files.add(p);
                if (limit > 0 && files.size() >= limit) {
                    break;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read directory " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no image files ("
                    + String.join(", ", TYPES.keySet().stream().sorted().toList()) + ")");
        }
        return files;
    }

    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
