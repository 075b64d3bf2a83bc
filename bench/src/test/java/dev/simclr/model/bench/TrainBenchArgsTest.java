package dev.simclr.model.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.model.Arch;
import dev.simclr.model.run.Algorithm;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TrainBenchArgsTest {

    @Test
    void defaultsAndOverrides() {
        TrainBenchArgs d = TrainBenchArgs.parse(new String[0]);
        assertThat(d.data()).isEqualTo(Path.of("/usr/share/datasets/fashion-mnist"));
        assertThat(d.arch()).isEqualTo(Arch.RESNET18);
        assertThat(d.batch()).isEqualTo(128);
        assertThat(d.optimizer()).isEqualTo(Algorithm.LARS);
        assertThat(d.lr()).isNull();
        assertThat(d.warmupSteps(100)).isEqualTo(10);
        assertThat(d.eval()).isFalse();

        TrainBenchArgs a = TrainBenchArgs.parse(new String[] {
            "--width",
            "0.25",
            "--batch",
            "64",
            "--steps",
            "30",
            "--optimizer",
            "sgd",
            "--lr",
            "0.1",
            "--warmup",
            "5",
            "--crop-scale",
            "0.35,1",
            "--eval",
            "--eval-limit",
            "1000,200",
            "--jitter-strength",
            "0.4",
            "--threads",
            "1"
        });
        assertThat(a.width()).isEqualTo(0.25);
        assertThat(a.steps()).isEqualTo(30);
        assertThat(a.optimizer()).isEqualTo(Algorithm.SGD);
        assertThat(a.lr()).isEqualTo(0.1);
        assertThat(a.warmupSteps(30)).isEqualTo(5);
        assertThat(a.cropMin()).isEqualTo(0.35);
        assertThat(a.eval()).isTrue();
        assertThat(a.evalBaselines()).isFalse();
        assertThat(a.evalTrainLimit()).isEqualTo(1000);
        assertThat(a.jitterStrength()).isEqualTo(0.4);
        assertThat(a.modelConfig().featureDim()).isEqualTo(128);
    }

    @Test
    void badArgumentsGiveOneLineReasons() {
        assertThatThrownBy(() -> TrainBenchArgs.parse(new String[] {"--batch", "1"}))
                .hasMessage("--batch must be >= 2, got 1");
        assertThatThrownBy(() -> TrainBenchArgs.parse(new String[] {"--lr", "fast"}))
                .hasMessage("--lr needs a number, got 'fast'");
        assertThatThrownBy(() -> TrainBenchArgs.parse(new String[] {"--steps"}))
                .hasMessage("missing value after --steps");
        assertThatThrownBy(() -> TrainBenchArgs.parse(new String[] {"--turbo", "1"}))
                .hasMessageStartingWith("unknown option --turbo (options: --data DIR");
        assertThatThrownBy(() -> TrainBenchArgs.parse(new String[] {"--optimizer", "adam"}))
                .hasMessage("unknown optimizer 'adam': expected one of lars, sgd");
        assertThatThrownBy(() -> TrainBenchArgs.parse(new String[] {"--crop-scale", "0.5"}))
                .hasMessage("--crop-scale needs LO,HI, got '0.5'");
        assertThatThrownBy(() -> TrainBenchArgs.parse(new String[] {"--crop-scale", "0.9,0.5"}))
                .hasMessageContaining("0 < LO <= HI <= 1");
        assertThatThrownBy(() -> TrainBenchArgs.parse(new String[] {"--channels", "2"}))
                .hasMessageContaining("channels must be 1 or 3");
        assertThatThrownBy(() -> TrainBenchArgs.parse(new String[] {"--input-size", "4"}))
                .hasMessageContaining("inputSize must be in [8, 1024]");
        assertThatThrownBy(() ->
                        TrainBenchArgs.parse(new String[] {"--warmup", "1.5"}).warmupSteps(10))
                .hasMessageContaining("--warmup must be");
        assertThatThrownBy(() ->
                        TrainBenchArgs.parse(new String[] {"--warmup", "20"}).warmupSteps(10))
                .hasMessageContaining("<= the total (10)");
    }
}
