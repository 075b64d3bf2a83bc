package dev.simclr.model.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.engine.Torch;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TorchInitTest {

    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = Torch.engine().newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static NamedSequence network(boolean zeroInit, long seed) {
        ModelConfig config = ModelConfig.builder()
                .setChannels(3)
                .setInputSize(8)
                .optWidth(0.5)
                .optZeroInitResidual(zeroInit)
                .build();
        NamedSequence net = ResNets.network(config);
        net.initialize(manager, DataType.FLOAT32, new Shape(2, 3, 8, 8));
        TorchInit.apply(net, seed, zeroInit);
        return net;
    }

    private static Parameter param(NamedSequence net, String suffix) {
        return net.getParameters().stream()
                .filter(p -> p.getKey().endsWith(suffix))
                .findFirst()
                .orElseThrow()
                .getValue();
    }

    @Test
    void convolutionsAreKaimingNormalFanOut() {
        NamedSequence net = network(false, 7);
        // layer4 block2 conv2: 256 x 256 x 3 x 3, fan_out = 256 * 9
        float[] w =
                param(net, "05layer4_02block2_01main_04conv2_weight").getArray().toFloatArray();
        assertThat(w).hasSize(256 * 256 * 9);
        double mean = 0;
        double sq = 0;
        for (float v : w) {
            mean += v;
            sq += (double) v * v;
        }
        mean /= w.length;
        double std = Math.sqrt(sq / w.length - mean * mean);
        assertThat(std).isCloseTo(Math.sqrt(2.0 / (256 * 9)), within(0.01 * Math.sqrt(2.0 / (256 * 9))));
        assertThat(mean).isCloseTo(0, within(1e-3));
    }

    @Test
    void linearLayersAreUniformWithinOneOverSqrtFanIn() {
        NamedSequence net = network(false, 7);
        float[] w = param(net, "02head_01fc1_weight").getArray().toFloatArray();
        float[] b = param(net, "02head_01fc1_bias").getArray().toFloatArray();
        double bound = 1 / Math.sqrt(256);
        double max = 0;
        for (float v : w) {
            max = Math.max(max, Math.abs(v));
        }
        assertThat(max).isLessThanOrEqualTo(bound).isGreaterThan(0.99 * bound);
        for (float v : b) {
            assertThat((double) Math.abs(v)).isLessThanOrEqualTo(bound);
        }
    }

    @Test
    void batchNormStartsAtIdentityAndZeroInitIsOptional() {
        NamedSequence plain = network(false, 7);
        NamedSequence zero = network(true, 7);
        String last = "02layer1_01block1_01main_05bn2_gamma";
        String first = "02layer1_01block1_01main_02bn1_gamma";
        assertThat(param(plain, last).getArray().toFloatArray()).containsOnly(1f);
        assertThat(param(zero, last).getArray().toFloatArray()).containsOnly(0f);
        assertThat(param(zero, first).getArray().toFloatArray()).containsOnly(1f);
        assertThat(param(zero, "01stem_02bn_gamma").getArray().toFloatArray()).containsOnly(1f);
        assertThat(param(zero, "02head_02bn_gamma").getArray().toFloatArray()).containsOnly(1f);
        assertThat(param(plain, "01stem_02bn_runningVar").getArray().toFloatArray())
                .containsOnly(1f);
        assertThat(param(plain, "01stem_02bn_beta").getArray().toFloatArray()).containsOnly(0f);
    }

    @Test
    void sameSeedSameValuesOtherSeedOtherValues() {
        String name = "01stem_01conv_weight";
        float[] a = param(network(false, 1), name).getArray().toFloatArray();
        float[] b = param(network(false, 1), name).getArray().toFloatArray();
        float[] c = param(network(false, 2), name).getArray().toFloatArray();
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
    }
}
