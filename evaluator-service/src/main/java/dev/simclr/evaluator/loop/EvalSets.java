package dev.simclr.evaluator.loop;

import dev.simclr.augment.decode.ImageDecoder;
import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.evaluation.InputSpec;
import dev.simclr.evaluation.data.EvalSet;
import dev.simclr.evaluation.data.EvalSetCache;
import dev.simclr.evaluation.data.EvalSetException;
import dev.simclr.evaluation.data.EvalSetSource;
import dev.simclr.evaluation.data.FashionMnist;
import dev.simclr.evaluation.data.LabelledImages;
import dev.simclr.evaluation.data.ManifestSource;
import dev.simclr.evaluation.data.Preprocessing;
import dev.simclr.objectstore.ObjectNotFoundException;
import dev.simclr.objectstore.S3Uri;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation data of a checkpoint, for its model input and canvas: the labelled set the protocol runs on, the
 * held-out sample of the label-free measures, and how the run's images differ from the labelled set. Loaded through the
 * on-disk {@link EvalSetCache} and kept in memory for the next checkpoint with the same input. Used by the single
 * evaluation worker.
 *
 * <p>The labelled set is the configured one ({@code eval-set}, bounded by {@link Limits}) unless the run's own held-out
 * images ({@code holdout-set}, the manifest {@code simclr import} writes) exist and are labelled in both splits: then
 * they are the evaluation set. Unlabelled held-out images are the sample of the label-free measures (and the configured
 * set, scored as well, is reported as a different domain); without held-out images the sample is the labelled set's
 * test split. The held-out manifest is read at every load, so images imported after the evaluator started are picked up
 * by the next checkpoint.
 */
public final class EvalSets {

    private static final Logger LOG = LoggerFactory.getLogger(EvalSets.class);

    /** Largest eval-set manifest read. */
    public static final long MAX_MANIFEST_BYTES = 64L * 1024 * 1024;

    /**
     * How much of the data an evaluation uses.
     *
     * @param maxTrain at most this many train images of the labelled set (the first ones), 0 = all
     * @param maxTest at most this many test images, 0 = all
     * @param labelFreeSamples held-out images of the label-free measures, 0 = no such measures
     */
    public record Limits(int maxTrain, int maxTest, int labelFreeSamples) {

        /** Validates the values. */
        public Limits {
            if (maxTrain < 0 || maxTest < 0 || labelFreeSamples < 0) {
                throw new IllegalArgumentException(
                        "max train/test samples and label-free samples must be >= 0 (0 = all," + " or off), got "
                                + maxTrain + "/" + maxTest + "/" + labelFreeSamples);
            }
        }

        int train() {
            return maxTrain == 0 ? Integer.MAX_VALUE : maxTrain;
        }

        int test() {
            return maxTest == 0 ? Integer.MAX_VALUE : maxTest;
        }
    }

    /**
     * What the labelled set's images are before they are fitted to the model, when known.
     *
     * @param channels 1 (grey) or 3
     * @param side image side in pixels
     */
    public record SourceShape(int channels, int side) {}

    /** The run's held-out images: their manifest and what it holds. */
    private record Holdout(String name, ManifestSource source, ManifestSource.Summary summary) {}

    private final Supplier<EvalSetSource> source;
    private final SourceShape sourceShape;
    private final Supplier<Optional<Holdout>> holdout;
    private final EvalSetCache cache;
    private final Limits limits;
    private String lastKey;
    private LoadedEvalSet last;

    /**
     * Eval sets from {@code source}, without held-out images.
     *
     * @param source creates the labelled source (called per load, so a manifest's identity is re-read)
     * @param sourceShape its images' channels and side when known (Fashion-MNIST), else null
     */
    public EvalSets(Supplier<EvalSetSource> source, SourceShape sourceShape, Path cacheDir, Limits limits) {
        this(source, sourceShape, Optional::empty, new EvalSetCache(cacheDir), limits);
    }

