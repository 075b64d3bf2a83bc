package dev.simclr.model.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BenchArgsTest {

    @Test
    void defaultsMirrorTheTorchAnchor() {
        BenchArgs a = BenchArgs.parse(new String[0]);
        assertThat(a).isEqualTo(new BenchArgs(1.0, 256, 5, 32, 1, "resnet18", "small", "auto", false));
        BenchArgs b = BenchArgs.parse(new String[] {"--width", "0.25", "--views", "64", "--input", "tensor"});
        assertThat(b.width()).isEqualTo(0.25);
        assertThat(b.views()).isEqualTo(64);
        assertThat(b.tensorInput()).isTrue();
    }

    @Test
    void badArgumentsGiveOneLineReasons() {
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--views", "3"}))
                .hasMessage("--views must be even and >= 2, got 3");
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--width", "x"}))
                .hasMessage("--width needs a number, got 'x'");
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--steps"})).hasMessage("missing value after --steps");
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--fast", "1"}))
                .hasMessageStartingWith("unknown option --fast");
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--input", "file"}))
                .hasMessageContaining("bytes or tensor");
    }
}
