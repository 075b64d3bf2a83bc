package dev.simclr.evaluator.loop;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.simclr.contracts.Json;
import dev.simclr.evaluation.FeatureMatrix;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@code embedding.json} of a checkpoint: a 2-D PCA projection of (a deterministic sample of) the test-split
 * features, with labels and class names, for the dashboard.
 *
 * <p>The sample is the same for every checkpoint of an eval set (a seeded shuffle of the test indices, first
 * {@code maxPoints}, sorted), so points can be followed across steps.
 */
public final class EmbeddingProjection {

    /** Seed of the sample. */
    public static final long SAMPLE_SEED = 20_260_101L;

    private EmbeddingProjection() {}

    /** Indices of at most {@code maxPoints} of {@code count} rows: all, or a seeded sample, ascending. */
    public static int[] sample(int count, int maxPoints) {
        if (maxPoints < 1) {
            throw new IllegalArgumentException("embedding points must be >= 1, got " + maxPoints);
        }
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
            all[i] = i;
        }
        if (count <= maxPoints) {
            return all;
        }
        SplittableRandom rng = new SplittableRandom(SAMPLE_SEED);
        for (int i = 0; i < maxPoints; i++) {
            int j = i + rng.nextInt(count - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] picked = Arrays.copyOf(all, maxPoints);
        Arrays.sort(picked);
        return picked;
    }

    /**
     * The JSON document.
     *
     * @param test test-split features
     * @param labels test labels
     */
    public static byte[] json(
            String runId,
            long step,
            String evalSet,
            FeatureMatrix test,
            int[] labels,
            List<String> classNames,
            int maxPoints,
            Instant createdAt) {
        int[] idx = sample(test.rows(), maxPoints);
        int dim = test.dim();
        float[] x = new float[idx.length * dim];
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(test.data(), idx[i] * dim, x, i * dim, dim);
        }
        Pca2d.Projection p = Pca2d.project(x, idx.length, dim);
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("runId", runId);
        o.put("step", step);
        o.put("evalSet", evalSet);
        o.put("split", "test");
        o.put("method", "pca");
        o.put("featureDim", dim);
        o.put("count", idx.length);
        o.put("sampleSeed", SAMPLE_SEED);
        ArrayNode ratio = o.putArray("explainedVarianceRatio");
        ratio.add(p.explainedVarianceRatio()[0]);
        ratio.add(p.explainedVarianceRatio()[1]);
        ArrayNode names = o.putArray("classNames");
        classNames.forEach(names::add);
        ArrayNode index = o.putArray("index");
        ArrayNode xs = o.putArray("x");
        ArrayNode ys = o.putArray("y");
        ArrayNode ls = o.putArray("label");
        for (int i = 0; i < idx.length; i++) {
            index.add(idx[i]);
            xs.add(p.x()[i]);
            ys.add(p.y()[i]);
            ls.add(labels[idx[i]]);
        }
        o.put("createdAt", createdAt.toString());
        return Jsons.bytes(o);
    }
}