    private EvalSets(
            Supplier<EvalSetSource> source,
            SourceShape sourceShape,
            Supplier<Optional<Holdout>> holdout,
            EvalSetCache cache,
            Limits limits) {
        this.source = source;
        this.sourceShape = sourceShape;
        this.holdout = holdout;
        this.cache = cache;
        this.limits = limits;
    }

    /** Fashion-MNIST IDX files in {@code dir} (28 px grey images). */
    public static EvalSets fashionMnist(Path dir, Path cacheDir, Limits limits) {
        FashionMnist source = FashionMnist.at(dir);
        return new EvalSets(() -> source, new SourceShape(1, FashionMnist.SIDE), cacheDir, limits);
    }

    /**
     * A manifest of JSON lines {@code {"uri","label","split"}} in S3; images are fetched from S3 (s3:// URIs only) and
     * decoded by libs/augment's {@link ImageDecoder}. The manifest is re-read at every load, so a changed manifest is
     * picked up (its sha256 is the set's identity).
     *
     * @param name the eval-set name (becomes {@code EvalResult.evalSet})
     * @param classNames class names, or null for {@code "0".."max label"}
     */
    public static EvalSets manifest(
            S3Uri manifest, ArtefactStore store, String name, List<String> classNames, Path cacheDir, Limits limits) {
        Supplier<EvalSetSource> source = () -> {
            byte[] bytes;
            try {
                bytes = store.get(manifest, MAX_MANIFEST_BYTES);
            } catch (RuntimeException e) {
                throw new EvalSetException("eval-set manifest " + manifest + " cannot be read: " + e.getMessage(), e);
            }
            return manifestSource(store, name, bytes, classNames);
        };
        return new EvalSets(source, null, cacheDir, limits);
    }

    /**
     * These eval sets plus the run's held-out images: the manifest at {@code manifest} (written by {@code simclr
     * import}); while it does not exist, evaluation goes on without it.
     */
    public EvalSets withHoldout(S3Uri manifest, ArtefactStore store) {
        Supplier<Optional<Holdout>> h = () -> {
            byte[] bytes;
            try {
                bytes = store.get(manifest, MAX_MANIFEST_BYTES);
            } catch (ObjectNotFoundException e) {
                return Optional.empty();
            } catch (RuntimeException e) {
                throw new EvalSetException("held-out manifest " + manifest + " cannot be read: " + e.getMessage(), e);
            }
            ManifestSource probe = manifestSource(store, "holdout", bytes, null);
            ManifestSource.Summary summary = probe.summary();
            String name = holdoutName(summary);
            ManifestSource named =
                    manifestSource(store, name, bytes, summary.classNames().isEmpty() ? null : summary.classNames());
            return Optional.of(new Holdout(name, named, summary));
        };
        return new EvalSets(source, sourceShape, h, cache, limits);
    }

    private static ManifestSource manifestSource(
            ArtefactStore store, String name, byte[] bytes, List<String> classNames) {
        ImageDecoder decoder = ImageDecoder.withDefaults();
        ManifestSource.Builder b = ManifestSource.builder()
                .setName(name)
                .setManifest(bytes)
                .setFetcher(uri -> fetch(store, uri, decoder.maxBytes()))
                .setDecoder(decoder::decode)
                .optParallelism(4);
        if (classNames != null && !classNames.isEmpty()) {
            b.optClassNames(classNames);
        }
        return b.build();
    }

    static String holdoutName(ManifestSource.Summary summary) {
        String base =
                summary.datasets().isEmpty() ? "" : summary.datasets().get(0).replaceAll("[^A-Za-z0-9._-]", "-");
        String name = (base.isEmpty() || !Character.isLetterOrDigit(base.charAt(0)) ? "run" : base) + "-holdout";
        return name.length() <= 64 ? name : name.substring(name.length() - 64).replaceFirst("^[^A-Za-z0-9]+", "");
    }

