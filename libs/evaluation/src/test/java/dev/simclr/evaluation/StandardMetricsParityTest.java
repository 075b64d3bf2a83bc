package dev.simclr.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.simclr.evaluation.data.LabelledImages;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The standard metrics computed through the registry are bit-for-bit the values of the protocol as it was before the
 * registry (standardise, probe, kNN in one sequence; label-free measures called directly), on fixed seeds.
 */
class StandardMetricsParityTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void registryComputesTheSameBitsAsThePreviousProtocol(int set) {
        Blobs[] s = switch (set) {
            case 0 ->
                new Blobs[] {Blobs.axisMeans(900, 32, 10, 1.5, 1.0, 21), Blobs.axisMeans(400, 32, 10, 1.5, 1.0, 22)};
            case 1 -> new Blobs[] {Blobs.noise(500, 16, 10, 5), Blobs.noise(300, 16, 10, 6)};
            default -> new Blobs[] {Blobs.twoClasses(800, 8, 0.5, 7), Blobs.twoClasses(300, 8, 0.5, 8)};
        };
        int classes = set == 2 ? 2 : 10;
        ProtocolResult r =
                EvaluationProtocol.defaults().run(s[0].features, s[0].labels, s[1].features, s[1].labels, classes);
        Previous p = previous(s[0], s[1], classes);

        assertThat(r.metrics().keySet())
                .containsExactlyElementsOf(
                        classes > 5
                                ? java.util.List.of("linear_top1", "knn_top1", "linear_top5", "knn_top5")
                                : java.util.List.of("linear_top1", "knn_top1"));
        assertThat(bits(r.linearTop1())).isEqualTo(bits(p.linear.accuracy().top1()));
        assertThat(bits(r.knnTop1())).isEqualTo(bits(p.knn.top1()));
        assertThat(r.linearTop5()).isEqualTo(p.linear.accuracy().top5());
        assertThat(r.knnTop5()).isEqualTo(p.knn.top5());
        assertThat(bits(r.probeFinalLoss())).isEqualTo(bits(p.linear.finalLoss()));
        assertThat(r.timingsMs().keySet()).containsExactly("standardize", "linear", "knn", "total");
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 11})
    void labelFreeMetricsAreTheDirectMeasures(int seed) {
        Blobs train = Blobs.noise(120, 64, 10, seed);
        Blobs test = Blobs.noise(60, 64, 10, seed + 1);
        LabelledImages images = noise(24, 8, seed);
        LabelFreeMeasures.Result direct;
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), EvaluationProtocol.ENGINE)) {
            direct = LabelFreeMeasures.measure(RawPixels.of(8, 8, 1), images, 7, m, "noise");
        }
        ProtocolResult r = EvaluationProtocol.defaults()
                .run(
                        train.features,
                        train.labels,
                        test.features,
                        test.labels,
                        10,
                        new LabelFreeMeasures.Sample(RawPixels.of(8, 8, 1), images, 7, "noise"));

        assertThat(r.metrics().keySet())
                .containsExactly("linear_top1", "knn_top1", "linear_top5", "knn_top5", "alignment", "uniformity");
        assertThat(bits(r.metrics().get("alignment"))).isEqualTo(bits(direct.alignment()));
        assertThat(bits(r.metrics().get("uniformity"))).isEqualTo(bits(direct.uniformity()));
        assertThat(r.labelFreeSet()).isEqualTo("noise");
        assertThat(r.labelFreeCount()).isEqualTo(24);
        assertThat(r.timingsMs().keySet()).containsExactly("standardize", "linear", "knn", "labelFree", "total");
    }

    private record Previous(LinearProbe.Outcome linear, Accuracy knn) {}

    /** The body of {@code EvaluationProtocol.run} before the registry, verbatim in its math. */
    private static Previous previous(Blobs trainSet, Blobs testSet, int numClasses) {
        ProbeConfig probe = ProbeConfig.DEFAULT;
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), EvaluationProtocol.ENGINE)) {
            NDArray train =
                    m.create(trainSet.features.data(), new Shape(trainSet.features.rows(), trainSet.features.dim()));
            NDArray test =
                    m.create(testSet.features.data(), new Shape(testSet.features.rows(), testSet.features.dim()));
            NDArray trainY = m.create(trainSet.labels).toType(DataType.INT64, false);
            NDArray testY = m.create(testSet.labels).toType(DataType.INT64, false);
            Standardizer standardizer = Standardizer.fit(train, probe.stdEpsilon(), m);
            NDArray trainStd = standardizer.apply(train);
            NDArray testStd = standardizer.apply(test);
            LinearProbe.Outcome linear = LinearProbe.run(trainStd, trainY, testStd, testY, numClasses, probe, m);
            trainStd.close();
            testStd.close();
            Accuracy knn = KnnClassifier.run(train, trainY, test, testY, numClasses, KnnConfig.DEFAULT, m);
            return new Previous(linear, knn);
        }
    }

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static LabelledImages noise(int n, int side, long seed) {
        byte[] px = new byte[n * side * side];
        new SplittableRandom(seed).nextBytes(px);
        return new LabelledImages(side, side, 1, px, new int[n]);
    }
}
