package dev.simclr.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EvaluationProtocolTest {

    private final EvaluationProtocol protocol = EvaluationProtocol.builder().build();

    private ProtocolResult run(Blobs train, Blobs test, int classes) {
        return protocol.run(train.features, train.labels, test.features, test.labels, classes);
    }

    @Test
    void wellSeparatedClassesAreClassifiedPerfectly() {
        Blobs train = Blobs.axisMeans(1200, 16, 6, 8.0, 1.0, 1);
        Blobs test = Blobs.axisMeans(600, 16, 6, 8.0, 1.0, 2);
        ProtocolResult r = run(train, test, 6);
        assertThat(r.linearTop1()).isEqualTo(1.0);
        assertThat(r.knnTop1()).isEqualTo(1.0);
        assertThat(r.linearTop5()).isEqualTo(1.0);
        assertThat(r.knnTop5()).isEqualTo(1.0);
        assertThat(r.featureDim()).isEqualTo(16);
        assertThat(r.trainCount()).isEqualTo(1200);
        assertThat(r.testCount()).isEqualTo(600);
        assertThat(r.timingsMs()).containsOnlyKeys("standardize", "linear", "knn", "total");
    }

    @Test
    void gaussianClassesReachTheBayesAccuracy() {
        // Classes at -1 and +1 on one axis with unit noise: Bayes rule sign(x0), accuracy Phi(1).
        Blobs train = Blobs.twoClasses(4000, 4, 1.0, 3);
        Blobs test = Blobs.twoClasses(4000, 4, 1.0, 4);
        int bayesHits = 0;
        for (int i = 0; i < test.labels.length; i++) {
            int predicted = test.features.get(i, 0) > 0 ? 1 : 0;
            bayesHits += predicted == test.labels[i] ? 1 : 0;
        }
        double bayes = bayesHits / 4000.0;
        assertThat(bayes).isCloseTo(0.8413, within(0.02));
        ProtocolResult r = run(train, test, 2);
        assertThat(r.linearTop1()).isCloseTo(bayes, within(0.012));
        assertThat(r.knnTop1()).isBetween(0.70, bayes + 0.01);
        assertThat(r.linearTop5()).isNull();
        assertThat(r.knnTop5()).isNull();
    }

    @Test
    void randomLabelsScoreChance() {
        Blobs train = Blobs.noise(3000, 32, 10, 5);
        Blobs test = Blobs.noise(3000, 32, 10, 6);
        ProtocolResult r = run(train, test, 10);
        assertThat(r.linearTop1()).isCloseTo(0.10, within(0.03));
        assertThat(r.knnTop1()).isCloseTo(0.10, within(0.03));
        assertThat(r.linearTop5()).isCloseTo(0.50, within(0.05));
        assertThat(r.knnTop5()).isCloseTo(0.50, within(0.05));
    }

    @Test
    void featuresThatEncodeTheLabelBeatNoise() {
        Blobs informative = Blobs.axisMeans(3000, 32, 10, 1.5, 1.0, 7);
        Blobs informativeTest = Blobs.axisMeans(1000, 32, 10, 1.5, 1.0, 8);
        Blobs noise = Blobs.axisMeans(3000, 32, 10, 0.0, 1.0, 7);
        Blobs noiseTest = Blobs.axisMeans(1000, 32, 10, 0.0, 1.0, 8);
        ProtocolResult good = run(informative, informativeTest, 10);
        ProtocolResult bad = run(noise, noiseTest, 10);
        assertThat(good.linearTop1()).isGreaterThan(bad.linearTop1() + 0.3);
        assertThat(good.knnTop1()).isGreaterThan(bad.knnTop1() + 0.3);
        assertThat(bad.linearTop1()).isLessThan(0.15);
    }

    @Test
    void topFiveIsAtLeastTopOne() {
        Blobs train = Blobs.axisMeans(2000, 12, 8, 1.0, 1.0, 9);
        Blobs test = Blobs.axisMeans(800, 12, 8, 1.0, 1.0, 10);
        ProtocolResult r = run(train, test, 8);
        assertThat(r.linearTop5()).isGreaterThanOrEqualTo(r.linearTop1()).isLessThan(1.0);
        assertThat(r.knnTop5()).isGreaterThanOrEqualTo(r.knnTop1());
        assertThat(r.linearTop1()).isGreaterThan(0.3);
    }

    @Test
    void resultsAreDeterministicAndFollowTheConfig() {
        Blobs train = Blobs.axisMeans(1500, 24, 10, 1.0, 1.0, 11);
        Blobs test = Blobs.axisMeans(500, 24, 10, 1.0, 1.0, 12);
        ProtocolResult a = run(train, test, 10);
        ProtocolResult b = run(train, test, 10);
        assertThat(b.linearTop1()).isEqualTo(a.linearTop1());
        assertThat(b.linearTop5()).isEqualTo(a.linearTop5());
        assertThat(b.knnTop1()).isEqualTo(a.knnTop1());
        assertThat(b.probeFinalLoss()).isEqualTo(a.probeFinalLoss());
        // A stronger L2 penalty can only raise the optimal objective.
        ProtocolResult stronger = EvaluationProtocol.builder()
                .optProbe(ProbeConfig.builder().optL2(1e-1).build())
                .build()
                .run(train.features, train.labels, test.features, test.labels, 10);
        assertThat(stronger.probeFinalLoss()).isGreaterThan(a.probeFinalLoss());
    }

    @Test
    void provenanceRecordsTheHyperParameters() {
        Blobs train = Blobs.axisMeans(200, 4, 2, 3.0, 1.0, 13);
        ProtocolResult r = run(train, train, 2);
        assertThat(r.provenance())
                .containsEntry("protocol", EvaluationProtocol.VERSION)
                .containsEntry("featureDim", 4)
                .containsKeys("linearProbe", "knn");
        assertThat(r.probe()).isEqualTo(ProbeConfig.DEFAULT);
        assertThat(r.knn()).isEqualTo(KnnConfig.DEFAULT);
        assertThat(KnnConfig.DEFAULT.toMap()).containsEntry("k", 200).containsEntry("temperature", 0.1);
        assertThat(ProbeConfig.DEFAULT.toMap())
                .containsEntry("maxIterations", 100)
                .containsEntry("l2", 1e-4)
                .containsEntry("history", 10)
                .containsEntry("init", "zeros")
                .containsEntry("stdEpsilon", 1e-6);
    }

    @Test
    void invalidInputsAreRejectedWithAReason() {
        Blobs a = Blobs.axisMeans(10, 4, 2, 1.0, 1.0, 1);
        Blobs b = Blobs.axisMeans(10, 5, 2, 1.0, 1.0, 1);
        assertThatThrownBy(() -> protocol.run(a.features, a.labels, b.features, b.labels, 2))
                .hasMessage("train features are 4-d but test features are 5-d");
        assertThatThrownBy(() -> protocol.run(a.features, new int[3], a.features, a.labels, 2))
                .hasMessage("train: 10 feature rows but 3 labels");
        assertThatThrownBy(() -> protocol.run(a.features, a.labels, a.features, a.labels, 1))
                .hasMessage("protocol needs at least 2 classes, got 1");
        int[] bad = a.labels.clone();
        bad[4] = 2;
        assertThatThrownBy(() -> protocol.run(a.features, a.labels, a.features, bad, 2))
                .hasMessage("test label 4 is 2, outside 0..1");
        float[] nan = a.features.data().clone();
        nan[7] = Float.NaN;
        assertThatThrownBy(() -> protocol.run(FeatureMatrix.wrap(nan, 10, 4), a.labels, a.features, a.labels, 2))
                .hasMessage("train features contain NaN or infinite values");
    }

    @Test
    void configsValidateTheirValues() {
        assertThatThrownBy(() -> ProbeConfig.builder().optMaxIterations(0).build())
                .hasMessage("probe config: maxIterations must be >= 1, got 0");
        assertThatThrownBy(() -> ProbeConfig.builder().optL2(-1).build())
                .hasMessage("probe config: l2 must be >= 0, got -1.0");
        assertThatThrownBy(() -> KnnConfig.builder().optK(0).build()).hasMessage("knn config: k must be >= 1, got 0");
        assertThatThrownBy(() -> KnnConfig.builder().optTemperature(0).build())
                .hasMessage("knn config: temperature must be > 0, got 0.0");
        assertThat(KnnConfig.DEFAULT.chunkRows(60_000, 200, 10)).isEqualTo(1000);
        assertThat(KnnConfig.builder().optMemoryBudgetBytes(24L << 20).build().chunkRows(60_000, 200, 10))
                .isEqualTo(104);
    }
}
