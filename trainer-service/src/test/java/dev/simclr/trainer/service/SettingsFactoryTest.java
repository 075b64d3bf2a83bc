package dev.simclr.trainer.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.trainer.loop.TrainerConfig;
import dev.simclr.trainer.loop.TrainerSettings;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The typed config ({@link TrainerConfig}, built by SmallRye from a map) through {@link SettingsFactory}. */
class SettingsFactoryTest {

    private static TrainerSettings settings(Map<String, String> keys) {
        Map<String, String> all = new HashMap<>(Map.of("simclr.trainer.total-steps", "1000",
                "simclr.trainer.lease.holder-id", "pod-a", "simclr.trainer.model.mean", "0.286",
                "simclr.trainer.model.std", "0.353"));
        all.putAll(keys);
        all.values().removeIf(String::isEmpty);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(TrainerConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()) // Quarkus's "30s" form
                .withSources(new PropertiesConfigSource(all, "test", 100)).build();
        return SettingsFactory.settings(config.getConfigMapping(TrainerConfig.class),
                dev.simclr.kafka.KafkaSettings.bootstrap("localhost:9092"));
    }

    @Test
    void warmUpIsTenPercentOfTheScheduleUnlessGivenInSteps() {
        assertThat(settings(Map.of()).optimizer().warmupSteps()).isEqualTo(100);
        assertThat(settings(Map.of("simclr.trainer.optimizer.warmup-fraction", "0.05")).optimizer().warmupSteps())
                .isEqualTo(50);
        assertThat(settings(Map.of("simclr.trainer.optimizer.warmup-steps", "0")).optimizer().warmupSteps()).isZero();
        assertThat(settings(Map.of("simclr.trainer.total-steps", "", "simclr.trainer.epochs", "100",
                "simclr.trainer.dataset-size", "60000")).optimizer().warmupSteps())
                .as("10 of 100 epochs: ceil(6e6 / 256) = 23438 steps").isEqualTo(2344);
        assertThatThrownBy(() -> settings(Map.of("simclr.trainer.optimizer.warmup-fraction", "1.5")))
                .hasMessage("simclr.trainer.optimizer.warmup-fraction must be in [0, 1], got 1.5");
    }

    @Test
    void oneChannelNeedsItsNormalisationAndItIsRecorded() {
        assertThatThrownBy(() -> settings(Map.of("simclr.trainer.model.mean", "", "simclr.trainer.model.std", "")))
                .hasMessageStartingWith("simclr.trainer.model.mean and simclr.trainer.model.std are required for"
                        + " 1-channel input");
        TrainerSettings grey = settings(Map.of());
        assertThat(grey.model().mean()).containsExactly(0.286);
        assertThat(grey.model().toMap()).containsEntry("std", List.of(0.353));
        TrainerSettings rgb = settings(Map.of("simclr.trainer.model.channels", "3", "simclr.trainer.model.mean", "",
                "simclr.trainer.model.std", ""));
        assertThat(rgb.model().mean()).as("ImageNet's, for RGB").containsExactly(0.485, 0.456, 0.406);
    }

    @Test
    void theCanvasIsPartOfTheModel() {
        assertThat(settings(Map.of()).model().fit()).isEqualTo(ResizeMode.PAD);
        assertThat(settings(Map.of("simclr.trainer.model.fit", "center-crop")).model().toMap())
                .containsEntry("fit", "center-crop");
        assertThatThrownBy(() -> settings(Map.of("simclr.trainer.model.fit", "stretch")))
                .hasMessage("simclr.trainer.model.fit: unknown fit 'stretch': expected pad, resize or center-crop");
    }
}
