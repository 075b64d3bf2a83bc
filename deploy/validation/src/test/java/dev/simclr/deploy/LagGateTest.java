package dev.simclr.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.contracts.TrainerHoldBack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The augmenter's lag gate ({@code max-views-lag}) of docker-compose and of every overlay is at least what the trainer
 * holds back behind its committed position ({@link TrainerHoldBack}) for the batch size, shuffle buffer and queue that
 * deployment gives it: a lower gate closes while the trainer starves (the demo trained at a third of its speed so).
 * Each setting is the deployment's environment variable, else the service's application.properties, else the config
 * mapping's {@code @WithDefault}.
 */
class LagGateTest {

    static Stream<String> overlays() {
        return Rendered.OVERLAYS.stream();
    }

    @Test
    void composeGateCoversTheTrainersHoldBack() {
        assertCovers(
                "docker-compose.yml",
                Compose.raw().environment("augmenter-service"),
                Compose.raw().environment("trainer-service"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void overlayGateCoversTheTrainersHoldBack(String overlay) {
        Manifests m = Rendered.overlay(overlay);
        assertCovers(
                overlay,
                Rendered.environment(m, Rendered.container(m, Repo.Service.AUGMENTER)),
                Rendered.environment(m, Rendered.container(m, Repo.Service.TRAINER)));
    }

    @Test
    void aGateBelowTheHoldBackIsFound() {
        assertThatThrownBy(() -> assertCovers(
                        "a test deployment",
                        Map.of("SIMCLR_AUGMENTER_MAX_VIEWS_LAG", "4000"),
                        Map.of("SIMCLR_TRAINER_BATCH_SIZE", "128")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a test deployment: the augmenter's max-views-lag 4000 is below the trainer's"
                        + " hold-back of 9088 pairs (batch 128, shuffle buffer 2048, queue 4)");
        assertCovers(
                "gate off", Map.of("SIMCLR_AUGMENTER_MAX_VIEWS_LAG", "0"), Map.of("SIMCLR_TRAINER_BATCH_SIZE", "128"));
    }

    private static void assertCovers(String where, Map<String, String> augmenter, Map<String, String> trainer) {
        long gate = Long.parseLong(setting(augmenter, Repo.Service.AUGMENTER, "max-views-lag", "maxViewsLag"));
        int batch = Integer.parseInt(setting(trainer, Repo.Service.TRAINER, "batch-size", "batchSize"));
        String shuffleText = trainer.get("SIMCLR_TRAINER_SHUFFLE_BUFFER");
        int shuffle = shuffleText == null ? TrainerHoldBack.defaultShuffleBuffer(batch) : Integer.parseInt(shuffleText);
        int queue = Integer.parseInt(setting(trainer, Repo.Service.TRAINER, "queue-capacity", "queueCapacity"));
        long holdBack = TrainerHoldBack.pairs(batch, shuffle, queue);
        if (gate != 0) {
            assertThat(gate)
                    .as(
                            "%s: the augmenter's max-views-lag %d is below the trainer's hold-back of %d pairs (batch %d,"
                                    + " shuffle buffer %d, queue %d): raise the gate to the wanted lead plus the hold-back",
                            where, gate, holdBack, batch, shuffle, queue)
                    .isGreaterThanOrEqualTo(holdBack);
        }
    }

    /** The deployment's variable, else application.properties (no profile), else the mapping's default. */
    private static String setting(Map<String, String> env, Repo.Service service, String key, String method) {
        String prefix = service == Repo.Service.TRAINER ? "simclr.trainer." : "simclr.augmenter.";
        String variable = (prefix + key).toUpperCase().replace('.', '_').replace('-', '_');
        if (env.containsKey(variable)) {
            return env.get(variable);
        }
        for (String line : Repo.read(service.applicationProperties()).split("\n")) {
            String l = line.strip();
            if (l.startsWith(prefix + key + "=")) {
                return l.substring(l.indexOf('=') + 1).strip();
            }
        }
        Pattern withDefault = Pattern.compile(
                "@WithDefault\\(\"([^\"]*)\"\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*[\\w<>]+\\s+" + method + "\\(\\)");
        try (Stream<Path> files = Files.walk(service.dir().resolve("src/main/java"))) {
            for (Path p :
                    files.filter(f -> f.toString().endsWith("Config.java")).toList()) {
                Matcher m = withDefault.matcher(Repo.read(p));
                if (m.find()) {
                    return m.group(1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError(service.module + ": no value and no default for " + prefix + key);
    }
}
