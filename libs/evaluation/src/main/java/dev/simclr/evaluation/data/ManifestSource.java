package dev.simclr.evaluation.data;

import dev.simclr.augment.DecodedImage;
import dev.simclr.contracts.ContractException;
import dev.simclr.contracts.ImageManifest;
import dev.simclr.contracts.Sha256;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * An evaluation set described by a manifest of JSON lines {@code {"uri","label","split"}} (split {@code train} or
 * {@code test}; blank lines skipped). Image bytes come from a pluggable fetcher ({@code URI -> byte[]}, e.g. an
 * object-store get) and a pluggable decoder ({@code byte[] -> DecodedImage}, e.g. libs/augment's safe decoder); both
 * may throw any runtime exception, which fails the load with the manifest line and URI. Every listed image must load:
 * an eval set with silently dropped images would not be comparable between checkpoints.
 *
 * <p>The identity is the sha256 of the manifest bytes: change the manifest (or {@link Builder#optVersion}) when the
 * bytes behind its URIs change.
 */
public final class ManifestSource implements EvalSetSource {

    private final String name;
    private final byte[] manifest;
    private final Function<URI, byte[]> fetcher;
    private final Function<byte[], DecodedImage> decoder;
    private final List<String> classNames;
    private final int parallelism;
    private final String version;

    private ManifestSource(Builder b) {
        this.name = EvalSet.requireName(b.name);
        this.manifest = require(b.manifest, "manifest");
        this.fetcher = require(b.fetcher, "fetcher");
        this.decoder = require(b.decoder, "decoder");
        this.classNames = b.classNames == null ? null : List.copyOf(b.classNames);
        this.parallelism = b.parallelism;
        this.version = b.version;
    }

    private static <T> T require(T value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("manifest source: " + what + " is required");
        }
        return value;
    }

    /** A builder; {@code setX} values are required, {@code optX} values optional. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String identity() {
        return "manifest:sha256=" + Sha256.hex(manifest) + (version == null ? "" : "|version=" + version);
    }

    @Override
    public EvalSet load(Preprocessing preprocessing) {
        return load(preprocessing, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    /** Fetches and decodes only the first {@code maxTrain} / {@code maxTest} images of each split. */
    @Override
    public EvalSet load(Preprocessing preprocessing, int maxTrain, int maxTest) {
        List<ImageManifest.Entry> entries = parse();
        List<ImageManifest.Entry> train = entries.stream()
                .filter(e -> "train".equals(e.split()))
                .limit(maxTrain)
                .toList();
        List<ImageManifest.Entry> test = entries.stream()
                .filter(e -> "test".equals(e.split()))
                .limit(maxTest)
                .toList();
        if (train.isEmpty() || test.isEmpty()) {
            throw new EvalSetException("manifest " + name + ": needs train and test entries, got " + train.size()
                    + " train and " + test.size() + " test");
        }
        int maxLabel =
                entries.stream().mapToInt(ImageManifest.Entry::label).max().orElse(0);
        List<String> names = classNames != null
                ? classNames
                : IntStream.rangeClosed(0, Math.max(maxLabel, 1))
                        .mapToObj(Integer::toString)
                        .toList();
        if (maxLabel >= names.size()) {
            throw new EvalSetException("manifest " + name + ": label " + maxLabel + " is out of range " + "for the "
                    + names.size() + " class names given");
        }
        warnOverlap(train, test);
        ManifestFetch fetch = new ManifestFetch(name, fetcher, decoder, preprocessing, parallelism);
        LabelledImages trainImages = fetch.load("train", train);
        LabelledImages testImages = fetch.load("test", test);
        return new EvalSet(name, identity(), preprocessing, names, trainImages, testImages);
    }

    /**
     * What the manifest holds, read without fetching any image: lines, whether every line has a label, split counts,
     * classes and the {@code dataset} names of its lines.
     *
     * @param images non-blank lines
     * @param labelled whether every line has a label
     * @param train lines with split {@code train}
     * @param test lines with split {@code test}
     * @param classes distinct labels
     * @param datasets distinct {@code dataset} values, in first-seen order
     * @param classNames class names by label, from a {@code "class"} field on every labelled line (empty when any is
     *     missing or one label has two names)
     */
    public record Summary(
            int images,
            boolean labelled,
            int train,
            int test,
            int classes,
            List<String> datasets,
            List<String> classNames) {

        /** Whether it can be a labelled eval set: every line labelled, both splits, at least 2 classes. */
        public boolean evaluable() {
            return labelled && train > 0 && test > 0 && classes >= 2;
        }
    }

    /**
     * Summarises the manifest (lines must be {@code ImageRef} JSON; labels and splits optional).
     *
     * @throws EvalSetException naming the first bad line
     */
    public Summary summary() {
        List<ImageManifest.Entry> refs = refs();
        Map<Integer, String> names = classNames(refs);
        Set<Integer> labels = new HashSet<>();
        Set<String> datasets = new LinkedHashSet<>();
        boolean labelled = true;
        int train = 0;
        int test = 0;
        for (ImageManifest.Entry r : refs) {
            labelled &= r.label() != null;
            if (r.label() != null) {
                labels.add(r.label());
            }
            train += "train".equals(r.split()) ? 1 : 0;
            test += "test".equals(r.split()) ? 1 : 0;
            if (r.dataset() != null) {
                datasets.add(r.dataset());
            }
        }
        List<String> classNames = new ArrayList<>();
        int maxLabel = labels.stream().mapToInt(Integer::intValue).max().orElse(-1);
        for (int label = 0; names != null && label <= maxLabel; label++) {
            classNames.add(names.getOrDefault(label, Integer.toString(label)));
        }
        return new Summary(
                refs.size(), labelled, train, test, labels.size(), List.copyOf(datasets), List.copyOf(classNames));
    }

    /** Label → the {@code "class"} field of its lines; null when a labelled line lacks it or disagrees. */
    private static Map<Integer, String> classNames(List<ImageManifest.Entry> refs) {
        Map<Integer, String> names = new HashMap<>();
        for (ImageManifest.Entry r : refs) {
            if (r.label() != null) {
                String seen = names.putIfAbsent(r.label(), r.className());
                if (r.className() == null || (seen != null && !seen.equals(r.className()))) {
                    return null;
                }
            }
        }
        return names;
    }

    /**
     * The first {@code max} images of the manifest, whatever their labels and splits, fetched, decoded and preprocessed
     * (their labels are all 0), with their source shape: a held-out sample for label-free measures.
     *
     * @throws EvalSetException naming the line and URI of an image that fails
     */
    public Sample unlabelled(Preprocessing preprocessing, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("a sample needs at least one image, got " + max);
        }
        List<ImageManifest.Entry> refs = refs();
        List<ImageManifest.Entry> entries = refs.subList(0, Math.min(max, refs.size()));
        entries.forEach(this::checkUri);
        ManifestFetch fetch = new ManifestFetch(name, fetcher, decoder, preprocessing, parallelism);
        LabelledImages images = fetch.load("sample", entries);
        return new Sample(images, fetch.maxChannels(), fetch.medianSide());
    }

    /**
     * Unlabelled images of a manifest and what they were before preprocessing.
     *
     * @param images the preprocessed images (labels all 0)
     * @param sourceChannels the largest channel count among the decoded images (3 = colour)
     * @param sourceSide the median longer side of the decoded images, in pixels
     */
    public record Sample(LabelledImages images, int sourceChannels, int sourceSide) {}

    /** Every line as an image ref (a bare URI or its JSON form). */
    private List<ImageManifest.Entry> refs() {
        try {
            return ImageManifest.readRefs(manifest, "manifest " + name, true);
        } catch (ContractException e) {
            throw new EvalSetException(e.getMessage());
        }
    }

    /** Every line as a labelled eval-set entry: a JSON object with a label and the split train or test. */
    private List<ImageManifest.Entry> parse() {
        List<ImageManifest.Entry> entries;
        try {
            entries = ImageManifest.readRefs(manifest, "manifest " + name, false);
        } catch (ContractException e) {
            throw new EvalSetException(e.getMessage());
        }
        for (ImageManifest.Entry e : entries) {
            if (e.label() == null) {
                throw new EvalSetException("manifest " + name + " line " + e.line() + ": \"label\" is required");
            }
            if (!"train".equals(e.split()) && !"test".equals(e.split())) {
                throw new EvalSetException("manifest " + name + " line " + e.line()
                        + ": \"split\" must be \"train\" or \"test\", got " + e.split());
            }
            checkUri(e);
        }
        return entries;
    }

    private void checkUri(ImageManifest.Entry e) {
        try {
            new URI(e.uri());
        } catch (URISyntaxException ex) {
            throw new EvalSetException(
                    "manifest " + name + " line " + e.line() + ": invalid URI (" + ex.getMessage() + ")");
        }
    }

    private void warnOverlap(List<ImageManifest.Entry> train, List<ImageManifest.Entry> test) {
        Set<String> trainUris = new HashSet<>();
        train.forEach(e -> trainUris.add(e.uri()));
        long both = test.stream().filter(e -> trainUris.contains(e.uri())).count();
        if (both > 0) {
            org.slf4j.LoggerFactory.getLogger(ManifestSource.class)
                    .warn("manifest {}: {} test URIs also appear in the train split", name, both);
        }
    }

    /** Builds a {@link ManifestSource}. */
    public static final class Builder {
        private String name;
        private byte[] manifest;
        private Function<URI, byte[]> fetcher;
        private Function<byte[], DecodedImage> decoder;
        private List<String> classNames;
        private int parallelism = 1;
        private String version;

        private Builder() {}

        /** The eval-set name (becomes {@code EvalResult.evalSet}). */
        public Builder setName(String name) {
            this.name = name;
            return this;
        }

        /** The manifest content, UTF-8 JSON lines. */
        public Builder setManifest(byte[] utf8) {
            this.manifest = utf8 == null ? null : utf8.clone();
            return this;
        }

        /**
         * Reads the manifest from a file.
         *
         * @throws EvalSetException when the file cannot be read
         */
        public Builder setManifest(Path file) {
            try {
                this.manifest = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new EvalSetException(file + ": cannot read manifest (" + e + ")", e);
            }
            return this;
        }

        /** Fetches the bytes of one image URI (throw on failure; the message is reported). */
        public Builder setFetcher(Function<URI, byte[]> fetcher) {
            this.fetcher = fetcher;
            return this;
        }

        /** Decodes image bytes (throw or return null when they are not an image). */
        public Builder setDecoder(Function<byte[], DecodedImage> decoder) {
            this.decoder = decoder;
            return this;
        }

        /** Class names, index = label; default {@code "0".."max label"}. */
        public Builder optClassNames(List<String> classNames) {
            this.classNames = classNames;
            return this;
        }

        /** Concurrent fetch + decode tasks (default 1); order and result do not depend on it. */
        public Builder optParallelism(int parallelism) {
            if (parallelism < 1 || parallelism > 256) {
                throw new IllegalArgumentException("parallelism must be 1..256, got " + parallelism);
            }
            this.parallelism = parallelism;
            return this;
        }

        /** An extra version string in the identity (bump it when the bytes behind the URIs change). */
        public Builder optVersion(String version) {
            this.version = version;
            return this;
        }

        public ManifestSource build() {
            return new ManifestSource(this);
        }
    }
}
