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
    assertThat(r.within(0.5)).isTrue();
    assertThat(r.within(0.4)).isFalse();
    assertThat(r.describe(1e-4)).startsWith("max |diff| 0.500 at image 1, feature 0 (reference -4.0, candidate -4.5)")
        .contains("over 2x3 features").endsWith("EXCEEDS the tolerance 1.0e-04");
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
