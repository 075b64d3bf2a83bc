package dev.simclr.model.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.simclr.contracts.EncodedViewPair;
import dev.simclr.contracts.ViewPair;
import dev.simclr.model.engine.Torch;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchAssemblerTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = Torch.engine().newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    private static List<byte[]> views(int count, int bytes, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] v = new byte[bytes];
            for (int j = 0; j < bytes; j++) {
                v[j] = (byte) rng.nextInt(256);
            }
            out.add(v);
        }
        return out;
    }

    /** Plain-Java reference: view k of [first; second], pixel (y, x, c) in HWC to (k, c, y, x). */
    private static float[] reference(
            List<byte[]> first, List<byte[]> second, int h, int w, int ch, double[] mean, double[] std) {
        List<byte[]> all = new ArrayList<>(first);
        all.addAll(second);
        float[] out = new float[all.size() * ch * h * w];
        for (int k = 0; k < all.size(); k++) {
            for (int c = 0; c < ch; c++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int pixel = all.get(k)[(y * w + x) * ch + c] & 0xff;
                        out[((k * ch + c) * h + y) * w + x] = (float) ((pixel / 255.0 - mean[c]) / std[c]);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void threeChannelViewsBecomeNormalisedNchwInPairOrder() {
        int h = 5;
        int w = 7;
        List<Double> mean = List.of(0.485, 0.456, 0.406);
        List<Double> std = List.of(0.229, 0.224, 0.225);
        BatchAssembler assembler = new BatchAssembler(h, w, 3, mean, std);
        List<byte[]> first = views(3, h * w * 3, 1);
        List<byte[]> second = views(3, h * w * 3, 2);
        NDArray batch = assembler.assemble(manager, first, second);
        assertThat(batch.getShape()).isEqualTo(new Shape(6, 3, h, w));
        assertThat(batch.getDataType()).isEqualTo(DataType.FLOAT32);
        float[] expected = reference(
                first, second, h, w, 3, new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225});
        assertThat(batch.toFloatArray()).containsExactly(expected, within(1e-5f));
    }

    @Test
    void stagingBufferReuseDoesNotAlterEarlierBatches() {
        BatchAssembler assembler = new BatchAssembler(4, 4, 1, List.of(0.5), List.of(0.25));
        List<byte[]> a = views(2, 16, 3);
        NDArray first = assembler.assemble(manager, a, views(2, 16, 4));
        float[] before = first.toFloatArray();
        assembler.assemble(manager, views(2, 16, 5), views(2, 16, 6));
        assertThat(first.toFloatArray()).containsExactly(before);
        assertThat(before)
                .containsExactly(
                        reference(a, views(2, 16, 4), 4, 4, 1, new double[] {0.5}, new double[] {0.25}), within(1e-5f));
    }

    @Test
    void stageCopiesTheViewsIntoOneUint8NhwcArrayInPairOrder() {
        BatchAssembler assembler = new BatchAssembler(2, 3, 3, List.of(0.5, 0.5, 0.5), List.of(0.25, 0.25, 0.25));
        List<byte[]> first = views(2, 18, 7);
        List<byte[]> second = views(2, 18, 8);
        byte[] expected = new byte[4 * 18];
        for (int k = 0; k < 4; k++) {
            byte[] v = k < 2 ? first.get(k) : second.get(k - 2);
            System.arraycopy(v, 0, expected, k * 18, 18);
        }
        try (NDArray staged = assembler.stage(manager, first, second)) {
            assertThat(staged.getShape()).isEqualTo(new Shape(4, 2, 3, 3));
            assertThat(staged.getDataType()).isEqualTo(DataType.UINT8);
            assertThat(staged.toByteArray()).containsExactly(expected);
        }
        assertThatThrownBy(() -> assembler.stage(manager, first, views(1, 18, 9)))
                .hasMessageContaining("got 2 and 1");
    }

    private static List<EncodedViewPair> encoded(List<byte[]> first, List<byte[]> second, int h, int w, int c) {
        List<EncodedViewPair> out = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            out.add(EncodedViewPair.of(new ViewPair("p" + i, 0, i, h, w, c, first.get(i), second.get(i))));
        }
        return out;
    }

    @Test
    void pairsReadInPlaceStageAndNormaliseExactlyAsSeparateViews() {
        BatchAssembler assembler =
                new BatchAssembler(5, 7, 3, List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225));
        List<byte[]> first = views(3, 5 * 7 * 3, 11);
        List<byte[]> second = views(3, 5 * 7 * 3, 12);
        byte[] separate;
        try (NDArray staged = assembler.stage(manager, first, second)) {
            separate = staged.toByteArray();
        }
        try (NDArray staged = assembler.stage(manager, encoded(first, second, 5, 7, 3))) {
            assertThat(staged.getShape()).isEqualTo(new Shape(6, 5, 7, 3));
            assertThat(staged.toByteArray()).containsExactly(separate);
        }
        float[] expected = assembler.assemble(manager, first, second).toFloatArray();
        assertThat(assembler.assemble(manager, encoded(first, second, 5, 7, 3)).toFloatArray())
                .containsExactly(expected);
        List<EncodedViewPair> wrong = encoded(views(1, 7 * 5, 1), views(1, 7 * 5, 2), 7, 5, 1);
        assertThatThrownBy(() -> assembler.stage(manager, wrong))
                .hasMessage("batch assembler: pair 0 (p0) is 7x5x1, expected 5x7x3");
        assertThatThrownBy(() -> assembler.stage(manager, List.<EncodedViewPair>of()))
                .hasMessage("batch assembler: need at least one pair");
    }

    @Test
    void rejectsInconsistentBatches() {
        BatchAssembler assembler = new BatchAssembler(4, 4, 1, List.of(0.5), List.of(0.25));
        assertThatThrownBy(() -> assembler.assemble(manager, views(2, 16, 1), views(1, 16, 1)))
                .hasMessageContaining("same number (>= 1) of first and second views, got 2 and 1");
        assertThatThrownBy(() -> assembler.assemble(manager, views(1, 16, 1), views(1, 15, 1)))
                .hasMessage("batch assembler: view 0 has 15 bytes, expected 16 (4x4x1)");
        assertThatThrownBy(() -> new BatchAssembler(4, 4, 3, List.of(0.5), List.of(0.25)))
                .hasMessageContaining("need 3 mean/std values");
        assertThatThrownBy(() -> assembler.normalize(manager.zeros(new Shape(1, 4, 4, 1))))
                .hasMessageContaining("expected uint8 (N, H, W, 1)");
    }
}
