package dev.simclr.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.simclr.evaluation.data.ProgressLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Weighted kNN (the anchor's {@code knn}): L2-normalise train and test features; for each test feature take the k train
 * features of highest cosine similarity s_i; class c scores {@code sum_{i: label_i = c} exp(s_i / T)}; the prediction
 * is the highest score. Scored in chunks of test rows so memory stays within {@link KnnConfig#memoryBudgetBytes()}.
 */
final class KnnClassifier {

    private static final Logger LOG = LoggerFactory.getLogger(KnnClassifier.class);
    private static final double NORM_EPS = 1e-12;

    private KnnClassifier() {}

    /**
     * Scores the test features against the train features (neither standardised).
     *
     * @param trainLabels int64 {@code (n)}
     * @param testLabels int64 {@code (m)}
     */
    static Accuracy run(
            NDArray train,
            NDArray trainLabels,
            NDArray test,
            NDArray testLabels,
            int classes,
            KnnConfig cfg,
            NDManager manager) {
        try (NDManager m = manager.newSubManager()) {
            int n = Math.toIntExact(train.getShape().get(0));
            int testCount = Math.toIntExact(test.getShape().get(0));
            int k = Math.min(cfg.k(), n);
            int chunk = cfg.chunkRows(n, k, classes);
            NDArray bank = Scopes.view(train, m).normalize(2, 1, NORM_EPS).transpose();
            NDArray votesOf = Scopes.view(trainLabels, m).oneHot(classes);
            ProgressLog progress =
                    new ProgressLog(LOG, "knn (k=" + k + ", " + n + " train)", "test images", testCount, 10);
            long top1 = 0;
            long top5 = 0;
            for (int start = 0; start < testCount; start += chunk) {
                int end = Math.min(testCount, start + chunk);
                try (NDManager sm = m.newSubManager()) {
                    NDIndex rows = new NDIndex(start + ":" + end);
                    NDArray query = test.get(sm, rows).normalize(2, 1, NORM_EPS);
                    NDList nearest = query.matMul(bank).topK(k, 1, true, true);
                    NDArray weights =
                            nearest.get(0).div((float) cfg.temperature()).exp();
                    NDArray neighbours = nearest.get(1);
                    NDArray oneHot = votesOf.get(sm, new NDIndex("{}", neighbours.flatten()))
                            .reshape(end - start, k, classes);
                    NDArray votes = oneHot.mul(weights.expandDims(2)).sum(new int[] {1});
                    long[] hits = TopKAccuracy.hits(votes, testLabels.get(sm, rows));
                    top1 += hits[0];
                    top5 += hits[1];
                }
                progress.update(end);
            }
            return Accuracy.of(top1, top5, testCount, classes);
        }
    }
}
