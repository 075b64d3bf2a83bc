package dev.simclr.evaluation.data;

import dev.simclr.contracts.Sha256;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A labelled evaluation set: a train split (the probe and kNN are fitted on it) and a test split (they are scored on
 * it), both preprocessed to one model input shape.
 *
 * @param name short name, e.g. {@code fashion-mnist}; becomes {@code EvalResult.evalSet}
 * @param sourceId identity of the source bytes (e.g. the sha256 of the IDX files or of the manifest), see
 *     {@link EvalSetSource#identity()}
 * @param preprocessing how the images were brought to the model input
 * @param classNames one name per class; its size is the number of classes (at least 2)
 * @param train the split to fit on
 * @param test the split to score on
 */
public record EvalSet(
        String name,
        String sourceId,
        Preprocessing preprocessing,
        List<String> classNames,
        LabelledImages train,
        LabelledImages test) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Validates names, shapes and label ranges. */
    public EvalSet {
        requireName(name);
        if (sourceId == null || sourceId.isBlank()) {
            throw new IllegalArgumentException("eval set " + name + ": source id is required");
        }
        if (preprocessing == null || train == null || test == null || classNames == null) {
            throw new IllegalArgumentException(
                    "eval set " + name + ": preprocessing, class names, train and test are required");
        }
        classNames = List.copyOf(classNames);
        if (classNames.size() < 2) {
            throw new IllegalArgumentException(
                    "eval set " + name + " needs at least 2 classes, got " + classNames.size());
        }
        checkSplit(name, "train", train, preprocessing, classNames.size());
        checkSplit(name, "test", test, preprocessing, classNames.size());
    }

    /** Checks an eval-set name: 1..64 of {@code [A-Za-z0-9._-]}, starting alphanumeric. */
    public static String requireName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("eval set name must be 1..64 characters of "
                    + "[A-Za-z0-9._-] starting with a letter or digit, got " + name);
        }
        return name;
    }

    private static void checkSplit(String name, String split, LabelledImages images, Preprocessing p, int classes) {
        if (images.height() != p.height() || images.width() != p.width() || images.channels() != p.channels()) {
            throw new IllegalArgumentException("eval set " + name + ": " + split + " images are "
                    + images.height() + "x" + images.width() + "x" + images.channels() + ", preprocessing "
                    + "says " + p.key());
        }
        if (images.maxLabel() >= classes) {
            throw new IllegalArgumentException("eval set " + name + ": " + split + " label " + images.maxLabel()
                    + " is out of range for " + classes + " classes");
        }
    }

    /** Number of classes. */
    public int numClasses() {
        return classNames.size();
    }

    /**
     * The cache key: sha256 (hex) of the source identity and the preprocessing; two eval sets with equal keys hold the
     * same images.
     */
    public String cacheKey() {
        return cacheKey(sourceId, preprocessing);
    }

    /** A short identity for provenance, e.g. {@code fashion-mnist@3f2a9c01d4e7}. */
    public String identity() {
        return name + "@" + cacheKey().substring(0, 12);
    }

    /**
     * This set with at most {@code maxTrain} / {@code maxTest} images (the first ones of each split); the source id
     * records the limits, so a cheaper protocol never passes for the full one.
     */
    public EvalSet limit(int maxTrain, int maxTest) {
        if (maxTrain >= train.count() && maxTest >= test.count()) {
            return this;
        }
        return new EvalSet(
                name,
                sourceId + "|first:" + maxTrain + "/" + maxTest,
                preprocessing,
                classNames,
                train.first(maxTrain),
                test.first(maxTest));
    }

    static String cacheKey(String sourceId, Preprocessing preprocessing) {
        return Sha256.hex("evalset-v2\n" + sourceId + "\n" + preprocessing.key());
    }
}