    private static byte[] fetch(ArtefactStore store, URI uri, long maxBytes) {
        if (!"s3".equals(uri.getScheme())) {
            throw new IllegalArgumentException("only s3:// image URIs are supported in eval-set manifests, got " + uri);
        }
        return store.get(S3Uri.parse(uri.toString()), maxBytes);
    }

    /**
     * The evaluation data for a model with input {@code spec} whose images are fitted by {@code fit}: the labelled set,
     * the label-free sample and the mismatch lines.
     *
     * @throws EvalSetException when a source cannot be read
     */
    public synchronized LoadedEvalSet load(InputSpec spec, ResizeMode fit) {
        Preprocessing preprocessing = spec.preprocessing(fit);
        Optional<Holdout> held = holdout.get();
        boolean ownSet = held.isPresent() && held.get().summary().evaluable();
        EvalSetSource labelled = ownSet ? held.get().source() : source.get();
        String key = labelled.identity() + "|" + preprocessing.key() + "|" + limits
                + held.map(h -> "|holdout:" + h.source().identity()).orElse("");
        if (key.equals(lastKey)) {
            return last;
        }
        EvalSet set = cache.load(EvalSetSource.limited(labelled, limits.train(), limits.test()), preprocessing);
        boolean cut = set.train().count() == limits.train() || set.test().count() == limits.test();
        String label = cut
                ? set.name() + "[train=" + set.train().count() + ",test="
                        + set.test().count() + "]"
                : set.name();
        LoadedEvalSet.LabelFree labelFree = null;
        ManifestSource.Sample sample = null;
        if (limits.labelFreeSamples() > 0) {
            if (held.isPresent() && !ownSet) {
                sample = held.get().source().unlabelled(preprocessing, limits.labelFreeSamples());
                labelFree = sampleOf(held.get().name(), sample.images());
            } else {
                labelFree = sampleOf(set.name() + "/test", set.test().first(limits.labelFreeSamples()));
            }
        }
        List<String> mismatch = mismatch(spec, fit, set, held, ownSet, sample);
        mismatch.forEach(line -> LOG.warn("the run's images differ from the evaluation set {}: {}", label, line));
        last = new LoadedEvalSet(set, label, fit, labelFree, mismatch);
        lastKey = key;
        return last;
    }

    private static LoadedEvalSet.LabelFree sampleOf(String name, LabelledImages images) {
        if (images.count() < 2) {
            LOG.warn("label-free measures need at least 2 held-out images, {} has {}", name, images.count());
            return null;
        }
        return new LoadedEvalSet.LabelFree(name, images);
    }

    private List<String> mismatch(
            InputSpec spec,
            ResizeMode fit,
            EvalSet set,
            Optional<Holdout> held,
            boolean ownSet,
            ManifestSource.Sample sample) {
        if (ownSet) {
            return List.of();
        }
        List<String> lines = new java.util.ArrayList<>();
        if (held.isPresent()) {
            List<String> datasets = held.get().summary().datasets();
            lines.add("domain: the run's held-out images ("
                    + (datasets.isEmpty() ? held.get().name() : String.join(", ", datasets))
                    + ") are not in the evaluation set " + set.name()
                    + ", so its accuracy says little about them; alignment and uniformity are measured on "
                    + held.get().name());
        }
        if (sourceShape != null) {
            int runChannels = sample != null ? sample.sourceChannels() : spec.channels();
            if (runChannels != sourceShape.channels()) {
                lines.add("channels: the run's images have " + runChannels + ", " + set.name() + "'s "
                        + sourceShape.channels()
                        + (spec.channels() != sourceShape.channels()
                                ? " (converted to " + spec.channels() + " for the model)"
                                : ""));
            }
            if (sample != null && sample.sourceSide() != sourceShape.side()) {
                lines.add("size: the run's images are about " + sample.sourceSide() + " px, " + set.name() + "'s "
                        + sourceShape.side() + " px (both fitted to the " + spec.height() + " px input by " + fit.id()
                        + ")");
            }
        }
        return List.copyOf(lines);
    }
}
