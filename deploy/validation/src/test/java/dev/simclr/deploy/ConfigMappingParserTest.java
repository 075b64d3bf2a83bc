package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfigMappingParserTest {

    private static final String SOURCE = """
      package x;
      import io.smallrye.config.*;
      /** Keys; a comment with interface Fake { int nope(); } inside. */
      @ConfigMapping(prefix = "simclr.demo")
      public interface DemoConfig {
        /** The run. */
        @WithDefault("a;b{c}") // tricky default
        String runId();
        @WithName("max-poll") int maxPollRecords();
        OptionalInt workers();
        Map<String, String> labels();
        Policy policy();
        Optional<Lease> lease();
        @WithParentName Flat flat();
        String CONSTANT = "simclr.demo.constant";
        default int twice() { return workers().orElse(1) * 2; }
        interface Policy {
          @WithDefault("32") int outputSize();
          Nested nested();
          interface Nested { double cropScaleMin(); }
        }
        interface Lease { java.time.Duration ttl(); }
        interface Flat { boolean httpEnabled(); }
      }
      """;

    @Test
    void readsLeavesGroupsNamesAndMaps() {
        assertThat(ConfigMappingParser.keys(SOURCE))
                .containsExactlyInAnyOrder(
                        "simclr.demo.run-id",
                        "simclr.demo.max-poll",
                        "simclr.demo.workers",
                        "simclr.demo.labels.*",
                        "simclr.demo.policy.output-size",
                        "simclr.demo.policy.nested.crop-scale-min",
                        "simclr.demo.lease.ttl",
                        "simclr.demo.http-enabled");
    }

    @Test
    void ignoresSourcesWithoutAMapping() {
        assertThat(ConfigMappingParser.keys("public interface Plain { int a(); }"))
                .isEmpty();
    }

    @Test
    void kebabCasesMethodNames() {
        assertThat(ConfigMappingParser.kebab("maxViewsLag")).isEqualTo("max-views-lag");
        assertThat(ConfigMappingParser.kebab("seed")).isEqualTo("seed");
    }

    @Test
    void readsTheRealTrainerConfig() {
        ConfigKeys trainer = ConfigKeys.of(Repo.Service.TRAINER);
        assertThat(trainer.hasKey("simclr.trainer.optimizer.warmup-steps")).isTrue();
        assertThat(trainer.hasKey("simclr.trainer.lease.holder-id")).isTrue();
        assertThat(trainer.hasKey("simclr.trainer.model"))
                .as("a group is not a key")
                .isFalse();
    }
}
