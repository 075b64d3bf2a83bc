package dev.simclr.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchTest {

    @Test
    void theEntryPointNamesEveryBench() {
        assertThat(Bench.COMMANDS)
                .containsOnlyKeys("augment", "cache", "step", "train", "protocol", "evaluator", "embed");
        assertThat(Bench.usage()).contains("./simclr bench NAME", "--no-native-jar");
        Bench.COMMANDS.keySet().forEach(name -> assertThat(Bench.usage()).containsPattern("(?m)^  " + name + " +\\S"));
    }

    @Test
    void optionsAreKeyValuePairsOverTheDefaults() {
        Map<String, String> defaults = Map.of("width", "1.0", "batch", "256");
        assertThat(BenchCli.parse(new String[] {"--batch", "64"}, defaults))
                .containsEntry("batch", "64")
                .containsEntry("width", "1.0");
        assertThatThrownBy(() -> BenchCli.parse(new String[] {"--depth", "3"}, defaults))
                .hasMessageContaining("bad argument '--depth'");
        assertThatThrownBy(() -> BenchCli.parse(new String[] {"--batch"}, defaults))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
