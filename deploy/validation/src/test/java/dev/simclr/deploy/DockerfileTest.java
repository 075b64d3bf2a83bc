package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DockerfileTest {

    private static final String TEXT = """
      # comment
      ARG BASE=ubuntu:24.04
      FROM eclipse-temurin:17-jre AS jre
      ENV A=1
      FROM ${BASE}
      COPY --from=jre /opt/java /opt/java
      ENV X=1 \\
          # a comment inside a continuation
          OPTS="-Da=b -Dc=d"
      COPY --chown=1:1 target/app/lib/ target/app/*.jar /deployments/
      ADD target/extra.tar /x/
      """;

    @Test
    void splitsInstructionsAndFindsContextCopies() {
        Dockerfile d = Dockerfile.parse(Path.of("Dockerfile"), TEXT);
        assertThat(d.contextCopies())
                .extracting(Dockerfile.Copy::sources)
                .containsExactly(
                        java.util.List.of("target/app/lib/", "target/app/*.jar"),
                        java.util.List.of("target/extra.tar"));
        assertThat(d.contextCopies().get(0).destination()).isEqualTo("/deployments/");
        assertThat(d.env()).containsExactly(java.util.Map.entry("X", "1"), java.util.Map.entry("OPTS", "-Da=b -Dc=d"));
        assertThat(d.finalBaseImage()).isEqualTo("ubuntu:24.04");
    }

    @Test
    void refusesAnUnfinishedContinuation() {
        assertThatThrownBy(() -> Dockerfile.parse(Path.of("Dockerfile"), "FROM a\nRUN x \\\n"))
                .hasMessageContaining("ends inside a continued instruction");
    }
}
