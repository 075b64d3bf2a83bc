package dev.simclr.launcher.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpCommandTest {

    @Test
    void durationsInShortAndIsoForm() {
        assertThat(UpCommand.parseDuration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(UpCommand.parseDuration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(UpCommand.parseDuration(" 2H ")).isEqualTo(Duration.ofHours(2));
        assertThat(UpCommand.parseDuration("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void badDurationsNameTheOption() {
        assertThatThrownBy(() -> UpCommand.parseDuration("ten minutes"))
                .hasMessage("--time-budget: 'ten minutes' is not a duration (e.g. 90s, 30m, 2h)");
        assertThatThrownBy(() -> UpCommand.parseDuration("5d")).hasMessageContaining("'5d' is not a duration");
    }

    @Test
    void stemAutoFollowsTheSizeAndArchitecturesReadAsTheirNames() {
        assertThat(UpCommand.stem("auto", 28)).isEqualTo("small");
        assertThat(UpCommand.stem("auto", 64)).isEqualTo("small");
        assertThat(UpCommand.stem("auto", 224)).isEqualTo("imagenet");
        assertThat(UpCommand.stem("small", 224)).isEqualTo("small");
        assertThat(UpCommand.archName("resnet50")).isEqualTo("ResNet-50");
        assertThat(UpCommand.ARCHS).containsExactly("resnet18", "resnet34", "resnet50");
    }
}
