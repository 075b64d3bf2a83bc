package dev.simclr.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Top-k ranks, standardisation and the lr schedule on hand-computed values. */
class NumericsTest {

    @Test
    void topKRanksBreakTiesTowardsTheLowerClass() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), EvaluationProtocol.ENGINE)) {
            NDArray scores = m.create(
                    new float[] {
                        3, 1, 2, 0, 0, 0, // label 0: highest -> top-1
                        5, 5, 0, 0, 0, 0, // label 1: tied with class 0 (lower) -> rank 1
                        5, 5, 0, 0, 0, 0, // label 0: tied, but lowest index -> top-1
                        1, 1, 1, 1, 1, 1, // label 5: all tied -> rank 5, outside top-5
                        9, 8, 7, 6, 5, 4, // label 4: rank 4 -> top-5
                    },
                    new Shape(5, 6));
            NDArray labels = m.create(new long[] {0, 1, 0, 5, 4});
            assertThat(TopKAccuracy.hits(scores, labels)).containsExactly(2, 4);
        }
    }

    @Test
    void standardisationUsesTheUnbiasedTrainStdPlusEpsilon() {
        try (NDManager m = NDManager.newBaseManager(Device.cpu(), EvaluationProtocol.ENGINE)) {
            // column 0: 1, 2, 3 -> mean 2, std 1; column 1 constant 7 -> std 0 -> scale eps
            NDArray train = m.create(new float[] {1, 7, 2, 7, 3, 7}, new Shape(3, 2));
            Standardizer s = Standardizer.fit(train, 1e-6, m);
            float[] out = s.apply(train).toFloatArray();
            assertThat(out[0]).isCloseTo(-1f, within(1e-5f));
            assertThat(out[2]).isCloseTo(0f, within(1e-6f));
            assertThat(out[4]).isCloseTo(1f, within(1e-5f));
            assertThat(out[1]).isZero();
            float[] test =
                    s.apply(m.create(new float[] {5, 7.5f}, new Shape(1, 2))).toFloatArray();
            assertThat(test[0]).isCloseTo(3f, within(1e-5f));
            assertThat(test[1]).isCloseTo(5e5f, within(1f)); // 0.5 / 1e-6, as the anchor does
            assertThat(train.toFloatArray()).containsExactly(1, 7, 2, 7, 3, 7);
            assertThat(train.getDataType()).isEqualTo(DataType.FLOAT32);
        }
    }
}
