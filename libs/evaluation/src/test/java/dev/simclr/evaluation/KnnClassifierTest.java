package dev.simclr.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KnnClassifierTest {

    private static final float S = (float) Math.sqrt(0.75);

    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager(Device.cpu(), EvaluationProtocol.ENGINE);
    }

    @AfterEach
    void close() {
        m.close();
    }

    private Accuracy knn(float[][] train, int[] trainY, float[][] test, int[] testY, int classes, KnnConfig cfg) {
        return KnnClassifier.run(matrix(train), labels(trainY), matrix(test), labels(testY), classes, cfg, m);
    }

    private NDArray matrix(float[][] rows) {
        FeatureMatrix f = FeatureMatrix.of(rows);
        return m.create(f.data(), new Shape(f.rows(), f.dim()));
    }

    private NDArray labels(int[] y) {
        return m.create(y).toType(DataType.INT64, false);
    }

    private static KnnConfig k(int k, double temperature) {
        return KnnConfig.builder().optK(k).optTemperature(temperature).build();
    }

    /**
     * Query (2, 0) has, after normalisation, similarity 1 to one class-0 point and 0.5 to two class-1 points; a class-2
     * point at similarity -1 is not among the k = 3 nearest.
     */
    private final float[][] train = {{1, 0}, {0.5f, S}, {0.5f, -S}, {-1, 0}};

    private final int[] trainY = {0, 1, 1, 2};

    @Test
    void sharpTemperatureLetsTheClosestNeighbourOutvoteTheMajority() {
        // T = 0.1: class 0 gets exp(10) = 22026, class 1 gets 2 exp(5) = 297.
        assertThat(knn(train, trainY, new float[][] {{2, 0}}, new int[] {0}, 3, k(3, 0.1))
                        .top1())
                .isEqualTo(1.0);
        assertThat(knn(train, trainY, new float[][] {{2, 0}}, new int[] {1}, 3, k(3, 0.1))
                        .top1())
                .isEqualTo(0.0);
    }

    @Test
    void flatTemperatureLetsTheMajorityWin() {
        // T = 10: class 0 gets exp(0.1) = 1.105, class 1 gets 2 exp(0.05) = 2.103.
        assertThat(knn(train, trainY, new float[][] {{2, 0}}, new int[] {1}, 3, k(3, 10))
                        .top1())
                .isEqualTo(1.0);
    }

    @Test
    void onlyTheKNearestVote() {
        // k = 1: only the class-0 point at similarity 1 votes, whatever the temperature.
        assertThat(knn(train, trainY, new float[][] {{2, 0}}, new int[] {0}, 3, k(1, 10))
                        .top1())
                .isEqualTo(1.0);
        // k = 4 with T = 1000: near-uniform votes, class 1 (two points) wins over 0 and 2.
        assertThat(knn(train, trainY, new float[][] {{2, 0}}, new int[] {1}, 3, k(4, 1000))
                        .top1())
                .isEqualTo(1.0);
    }

    @Test
    void tiedVotesGoToTheLowerClassAndTopFiveCountsRanks() {
        // The query is equidistant from a class-1 and a class-0 point: equal votes, class 0 wins.
        float[][] tie = {{0.5f, S}, {0.5f, -S}};
        int[] tieY = {1, 0};
        float[][] q = {{1, 0}, {1, 0}, {1, 0}, {1, 0}};
        // true labels: 0 (rank 0), 1 (rank 1: tied with lower class 0),
        // 2 (rank 2: after the two voted classes), 5 (rank 2 + 3 lower zero-vote classes = 5)
        Accuracy a = knn(tie, tieY, q, new int[] {0, 1, 2, 5}, 6, k(2, 0.1));
        assertThat(a.top1()).isEqualTo(0.25);
        assertThat(a.top5()).isEqualTo(0.75);
    }

    @Test
    void kIsCappedAtTheTrainCountAndTopFiveNeedsSixClasses() {
        Accuracy a = knn(train, trainY, new float[][] {{2, 0}}, new int[] {0}, 3, KnnConfig.DEFAULT);
        assertThat(a.top5()).isNull();
        // k = 200 becomes 4: class 0 exp(10), class 1 2 exp(5), class 2 exp(-10)
        assertThat(a.top1()).isEqualTo(1.0);
    }

    @Test
    void matchesABruteForceReferenceAndDoesNotDependOnChunking() {
        SplittableRandom rng = new SplittableRandom(42);
        int n = 300;
        int t = 97;
        int d = 6;
        int classes = 7;
        float[][] tr = new float[n][d];
        float[][] te = new float[t][d];
        int[] trY = new int[n];
        int[] teY = new int[t];
        for (int i = 0; i < n; i++) {
            trY[i] = rng.nextInt(classes);
            for (int j = 0; j < d; j++) {
                tr[i][j] = (float) rng.nextGaussian() + (j == trY[i] % d ? 1.5f : 0f);
            }
        }
        for (int i = 0; i < t; i++) {
            teY[i] = rng.nextInt(classes);
            for (int j = 0; j < d; j++) {
                te[i][j] = (float) rng.nextGaussian() + (j == teY[i] % d ? 1.5f : 0f);
            }
        }
        int kk = 15;
        double temperature = 0.1;
        long[] expected = Reference.knnHits(tr, trY, te, teY, classes, kk, temperature);
        Accuracy whole = knn(tr, trY, te, teY, classes, k(kk, temperature));
        Accuracy chunked = knn(
                tr,
                trY,
                te,
                teY,
                classes,
                KnnConfig.builder()
                        .optK(kk)
                        .optTemperature(temperature)
                        .optChunkSize(10)
                        .build());
        assertThat(whole.top1()).isEqualTo(expected[0] / (double) t);
        assertThat(whole.top5()).isEqualTo(expected[1] / (double) t);
        assertThat(chunked).isEqualTo(whole);
        assertThat(whole.top1()).isGreaterThan(0.3);
    }

    /** A direct double-precision implementation of the anchor's kNN formula. */
    static final class Reference {
        static long[] knnHits(
                float[][] tr, int[] trY, float[][] te, int[] teY, int classes, int k, double temperature) {
            long top1 = 0;
            long top5 = 0;
            for (int q = 0; q < te.length; q++) {
                double[] sims = new double[tr.length];
                Integer[] order = new Integer[tr.length];
                for (int i = 0; i < tr.length; i++) {
                    sims[i] = cosine(te[q], tr[i]);
                    order[i] = i;
                }
                java.util.Arrays.sort(order, (a, b) -> Double.compare(sims[b], sims[a]));
                double[] votes = new double[classes];
                for (int i = 0; i < k; i++) {
                    votes[trY[order[i]]] += Math.exp(sims[order[i]] / temperature);
                }
                int rank = 0;
                for (int c = 0; c < classes; c++) {
                    if (votes[c] > votes[teY[q]] || (votes[c] == votes[teY[q]] && c < teY[q])) {
                        rank++;
                    }
                }
                top1 += rank == 0 ? 1 : 0;
                top5 += rank < 5 ? 1 : 0;
            }
            return new long[] {top1, top5};
        }

        private static double cosine(float[] a, float[] b) {
            double dot = 0;
            double na = 0;
            double nb = 0;
            for (int i = 0; i < a.length; i++) {
                dot += a[i] * b[i];
                na += a[i] * a[i];
                nb += b[i] * b[i];
            }
            return dot / (Math.sqrt(na) * Math.sqrt(nb));
        }
    }
}
