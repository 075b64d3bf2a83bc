package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.TopicSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml: valid for Debian's docker-compose (v1), every variable it sets on a service is a config key of
 * that service, start-up order follows health, kafka-init creates the topic table.
 */
class ComposeTest {

    @Test
    void dockerComposeAcceptsTheFile() {
        Tools.Result r = Tools.run(
                List.of("docker-compose", "-f", Compose.FILE.toString(), "config", "-q"),
                Repo.root(),
                ".ci/run installs Debian's docker-compose (apt-get install --no-install-recommends docker-compose)");
        assertThat(r.exitCode()).as("docker-compose config: %s", r.stderr()).isZero();
    }

    @Test
    void serviceEnvironmentIsRealConfig() {
        for (Repo.Service s : Repo.Service.values()) {
            ConfigKeys keys = ConfigKeys.of(s);
            Map<String, String> env = environment(s.module);
            assertThat(env)
                    .as("%s environment", s.module)
                    .containsKeys(
                            "KAFKA_BOOTSTRAP_SERVERS",
                            "SIMCLR_S3_ENDPOINT",
                            "SIMCLR_S3_ACCESS_KEY",
                            "SIMCLR_S3_SECRET_KEY");
            for (String variable : env.keySet()) {
                assertThat(keys.explain(variable))
                        .as("%s: %s is not a config key of the service (%s)", s.module, variable, keys)
                        .isNotNull();
            }
        }
        assertThat(environment("augmenter-service").get("SIMCLR_RUN_ID"))
                .isEqualTo(environment("trainer-service").get("SIMCLR_RUN_ID"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesStartAfterHealthyInfrastructureAndRunReadOnly() {
        assertThat(service("kafka")).containsKey("healthcheck");
        assertThat(service("seaweedfs")).containsKey("healthcheck");
        assertThat(service("seaweedfs").get("read_only")).isEqualTo(true);
        assertThat(((Map<String, Map<String, String>>) service("kafka-init").get("depends_on")).get("kafka"))
                .containsEntry("condition", "service_healthy");
        assertThat(Compose.raw().services().keySet())
                .as("buckets come from the S3 server and the services, not from an init job")
                .noneMatch(name -> name.contains("minio") || name.equals("s3-init") || name.equals("bucket-init"));
        for (Repo.Service s : Repo.Service.values()) {
            Map<String, Object> svc = service(s.module);
            Map<String, Map<String, String>> deps = (Map<String, Map<String, String>>) svc.get("depends_on");
            assertThat(deps.get("kafka-init")).containsEntry("condition", "service_completed_successfully");
            assertThat(deps.get("seaweedfs")).containsEntry("condition", "service_healthy");
            assertThat(svc.get("read_only")).isEqualTo(true);
            assertThat((List<String>) svc.get("tmpfs")).contains("/tmp");
            assertThat((List<String>) svc.get("volumes")).anyMatch(v -> v.endsWith(":" + ServiceFacts.CACHE_DIR));
            Map<String, String> build = (Map<String, String>) svc.get("build");
            assertThat(build.get("context")).isEqualTo("./" + s.module);
            assertThat(Repo.root().resolve(s.module).resolve(build.get("dockerfile")))
                    .isRegularFile();
            assertThat((List<String>) svc.get("ports"))
                    .as("%s published on this host only", s.module)
                    .containsExactly("127.0.0.1:" + ServiceFacts.httpPort(s) + ":" + ServiceFacts.httpPort(s));
        }
        for (String infra : List.of("kafka", "seaweedfs")) {
            assertThat((List<String>) service(infra).get("ports"))
                    .as("%s published on this host only", infra)
                    .allMatch(p -> p.startsWith("127.0.0.1:"));
        }
    }

    @Test
    void topicInitCreatesTheTopicTable() {
        PipelineTopics.assertIsTheTopicTable(
                "docker-compose kafka-init", topicInit(Compose.raw()), TopicSpec.Scale.SINGLE_HOST);
    }

    @Test
    void aTopicInitThatDiffersFromTheTableFails() {
        String init = ((List<?>) service("kafka-init").get("command")).get(0).toString();
        for (String changed : List.of(
                init.replace("topic simclr.views 4 ", "topic simclr.views 6 "),
                init.replace("retention.ms=604800000", "retention.ms=86400000"),
                init.replace(" segment.bytes=67108864", ""),
                init.replace(
                        "topic simclr.eval 1 cleanup.policy=delete", "topic simclr.eval 1 cleanup.policy=compact"))) {
            assertThat(changed).isNotEqualTo(init);
            Map<String, PipelineTopics.Declared> declared = topicInit(changed);
            assertThatThrownBy(() ->
                            PipelineTopics.assertIsTheTopicTable("changed", declared, TopicSpec.Scale.SINGLE_HOST))
                    .isInstanceOf(AssertionError.class);
        }
    }

    /** The {@code topic <name> <partitions> <config>=<value>...} lines of kafka-init's command. */
    private static Map<String, PipelineTopics.Declared> topicInit(Compose compose) {
        return topicInit(
                ((List<?>) compose.service("kafka-init").get("command")).get(0).toString());
    }

    private static Map<String, PipelineTopics.Declared> topicInit(String command) {
        Map<String, PipelineTopics.Declared> created = new LinkedHashMap<>();
        for (String line : command.split("\n")) {
            String[] w = line.strip().split("\\s+");
            if (w[0].equals("topic") && w.length >= 3) {
                Map<String, String> config = new LinkedHashMap<>();
                for (int i = 3; i < w.length; i++) {
                    assertThat(w[i]).as("kafka-init: %s: config %s", w[1], w[i]).contains("=");
                    assertThat(config.put(w[i].substring(0, w[i].indexOf('=')), w[i].substring(w[i].indexOf('=') + 1)))
                            .as("kafka-init: %s sets %s twice", w[1], w[i])
                            .isNull();
                }
                assertThat(created.put(w[1], new PipelineTopics.Declared(Integer.parseInt(w[2]), config)))
                        .as("kafka-init creates %s twice", w[1])
                        .isNull();
            }
        }
        return created;
    }

    private static Map<String, Object> service(String name) {
        return Compose.raw().service(name);
    }

    private static Map<String, String> environment(String service) {
        return Compose.raw().environment(service);
    }
}
