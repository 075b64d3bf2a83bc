package dev.simclr.launcher.images;

import dev.simclr.augment.idx.IdxFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * IDX image/label file pairs ({@code <name>-images-idx3-ubyte[.gz]} with {@code <name>-labels-idx1-ubyte[.gz]}, as
 * Fashion-MNIST ships them) converted to grey PNGs. The split of {@code train} is {@code train}, of {@code t10k} or
 * {@code test} it is {@code test}, otherwise the name itself. One split is imported: {@value #DEFAULT_SPLIT} unless the
 * options name another, so evaluation images do not reach the training stream by accident. The dataset name defaults to
 * the directory's name. Object keys: {@code <prefix>/<split>/<index, 5 digits>.png}; image ids:
 * {@code <dataset>-<split>-<index>}.
 */
public final class IdxSource {

    /** The split imported when the options name none. */
    public static final String DEFAULT_SPLIT = "train";

    private static final Pattern IMAGES = Pattern.compile("(.+)-images[.-]idx3-ubyte(\\.gz)?");

    /**
     * One image/label file pair.
     *
     * @param split split name
     * @param images images file
     * @param labels labels file
     */
    public record Pair(String split, Path images, Path labels) {}

    private IdxSource() {}

    /** Whether {@code dir} holds at least one IDX image file. */
    public static boolean isIdxDirectory(Path dir) {
        return Files.isDirectory(dir) && !pairs(dir).isEmpty();
    }

    /** The image/label pairs in {@code dir}, by split name. */
    public static Map<String, Pair> pairs(Path dir) {
        Map<String, Pair> pairs = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                Matcher m = IMAGES.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                String base = m.group(1);
                Path labels = null;
                for (String candidate : List.of(
                        base + "-labels-idx1-ubyte.gz",
                        base + "-labels-idx1-ubyte",
                        base + "-labels.idx1-ubyte.gz",
                        base + "-labels.idx1-ubyte")) {
                    if (Files.isRegularFile(dir.resolve(candidate))) {
                        labels = dir.resolve(candidate);
                        break;
                    }
                }
                pairs.put(splitOf(base), new Pair(splitOf(base), p, labels));
            }
        } catch (IOException e) {
            return Map.of();
        }
        return pairs;
    }

    static String splitOf(String base) {
        String b = base.toLowerCase(Locale.ROOT);
        return b.equals("t10k") || b.equals("test") ? "test" : b;
    }

    /**
     * The images of one split of {@code dir}, {@code options.split()} or else {@value #DEFAULT_SPLIT}, each labelled
     * when a labels file exists; at most {@code options.limit()}.
     *
     * @throws IllegalArgumentException for a missing split, unreadable or inconsistent files
     */
    public static List<ImportItem> items(Path dir, ImportOptions options) {
        Map<String, Pair> pairs = pairs(dir);
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no IDX image files (<name>-images-idx3-ubyte[.gz])");
        }
        String split = options.split() != null ? options.split() : DEFAULT_SPLIT;
        Pair pair = pairs.get(split);
        if (pair == null) {
            throw new IllegalArgumentException(
                    dir + ": no IDX files for split '" + split + "' (found: " + String.join(", ", pairs.keySet()) + ")"
                            + (options.split() == null ? "; choose one with --split" : ""));
        }
        String dataset = options.datasetOr(dirName(dir));
        List<ImportItem> items = new ArrayList<>();
        addPair(
                pair,
                dataset,
                options.prefixOr(dataset),
                options.limit() > 0 ? options.limit() : Integer.MAX_VALUE,
                items);
        return items;
    }

    private static void addPair(Pair pair, String dataset, String prefix, int room, List<ImportItem> out) {
        IdxFile images;
        IdxFile labels = null;
        try {
            images = IdxFile.read(pair.images()).requireRank(3, "count, rows, columns");
            if (pair.labels() != null) {
                labels = IdxFile.read(pair.labels());
                IdxFile.requireLabelled(images, labels);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        int h = images.dims()[1];
        int w = images.dims()[2];
        int n = Math.min(images.count(), room);
        byte[] pixels = images.data();
        byte[] lab = labels == null ? null : labels.data();
        for (int i = 0; i < n; i++) {
            int index = i;
            String name = String.format(Locale.ROOT, "%05d", i);
            out.add(ImportItem.upload(
                    dataset + "-" + pair.split() + "-" + name,
                    lab == null ? null : lab[i] & 0xff,
                    pair.split(),
                    dataset,
                    ImportOptions.key(prefix, pair.split() + "/" + name + ".png"),
                    () -> GrayPng.encode(pixels, index * h * w, h, w),
                    "image/png"));
        }
    }

    private static String dirName(Path dir) {
        Path f = dir.toAbsolutePath().normalize().getFileName();
        return f == null ? "dataset" : f.toString();
    }
}
