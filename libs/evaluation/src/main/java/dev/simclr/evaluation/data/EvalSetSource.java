package dev.simclr.evaluation.data;

/**
 * Where a labelled evaluation set comes from ({@link FashionMnist}, {@link ManifestSource}); {@link EvalSetCache} keys
 * its files by {@link #identity()} and the {@link Preprocessing}.
 */
public interface EvalSetSource {

    /** The eval-set name, e.g. {@code fashion-mnist} (see {@link EvalSet#requireName}). */
    String name();

    /**
     * A stable identity of the source bytes: equal identities must mean equal images and labels (e.g. a sha256 of the
     * data files or of the manifest).
     *
     * @throws EvalSetException when the source cannot be read
     */
    String identity();

    /**
     * Reads, decodes and preprocesses the whole set.
     *
     * @throws EvalSetException naming the file, line or URI and the reason
     */
    EvalSet load(Preprocessing preprocessing);

    /**
     * Reads at most the first {@code maxTrain} train and {@code maxTest} test images; must equal
     * {@code load(preprocessing)} cut to those counts (see {@link LabelledImages#first}). Sources override it to skip
     * reading, decoding and preprocessing the rest.
     *
     * @throws EvalSetException when the source cannot be read
     */
    default EvalSet load(Preprocessing preprocessing, int maxTrain, int maxTest) {
        EvalSet full = load(preprocessing);
        return new EvalSet(
                full.name(),
                full.sourceId(),
                preprocessing,
                full.classNames(),
                full.train().first(maxTrain),
                full.test().first(maxTest));
    }

    /**
     * {@code source} bounded to the first {@code maxTrain} / {@code maxTest} images of each split, with the limits in
     * its identity (so a bounded set is cached and cited apart from the full one); {@code source} itself when neither
     * limit is below {@link Integer#MAX_VALUE}.
     */
    static EvalSetSource limited(EvalSetSource source, int maxTrain, int maxTest) {
        if (maxTrain < 1 || maxTest < 1) {
            throw new IllegalArgumentException("eval-set limits must be >= 1, got " + maxTrain + "/" + maxTest);
        }
        if (maxTrain == Integer.MAX_VALUE && maxTest == Integer.MAX_VALUE) {
            return source;
        }
        return new EvalSetSource() {
            @Override
            public String name() {
                return source.name();
            }

            @Override
            public String identity() {
                return source.identity() + "|first:" + maxTrain + "/" + maxTest;
            }

            @Override
            public EvalSet load(Preprocessing preprocessing) {
                EvalSet set = source.load(preprocessing, maxTrain, maxTest);
                return new EvalSet(set.name(), identity(), preprocessing, set.classNames(), set.train(), set.test());
            }
        };
    }
}
