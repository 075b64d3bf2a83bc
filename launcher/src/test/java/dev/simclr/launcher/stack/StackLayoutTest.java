package dev.simclr.launcher.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLayoutTest {

    @TempDir
    Path tmp;

    @Test
    void cleanRemovesTheRunButKeepsTheCache() throws Exception {
        StackLayout layout = new StackLayout(tmp.resolve("d")).create();
        Files.writeString(layout.log("trainer"), "x");
        Files.writeString(layout.kafkaDir().resolve("meta.properties"), "x");
        Files.writeString(layout.djlCache().resolve("lib.so"), "x");
        Files.writeString(layout.stackJson(), "{}");
        assertThat(layout.clean())
                .containsExactlyInAnyOrder(
                        layout.stackJson(), layout.kafkaDir(), layout.s3Dir(), layout.logsDir(), layout.importsDir());
        assertThat(layout.root().resolve("cache/djl/lib.so")).exists();
        assertThat(layout.logsDir()).doesNotExist();
        assertThat(new StackLayout(tmp.resolve("absent")).clean()).isEmpty();
    }

    @Test
    void pathsAreAbsoluteAndNamed() {
        StackLayout layout = new StackLayout(Path.of("rel/../.simclr"));
        assertThat(layout.root()).isAbsolute().endsWithRaw(Path.of(".simclr"));
        assertThat(layout.log("evaluator")).endsWithRaw(Path.of(".simclr/logs/evaluator.log"));
        assertThat(layout.workDir("trainer")).endsWithRaw(Path.of(".simclr/run/trainer"));
    }
}
