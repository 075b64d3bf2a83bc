package dev.simclr.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OnnxParityTest {

    @Test
    void findsTheLargestDifferenceAndItsPlace() {
        float[][] a = {{1f, 2f, 3f}, {-4f, 5f, 6f}};
        float[][] b = {{1f, 2.00001f, 3f}, {-4.5f, 5f, 6f}};
        OnnxParity.Report r = OnnxParity.compare(a, b);
        assertThat(r.maxAbsDiff()).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.row()).isEqualTo(1);
        assertThat(r.col()).isZero();
        assertThat(r.referenceValue()).isEqualTo(-4f);
        assertThat(r.candidateValue()).isEqualTo(-4.5f);
        assertThat(r.maxAbsValue()).isEqualTo(6.0);
        // Relative to the largest |value| (6): 0.5 / 6 = 0.0833.
        assertThat(r.allowed(0.1)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(r.within(0.084)).isTrue();
        assertThat(r.within(0.083)).isFalse();
        assertThat(r.describe(1e-4))
                .startsWith("max |diff| 0.500 at image 1, feature 0 (reference -4.0, candidate -4.5)")
                .contains("over 2x3 features")
                .endsWith("EXCEEDS the allowed 0.00060 (tolerance 1.0e-04 x max(1, largest |value| 6.000))");
    }

    @Test
    void smallFeaturesKeepAnAbsoluteFloor() {
        OnnxParity.Report r = OnnxParity.compare(new float[] {0.01f, -0.02f}, new float[] {0.01f, -0.02009f}, 1, 2);
        assertThat(r.allowed(1e-4)).isEqualTo(1e-4);
        assertThat(r.within(1e-4)).isTrue();
        assertThat(OnnxParity.compare(new float[] {0.01f}, new float[] {0.0102f}, 1, 1)
                        .within(1e-4))
                .isFalse();
    }

    @Test
    void fp32RoundingOnLargeFeaturesPassesAndARealMismatchFails() {
        // Features around 1e3 computed two ways in fp32 (different summation order), as DJL and ONNX
        // Runtime do: differences of ~1e-4 absolute, far below 1e-4 relative.
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        int rows = 64;
        int dim = 128;
        int terms = 512;
        float[] reference = new float[rows * dim];
        float[] candidate = new float[rows * dim];
        for (int i = 0; i < reference.length; i++) {
            float forward = 0;
            float[] parts = new float[terms];
            for (int k = 0; k < terms; k++) {
                parts[k] = (float) (rng.nextDouble(0, 4) + 0.5);
                forward += parts[k];
            }
            float backward = 0;
            for (int k = terms - 1; k >= 0; k--) {
                backward += parts[k];
            }
            reference[i] = forward;
            candidate[i] = backward;
        }
        OnnxParity.Report sound = OnnxParity.compare(reference, candidate, rows, dim);
        assertThat(sound.maxAbsValue()).isBetween(1000.0, 2000.0);
        assertThat(sound.maxAbsDiff()).as(sound.describe()).isGreaterThan(1e-4);
        assertThat(sound.within(1e-4)).as(sound.describe(1e-4)).isTrue();

        float[] broken = candidate.clone();
        broken[5 * dim + 17] *= 1.001f; // one feature 0.1 % off: a wrong weight, not rounding
        OnnxParity.Report mismatch = OnnxParity.compare(reference, broken, rows, dim);
        assertThat(mismatch.within(1e-4)).as(mismatch.describe(1e-4)).isFalse();
        assertThat(mismatch.row()).isEqualTo(5);
        assertThat(mismatch.col()).isEqualTo(17);
    }

    @Test
    void nanCountsAsInfiniteDifference() {
        OnnxParity.Report r = OnnxParity.compare(new float[] {1f, 2f}, new float[] {1f, Float.NaN}, 1, 2);
        assertThat(r.maxAbsDiff()).isInfinite();
        assertThat(r.col()).isEqualTo(1);
        assertThat(r.within(1e9)).isFalse();
    }

    @Test
    void shapesMustAgree() {
        assertThatThrownBy(() -> OnnxParity.compare(new float[][] {{1f}}, new float[][] {{1f}, {2f}}))
                .hasMessageContaining("same number (>= 1) of rows, got 1 and 2");
        assertThatThrownBy(() -> OnnxParity.compare(new float[][] {{1f, 2f}}, new float[][] {{1f}}))
                .hasMessageContaining("candidate row 0 has 1 values, expected 2");
    }
}
