package dev.simclr.trainer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.model.run.Algorithm;
import dev.simclr.trainer.testing.TrainerConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link TrainerSetup#of}: the trainer's defaults, derived values and validation, from {@link TrainerConfig} keys. */
class TrainerSetupTest {

    /** A tiny model (8 px, 1/16 width) and no schedule length: each test gives one. */
    private static final Map<String, String> BASE = Map.of(
            "simclr.trainer.run-id",
            "run-1",
            "simclr.trainer.bucket",
            "simclr",
            "simclr.trainer.model.input-size",
            "8",
            "simclr.trainer.model.width",
            "0.0625",
            "simclr.trainer.total-steps",
            "");

    /** {@link #BASE} plus {@code key, value, ...} (an empty value unsets a key). */
    private static TrainerSetup setup(String... keyValues) {
        return TrainerConfigs.setup(TrainerConfigs.with(BASE, keyValues));
    }

    /** The keys of the former service-level tests: {@link TrainerConfigs#BASE} (1000 steps, grey statistics). */
    private static TrainerSetup settings(Map<String, String> keys) {
        return TrainerConfigs.setup(keys);
    }

    @Test
    void defaultsAndDerivedValues() {
        TrainerSetup s = setup("simclr.trainer.total-steps", "1000");
        assertThat(s.config().batchSize()).isEqualTo(256);
        assertThat(s.optimizer().algorithm()).isEqualTo(Algorithm.LARS);
        assertThat(s.optimizer().learningRate()).isEqualTo(0.3);
        assertThat(s.optimizer().warmupSteps()).as("10 % of the schedule").isEqualTo(100);
        assertThat(s.consumerGroup()).isEqualTo("simclr-trainer.run-1");
        assertThat(s.deadLetterTopic()).isEqualTo("simclr.views.dlq");
        assertThat(s.toRunMap())
                .containsEntry("batchSize", 256)
                .containsEntry("totalSteps", 1000L)
                .containsEntry("startFrom", "earliest");

        TrainerSetup derived = setup(
                "simclr.trainer.batch-size",
                "128",
                "simclr.trainer.epochs",
                "3",
                "simclr.trainer.dataset-size",
                "1000");
        assertThat(derived.totalSteps()).as("ceil(3 * 1000 / 128)").isEqualTo(24);
        assertThat(derived.optimizer().learningRate()).isEqualTo(0.15);
        assertThat(setup("simclr.trainer.total-steps", "5", "simclr.trainer.optimizer.algorithm", "sgd")
                        .optimizer()
                        .weightDecay())
                .isEqualTo(5e-4);

        assertThat(s.config().progressTopic()).isEqualTo("simclr.progress");
        assertThat(s.config().progressEvery()).isEqualTo(10);
        assertThat(s.config().progressMaxInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.hasTimeBudget()).isFalse();
        assertThat(s.config().timeBudgetMeasureSteps()).isEqualTo(20);
        TrainerSetup budget = setup("simclr.trainer.total-steps", "1000", "simclr.trainer.time-budget", "12m");
        assertThat(budget.hasTimeBudget()).isTrue();
        assertThat(budget.toRunMap()).containsEntry("timeBudgetSeconds", 720.0);
    }

    @Test
    void theRunMapKeepsItsKeysAndValues() {
        TrainerSetup s = setup("simclr.trainer.total-steps", "1000", "simclr.trainer.seed", "7");
        assertThat(s.toRunMap())
                .containsExactly(
                        Map.entry("runId", "run-1"),
                        Map.entry("bucket", "simclr"),
                        Map.entry("viewsTopic", "simclr.views"),
                        Map.entry("batchSize", 256),
                        Map.entry("partialBatchTimeoutMs", 30_000L),
                        Map.entry("checkpointEvery", 500L),
                        Map.entry("totalSteps", 1000L),
                        Map.entry("maxSteps", 0L),
                        Map.entry("datasetSize", 0L),
                        Map.entry("temperature", 0.2),
                        Map.entry("seed", 7L),
                        Map.entry("device", "auto"),
                        Map.entry("threads", 0),
                        Map.entry("queueCapacity", 4),
                        Map.entry("shuffleBuffer", 4096),
                        Map.entry("shuffleSeed", 7L),
                        Map.entry("startFrom", "earliest"),
                        Map.entry("timeBudgetSeconds", 0.0));
    }

