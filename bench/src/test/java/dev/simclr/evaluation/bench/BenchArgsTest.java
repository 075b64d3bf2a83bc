package dev.simclr.evaluation.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.evaluation.data.FashionMnist;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchArgsTest {

    @Test
    void defaultsAreTheProtocolOnRawPixels() {
        BenchArgs a = BenchArgs.parse(new String[0]);
        assertThat(a.features()).isEqualTo("raw");
        assertThat(a.dim()).isEqualTo(512);
        assertThat(a.iterations()).isEqualTo(100);
        assertThat(a.dataDir()).isEqualTo(FashionMnist.DEFAULT_DIR);
        assertThat(a.cacheDir()).isNull();
        assertThat(a.anchorFile()).isNull();
    }

    @Test
    void optionsAreParsed() {
        BenchArgs a = BenchArgs.parse(new String[] {
            "--features",
            "random",
            "--dim",
            "64",
            "--iterations",
            "3",
            "--seed",
            "7",
            "--anchor",
            "/x/anchor.py",
            "--cache-dir",
            "/tmp/c"
        });
        assertThat(a.features()).isEqualTo("random");
        assertThat(a.dim()).isEqualTo(64);
        assertThat(a.iterations()).isEqualTo(3);
        assertThat(a.seed()).isEqualTo(7);
        assertThat(a.anchorFile()).isEqualTo(Path.of("/x/anchor.py"));
        assertThat(a.cacheDir()).isEqualTo(Path.of("/tmp/c"));
    }

    @Test
    void badOptionsGiveOneLineReasons() {
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--feature", "raw"}))
                .hasMessageStartingWith("unknown option --feature; usage: ProtocolBench");
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--dim"})).hasMessageStartingWith("--dim needs a value");
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--dim", "0"})).hasMessage("--dim must be >= 1, got 0");
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--features", "pca"}))
                .hasMessage("--features must be raw or random, got pca");
        assertThatThrownBy(() -> BenchArgs.parse(new String[] {"--seed", "x"}))
                .hasMessage("--seed must be an integer, got x");
    }
}
