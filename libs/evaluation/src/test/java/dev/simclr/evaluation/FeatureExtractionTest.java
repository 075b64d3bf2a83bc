package dev.simclr.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.simclr.evaluation.data.LabelledImages;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeatureExtractionTest {

    private NDManager m;

    @BeforeEach
    void open() {
        m = NDManager.newBaseManager(Device.cpu(), EvaluationProtocol.ENGINE);
    }

    @AfterEach
    void close() {
        m.close();
    }

    /** An extractor from a function, with a 2x2 RGB input. */
    private static FeatureExtractor extractor(InputSpec spec, UnaryOperator<NDArray> f) {
        return new FeatureExtractor() {
            @Override
            public InputSpec inputSpec() {
                return spec;
            }

            @Override
            public NDArray embed(NDArray images) {
                return f.apply(images);
            }
        };
    }

    /** n 2x2x3 images; image i has R = i, G = 2i, B = 255 everywhere. */
    private static LabelledImages images(int n) {
        byte[] px = new byte[n * 12];
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < 4; p++) {
                px[i * 12 + p * 3] = (byte) i;
                px[i * 12 + p * 3 + 1] = (byte) (2 * i);
                px[i * 12 + p * 3 + 2] = (byte) 255;
            }
        }
        return new LabelledImages(2, 2, 3, px, new int[n]);
    }

    @Test
    void imagesAreScaledNormalisedAndLaidOutNchwAcrossBatches() {
        InputSpec spec = new InputSpec(2, 2, 3, List.of(0.0, 0.5, 0.5), List.of(1.0, 0.5, 0.25));
        // feature = per-channel mean over H, W (shape N x 3) -> checks NCHW order and normalisation
        FeatureExtractor fx =
                extractor(spec, x -> x.reshape(x.getShape().get(0), 3, 4).mean(new int[] {2}));
        FeatureMatrix f = FeatureExtraction.extract(fx, images(7), 3, m, "test");
        assertThat(f.rows()).isEqualTo(7);
        assertThat(f.dim()).isEqualTo(3);
        for (int i = 0; i < 7; i++) {
            assertThat(f.get(i, 0)).isCloseTo(i / 255f, within(1e-6f));
            assertThat(f.get(i, 1)).isCloseTo((2 * i / 255f - 0.5f) / 0.5f, within(1e-5f));
            assertThat(f.get(i, 2)).isCloseTo((1f - 0.5f) / 0.25f, within(1e-5f));
        }
    }

    @Test
    void rawPixelsAreTheFlattenedPixelsOverTwoFiftyFive() {
        LabelledImages imgs = images(2);
        FeatureMatrix f = FeatureExtraction.extract(RawPixels.of(2, 2, 3), imgs, 8, m, "raw");
        assertThat(f.dim()).isEqualTo(12);
        // NCHW flattening: channel 0 (R) of image 1 first -> 1/255 four times
        assertThat(f.get(1, 0)).isCloseTo(1 / 255f, within(1e-7f));
        assertThat(f.get(1, 4)).isCloseTo(2 / 255f, within(1e-7f));
        assertThat(f.get(1, 11)).isEqualTo(1f);
    }

    @Test
    void wrongInputShapeIsExplained() {
        FeatureExtractor fx = RawPixels.of(4, 4, 3);
        assertThatThrownBy(() -> FeatureExtraction.extract(fx, images(2), 8, m, "set/train"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("set/train: images are 2x2x3 but the model expects 4x4x3");
    }

    @Test
    void badExtractorOutputIsReported() {
        InputSpec spec = InputSpec.unnormalised(2, 2, 3);
        FeatureExtractor flat = extractor(spec, x -> x.flatten());
        assertThatThrownBy(() -> FeatureExtraction.extract(flat, images(3), 8, m, "s"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("returned shape (36) for a batch of 3 images");
        FeatureExtractor nan = extractor(
                spec, x -> x.reshape(3, -1).div(0f).sub(x.reshape(3, -1).div(0f)));
        assertThatThrownBy(() -> FeatureExtraction.extract(nan, images(3), 8, m, "s"))
                .hasMessageContaining("non-finite value (NaN) for image 0");
        FeatureExtractor growing = extractor(
                spec,
                x -> m.zeros(
                        new ai.djl.ndarray.types.Shape(
                                x.getShape().get(0), x.getShape().get(0) + 1),
                        DataType.FLOAT32));
        assertThatThrownBy(() -> FeatureExtraction.extract(growing, images(5), 2, m, "s"))
                .hasMessageContaining("feature size changed from 3 to 2 at image 4");
    }

    @Test
    void inputSpecValidates() {
        assertThatThrownBy(() -> new InputSpec(2, 2, 3, List.of(0.0), List.of(1.0)))
                .hasMessageContaining("needs 3 mean and std values");
        assertThatThrownBy(() -> InputSpec.of(2, 2, 1, 0.0, 0.0))
                .hasMessageContaining("std values must be finite and > 0");
    }
}