    @Test
    void progressAndBudgetKeysAreValidated() {
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.progress-every", "0"))
                .hasMessage("simclr.trainer.progress-every must be >= 1 step, got 0");
        assertThatThrownBy(
                        () -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.progress-max-interval", "10ms"))
                .hasMessage("simclr.trainer.progress-max-interval must be >= 100ms, got PT0.01S");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.progress-topic", "no way"))
                .hasMessageStartingWith("simclr.trainer.progress-topic: topic: name");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.time-budget", "-1s"))
                .hasMessage("simclr.trainer.time-budget must be >= 0 (0 = no budget), got PT-1S");
        assertThatThrownBy(() ->
                        setup("simclr.trainer.total-steps", "10", "simclr.trainer.time-budget-measure-steps", "0"))
                .hasMessage("simclr.trainer.time-budget-measure-steps must be in [1, 100000], got 0");
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> setup())
                .hasMessageContaining("simclr.trainer.total-steps is required")
                .hasMessageContaining("epochs and simclr.trainer.dataset-size");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.run-id", "bad id"))
                .hasMessageStartingWith("simclr.trainer.run-id must be");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.bucket", "B"))
                .hasMessageStartingWith("simclr.trainer.bucket must be");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.batch-size", "1"))
                .hasMessage("simclr.trainer.batch-size must be in [2, 65536], got 1");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.checkpoint-every", "0"))
                .hasMessage("simclr.trainer.checkpoint-every must be >= 1, got 0");
        assertThatThrownBy(
                        () -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.optimizer.warmup-steps", "11"))
                .hasMessageContaining("simclr.trainer.optimizer: warmup steps must be in [0, total steps = 10]");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.device", "tpu"))
                .hasMessageStartingWith("simclr.trainer.device must be auto, cpu, gpu or gpu:<index>");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.queue-capacity", "0"))
                .hasMessageStartingWith("simclr.trainer.queue-capacity");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.lease.ttl", "1s"))
                .hasMessageStartingWith("simclr.trainer.lease.ttl");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.views-topic", "bad topic!"))
                .hasMessageStartingWith("simclr.trainer.views-topic: topic: name");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "kafka.isolation.level", "read_uncommitted"))
                .hasMessageContaining(
                        "kafka.isolation.level=read_uncommitted (env KAFKA_ISOLATION_LEVEL): the trainer's"
                                + " views consumer fixes isolation.level=read_committed");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "kafka.acks", "all"))
                .hasMessageContaining("kafka.acks=all (env KAFKA_ACKS): the trainer's progress producer fixes acks=1");
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "kafka.group.id", "g"))
                .hasMessageContaining("views consumer fixes group.id=simclr-trainer.run-1");
        TrainerSetup secured = setup(
                "simclr.trainer.total-steps", "10", "kafka.security.protocol", "SSL", "kafka.max.poll.records", "64");
        assertThat(secured.kafka().properties()).containsEntry("security.protocol", "SSL");
        assertThat(secured.kafka().forClient(KafkaClients.consumerSpec(secured)))
                .containsEntry("security.protocol", "SSL")
                .containsEntry("max.poll.records", "64")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("bootstrap.servers", "localhost:9092");
        assertThat(secured.kafka().forClient(KafkaClients.progressSpec(secured)))
                .containsEntry("security.protocol", "SSL")
                .containsEntry("acks", "1")
                .doesNotContainKey("max.poll.records");
    }

    @Test
    void theViewsConsumerLetsTheOsSizeItsSocketBufferUnlessKafkaSettingsSayOtherwise() {
        TrainerSetup s = setup("simclr.trainer.total-steps", "10");
        assertThat(s.kafka().forClient(KafkaClients.consumerSpec(s)))
                .as("a fetch of simclr.views is megabytes: Kafka's 64 KiB would stall the broker between polls")
                .containsEntry("receive.buffer.bytes", -1);
        assertThat(s.kafka().forClient(KafkaClients.progressSpec(s))).doesNotContainKey("receive.buffer.bytes");
        TrainerSetup tuned = setup("simclr.trainer.total-steps", "10", "kafka.receive.buffer.bytes", "1048576");
        assertThat(tuned.kafka().forClient(KafkaClients.consumerSpec(tuned)))
                .containsEntry("receive.buffer.bytes", "1048576");
    }

    @Test
    void theShuffleBufferDefaultsTo16BatchesIsBoundedAndRecordedInTheRunMap() {
        TrainerSetup s = setup(
                "simclr.trainer.total-steps", "10", "simclr.trainer.batch-size", "128", "simclr.trainer.seed", "7");
        assertThat(s.shuffleBuffer()).isEqualTo(16 * 128);
        assertThat(s.shuffleSeed()).as("default: the model seed").isEqualTo(7);
        assertThat(s.shuffleBufferBytes()).as("2048 pairs of two 8x8x1 views").isEqualTo(2048L * 2 * 64);
        assertThat(s.shuffleSeedAt(0)).isEqualTo(7);
        assertThat(s.shuffleSeedAt(3)).isNotEqualTo(s.shuffleSeedAt(0)).isEqualTo(s.shuffleSeedAt(3));
        assertThat(s.toRunMap()).containsEntry("shuffleBuffer", 2048).containsEntry("shuffleSeed", 7L);
        TrainerSetup off = setup(
                "simclr.trainer.total-steps",
                "10",
                "simclr.trainer.shuffle-buffer",
                "0",
                "simclr.trainer.shuffle-seed",
                "9");
        assertThat(off.shuffleBuffer()).isZero();
        assertThat(off.shuffleSeed()).isEqualTo(9);
        assertThatThrownBy(() -> setup("simclr.trainer.total-steps", "10", "simclr.trainer.shuffle-buffer", "-1"))
                .hasMessageStartingWith("simclr.trainer.shuffle-buffer must be in [0, 1048576]");
        long heap = Runtime.getRuntime().maxMemory();
        int tooMany = (int) Math.min(1 << 20, heap / 2 / (2L * 224 * 224 * 3) + 1);
        assertThatThrownBy(() -> setup(
                        "simclr.trainer.model.channels",
                        "3",
                        "simclr.trainer.model.input-size",
                        "224",
                        "simclr.trainer.model.width",
                        "",
                        "simclr.trainer.model.mean",
                        "",
                        "simclr.trainer.model.std",
                        "",
                        "simclr.trainer.total-steps",
                        "10",
                        "simclr.trainer.shuffle-buffer",
                        String.valueOf(tooMany)))
                .hasMessageStartingWith("simclr.trainer.shuffle-buffer " + tooMany + " pairs of 224x224x3 views take")
                .hasMessageContaining("more than half the heap");
    }

    @Test
    void warmUpIsTenPercentOfTheScheduleUnlessGivenInSteps() {
        assertThat(settings(Map.of()).optimizer().warmupSteps()).isEqualTo(100);
        assertThat(settings(Map.of("simclr.trainer.optimizer.warmup-fraction", "0.05"))
                        .optimizer()
                        .warmupSteps())
                .isEqualTo(50);
        assertThat(settings(Map.of("simclr.trainer.optimizer.warmup-steps", "0"))
                        .optimizer()
                        .warmupSteps())
                .isZero();
        assertThat(settings(Map.of(
                                "simclr.trainer.total-steps",
                                "",
                                "simclr.trainer.epochs",
                                "100",
                                "simclr.trainer.dataset-size",
                                "60000"))
                        .optimizer()
                        .warmupSteps())
                .as("10 of 100 epochs: ceil(6e6 / 256) = 23438 steps")
                .isEqualTo(2344);
        assertThatThrownBy(() -> settings(Map.of("simclr.trainer.optimizer.warmup-fraction", "1.5")))
                .hasMessage("simclr.trainer.optimizer.warmup-fraction must be in [0, 1], got 1.5");
    }

    @Test
    void oneChannelNeedsItsNormalisationAndItIsRecorded() {
        assertThatThrownBy(() -> settings(Map.of("simclr.trainer.model.mean", "", "simclr.trainer.model.std", "")))
                .hasMessageStartingWith(
                        "simclr.trainer.model.mean and simclr.trainer.model.std are required for" + " 1-channel input");
        TrainerSetup grey = settings(Map.of());
        assertThat(grey.model().mean()).containsExactly(0.286);
        assertThat(grey.model().toMap()).containsEntry("std", List.of(0.353));
        TrainerSetup rgb = settings(Map.of(
                "simclr.trainer.model.channels", "3", "simclr.trainer.model.mean", "", "simclr.trainer.model.std", ""));
        assertThat(rgb.model().mean()).as("ImageNet's, for RGB").containsExactly(0.485, 0.456, 0.406);
    }

    @Test
    void theCanvasIsPartOfTheModel() {
        assertThat(settings(Map.of()).model().fit()).isEqualTo(ResizeMode.PAD);
        assertThat(settings(Map.of("simclr.trainer.model.fit", "center-crop"))
                        .model()
                        .toMap())
                .containsEntry("fit", "center-crop");
        assertThatThrownBy(() -> settings(Map.of("simclr.trainer.model.fit", "stretch")))
                .hasMessage("simclr.trainer.model.fit: unknown fit 'stretch': expected pad, resize or center-crop");
    }
}
