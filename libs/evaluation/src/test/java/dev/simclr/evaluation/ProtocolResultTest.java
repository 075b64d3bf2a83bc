package dev.simclr.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.contracts.EvalResult;
import dev.simclr.evaluation.data.EvalSet;
import dev.simclr.evaluation.data.LabelledImages;
import dev.simclr.evaluation.data.Preprocessing;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProtocolResultTest {

    /** A 4x4 grey eval set whose class is the brightness (dark 0, bright 1). */
    private static EvalSet brightness(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[][] px = {new byte[n * 16], new byte[n * 16]};
        int[][] y = {new int[n], new int[n]};
        for (int s = 0; s < 2; s++) {
            for (int i = 0; i < n; i++) {
                y[s][i] = i % 2;
                for (int p = 0; p < 16; p++) {
                    px[s][i * 16 + p] = (byte) (rng.nextInt(100) + (y[s][i] == 1 ? 120 : 0));
                }
            }
        }
        Preprocessing p = new Preprocessing(4, 4, 1, ResizeMode.PAD);
        return new EvalSet(
                "bright",
                "test:bright",
                p,
                List.of("dark", "bright"),
                new LabelledImages(4, 4, 1, px[0], y[0]),
                new LabelledImages(4, 4, 1, px[1], y[1]));
    }

    @Test
    void evaluateExtractsFeaturesAndFillsAnEvalResult() {
        EvaluationProtocol protocol = EvaluationProtocol.builder().build();
        ProtocolResult r = protocol.evaluate(RawPixels.of(4, 4, 1), brightness(400, 1), 64);
        assertThat(r.linearTop1()).isEqualTo(1.0);
        assertThat(r.featureDim()).isEqualTo(16);
        assertThat(r.timingsMs()).containsOnlyKeys("features", "standardize", "linear", "knn", "total");
        assertThat(r.timingsMs().keySet()).first().isEqualTo("features");
        EvalResult e = r.applyTo(EvalResult.builder())
                .setRunId("run-1")
                .setStep(10)
                .setCheckpointUri("s3://ckpt/run-1/step-10/")
                .setEvalSet("bright")
                .setOnnxUri("s3://ckpt/run-1/step-10/encoder.onnx")
                .setOnnxMaxAbsDiff(0)
                .optTimingMs("onnxExport", 5)
                .setCreatedAt(Instant.EPOCH)
                .build();
        assertThat(e.linearTop1()).isEqualTo(1.0);
        assertThat(e.linearTop5()).isNull();
        assertThat(e.knnTop1()).isEqualTo(r.knnTop1());
        assertThat(e.trainCount()).isEqualTo(400);
        assertThat(e.testCount()).isEqualTo(400);
        assertThat(e.timingsMs()).containsKeys("features", "linear", "knn", "onnxExport");
    }

    @Test
    void evalSetLimitKeepsTheFirstImagesAndMarksTheIdentity() {
        EvalSet full = brightness(50, 2);
        EvalSet small = full.limit(20, 10);
        assertThat(small.train().count()).isEqualTo(20);
        assertThat(small.test().count()).isEqualTo(10);
        assertThat(small.identity()).isNotEqualTo(full.identity()).startsWith("bright@");
        assertThat(full.limit(50, 50)).isSameAs(full);
    }
}
