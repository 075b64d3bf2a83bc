package dev.simclr.model.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.Stem;
import dev.simclr.model.engine.Torch;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parameter counts against torchvision and an independent formula; block structure. */
class ResNetsTest {

    private static NDManager manager;

    @BeforeAll
    static void engine() {
        manager = Torch.engine().newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    private static long encoderCount(ModelConfig config) {
        NamedSequence encoder = ResNets.encoder(config);
        try (NDManager sub = manager.newSubManager()) {
            encoder.initialize(
                    sub, DataType.FLOAT32, new Shape(1, config.channels(), config.inputSize(), config.inputSize()));
            return ResNets.trainableParameterCount(encoder);
        }
    }

    private static ModelConfig config(Arch arch, Stem stem, int channels, double width) {
        return ModelConfig.builder()
                .setChannels(channels)
                .setInputSize(stem == Stem.SMALL ? 8 : 32)
                .optArch(arch)
                .optStem(stem)
                .optWidth(width)
                .build();
    }

    @Test
    void matchesTorchvisionCountsWithTheFcAdded() {
        assertThat(encoderCount(config(Arch.RESNET18, Stem.IMAGENET, 3, 1)) + 512 * 1000 + 1000)
                .isEqualTo(11_689_512L);
        assertThat(encoderCount(config(Arch.RESNET50, Stem.IMAGENET, 3, 1)) + 2048 * 1000 + 1000)
                .isEqualTo(25_557_032L);
    }

    @Test
    void matchesTheCpuAnchorCounts() {
        assertThat(encoderCount(config(Arch.RESNET18, Stem.SMALL, 1, 1))).isEqualTo(11_167_680L);
        assertThat(encoderCount(config(Arch.RESNET18, Stem.SMALL, 1, 0.25))).isEqualTo(699_888L);
    }

    @Test
    void matchesTheFormulaForOtherVariants() {
        for (Arch arch : List.of(Arch.RESNET18, Arch.RESNET34, Arch.RESNET50)) {
            for (Stem stem : Stem.values()) {
                for (int channels : new int[] {1, 3}) {
                    double width = arch == Arch.RESNET18 ? 1 : 0.25;
                    assertThat(encoderCount(config(arch, stem, channels, width)))
                            .as("%s %s %d-channel width %s", arch, stem, channels, width)
                            .isEqualTo(formula(arch, stem, channels, width));
                }
            }
        }
        // The formula itself reproduces torchvision's ResNet-34 (21,797,672 with its fc).
        assertThat(formula(Arch.RESNET34, Stem.IMAGENET, 3, 1) + 512 * 1000 + 1000)
                .isEqualTo(21_797_672L);
    }

    /** Independent count: conv = cin*cout*k*k (no bias), BN = 2c, projection shortcut when the shape changes. */
    private static long formula(Arch arch, Stem stem, int channels, double width) {
        int[] c = new int[4];
        for (int i = 0; i < 4; i++) {
            c[i] = Math.max(8, (int) (64 * width * (1 << i)));
        }
        int[] blocks = arch == Arch.RESNET18 ? new int[] {2, 2, 2, 2} : new int[] {3, 4, 6, 3};
        int k = stem == Stem.IMAGENET ? 7 : 3;
        long total = (long) channels * c[0] * k * k + 2L * c[0];
        int in = c[0];
        for (int s = 0; s < 4; s++) {
            for (int b = 0; b < blocks[s]; b++) {
                int stride = s > 0 && b == 0 ? 2 : 1;
                int out = arch == Arch.RESNET50 ? 4 * c[s] : c[s];
                if (arch == Arch.RESNET50) {
                    total += (long) in * c[s] + 2L * c[s] + 9L * c[s] * c[s] + 2L * c[s] + (long) c[s] * out + 2L * out;
                } else {
                    total += 9L * in * out + 2L * out + 9L * out * out + 2L * out;
                }
                if (stride != 1 || in != out) {
                    total += (long) in * out + 2L * out;
                }
                in = out;
            }
        }
        return total;
    }

    @Test
    void namedChildrenExposeTorchvisionTopology() {
        NamedSequence encoder = ResNets.encoder(config(Arch.RESNET50, Stem.IMAGENET, 3, 0.25));
        assertThat(names(encoder)).containsExactly("stem", "layer1", "layer2", "layer3", "layer4", "pool");
        assertThat(names(encoder.child("stem"))).containsExactly("conv", "bn", "relu", "maxpool");
        NamedSequence layer2 = (NamedSequence) encoder.child("layer2");
        assertThat(names(layer2)).containsExactly("block1", "block2", "block3", "block4");
        ResidualBlock first = (ResidualBlock) layer2.child("block1");
        assertThat(names(first)).containsExactly("main", "shortcut", "relu");
        assertThat(names(first.main()))
                .containsExactly("conv1", "bn1", "relu1", "conv2", "bn2", "relu2", "conv3", "bn3");
        // torchvision v1.5: the stride sits on the 3x3 convolution
        assertThat(((Conv2d) first.main().child("conv1")).getStride()).isEqualTo(new Shape(1, 1));
        assertThat(((Conv2d) first.main().child("conv2")).getStride()).isEqualTo(new Shape(2, 2));
        assertThat(((Conv2d) first.main().child("conv2")).getKernelShape()).isEqualTo(new Shape(3, 3));
        assertThat(((Conv2d) first.shortcut().orElseThrow().child("conv")).getStride())
                .isEqualTo(new Shape(2, 2));
        assertThat(((ResidualBlock) layer2.child("block2")).shortcut()).isEmpty();
        // ResNet-50's first stage widens 16 -> 64 channels, so it has a stride-1 projection
        ResidualBlock l1 = (ResidualBlock) ((NamedSequence) encoder.child("layer1")).child("block1");
        assertThat(l1.shortcut()).isPresent();

        NamedSequence r18 = ResNets.encoder(config(Arch.RESNET18, Stem.SMALL, 1, 0.25));
        assertThat(names(r18.child("stem"))).containsExactly("conv", "bn", "relu");
        ResidualBlock basic = (ResidualBlock) ((NamedSequence) r18.child("layer1")).child("block1");
        assertThat(basic.shortcut()).isEmpty();
        assertThat(names(basic.main())).containsExactly("conv1", "bn1", "relu1", "conv2", "bn2");
    }

    private static List<String> names(Block block) {
        return block.getChildren().keys().stream().map(k -> k.substring(2)).toList();
    }
}
