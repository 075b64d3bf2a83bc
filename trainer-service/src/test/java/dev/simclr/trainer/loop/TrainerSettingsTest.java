package dev.simclr.trainer.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.simclr.model.ModelConfig;
import dev.simclr.model.run.Algorithm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TrainerSettingsTest {

    private static final ModelConfig MODEL = ModelConfig.builder().setChannels(1).setInputSize(8).optWidth(0.0625).build();

    private static TrainerSettingsBuilder base() {
        return TrainerSettings.builder().setRunId("run-1").setBucket("simclr").setBootstrapServers("localhost:9092")
                .setModel(MODEL).optHolderId("pod-a");
    }

    @Test
    void defaultsAndDerivedValues() {
        TrainerSettings s = base().optTotalSteps(1000).build();
        assertThat(s.batchSize()).isEqualTo(256);
        assertThat(s.optimizer().algorithm()).isEqualTo(Algorithm.LARS);
        assertThat(s.optimizer().learningRate()).isEqualTo(0.3);
        assertThat(s.optimizer().warmupSteps()).as("10 % of the schedule").isEqualTo(100);
        assertThat(s.consumerGroup()).isEqualTo("simclr-trainer.run-1");
        assertThat(s.deadLetterTopic()).isEqualTo("simclr.views.dlq");
        assertThat(s.toRunMap()).containsEntry("batchSize", 256).containsEntry("totalSteps", 1000L)
                .containsEntry("startFrom", "earliest");

        TrainerSettings derived = base().optBatchSize(128).optEpochs(3).optDatasetSize(1000).build();
        assertThat(derived.totalSteps()).as("ceil(3 * 1000 / 128)").isEqualTo(24);
        assertThat(derived.optimizer().learningRate()).isEqualTo(0.15);
        assertThat(base().optTotalSteps(5).optAlgorithm(Algorithm.SGD).build().optimizer().weightDecay()).isEqualTo(5e-4);

        assertThat(s.progressTopic()).isEqualTo("simclr.progress");
        assertThat(s.progressEvery()).isEqualTo(10);
        assertThat(s.progressMaxInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.hasTimeBudget()).isFalse();
        assertThat(s.timeBudgetMeasureSteps()).isEqualTo(20);
        TrainerSettings budget = base().optTotalSteps(1000).optTimeBudget(Duration.ofMinutes(12)).build();
        assertThat(budget.hasTimeBudget()).isTrue();
        assertThat(budget.toRunMap()).containsEntry("timeBudgetSeconds", 720.0);
    }

    @Test
    void progressAndBudgetKeysAreValidated() {
        assertThatThrownBy(() -> base().optTotalSteps(10).optProgressEvery(0).build())
                .hasMessage("simclr.trainer.progress-every must be >= 1 step, got 0");
        assertThatThrownBy(() -> base().optTotalSteps(10).optProgressMaxInterval(Duration.ofMillis(10)).build())
                .hasMessage("simclr.trainer.progress-max-interval must be >= 100ms, got PT0.01S");
        assertThatThrownBy(() -> base().optTotalSteps(10).optProgressTopic("no way").build())
                .hasMessageStartingWith("simclr.trainer.progress-topic: topic: name");
        assertThatThrownBy(() -> base().optTotalSteps(10).optTimeBudget(Duration.ofSeconds(-1)).build())
                .hasMessage("simclr.trainer.time-budget must be >= 0 (0 = no budget), got PT-1S");
        assertThatThrownBy(() -> base().optTotalSteps(10).optTimeBudgetMeasureSteps(0).build())
                .hasMessage("simclr.trainer.time-budget-measure-steps must be in [1, 100000], got 0");
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> base().build()).hasMessageContaining("simclr.trainer.total-steps is required")
                .hasMessageContaining("epochs and simclr.trainer.dataset-size");
        assertThatThrownBy(() -> base().optTotalSteps(10).setRunId("bad id").build())
                .hasMessageStartingWith("simclr.trainer.run-id must be");
        assertThatThrownBy(() -> base().optTotalSteps(10).setBucket("B").build())
                .hasMessageStartingWith("simclr.trainer.bucket must be");
        assertThatThrownBy(() -> base().optTotalSteps(10).optBatchSize(1).build())
                .hasMessage("simclr.trainer.batch-size must be in [2, 65536], got 1");
        assertThatThrownBy(() -> base().optTotalSteps(10).optCheckpointEvery(0).build())
                .hasMessage("simclr.trainer.checkpoint-every must be >= 1, got 0");
        assertThatThrownBy(() -> base().optTotalSteps(10).optWarmupSteps(11).build())
                .hasMessageContaining("simclr.trainer.optimizer: warmup steps must be in [0, total steps = 10]");
        assertThatThrownBy(() -> base().optTotalSteps(10).optDevice("tpu").build())
                .hasMessageStartingWith("simclr.trainer.device must be auto, cpu, gpu or gpu:<index>");
        assertThatThrownBy(() -> base().optTotalSteps(10).optQueueCapacity(0).build())
                .hasMessageStartingWith("simclr.trainer.queue-capacity");
        assertThatThrownBy(() -> base().optTotalSteps(10).optLeaseTtl(Duration.ofSeconds(1)).build())
                .hasMessageStartingWith("simclr.trainer.lease.ttl");
        assertThatThrownBy(() -> base().optTotalSteps(10).optViewsTopic("bad topic!").build())
                .hasMessageStartingWith("simclr.trainer.views-topic: topic: name");
        assertThatThrownBy(() -> base().optTotalSteps(10).optKafkaProperty("isolation.level", "read_uncommitted").build())
                .hasMessageContaining("kafka.isolation.level=read_uncommitted (env KAFKA_ISOLATION_LEVEL): the trainer's"
                        + " views consumer fixes isolation.level=read_committed");
        assertThatThrownBy(() -> base().optTotalSteps(10).optKafkaProperty("acks", "all").build())
                .hasMessageContaining("kafka.acks=all (env KAFKA_ACKS): the trainer's progress producer fixes acks=1");
        assertThatThrownBy(() -> base().optTotalSteps(10).optKafkaProperty("group.id", "g").build())
                .hasMessageContaining("views consumer fixes group.id=simclr-trainer.run-1");
        TrainerSettings secured = base().optTotalSteps(10).optKafkaProperty("security.protocol", "SSL")
                .optKafkaProperty("max.poll.records", "64").build();
        assertThat(secured.kafka().properties()).containsEntry("security.protocol", "SSL");
        assertThat(secured.kafka().forClient(KafkaClients.consumerSpec(secured)))
                .containsEntry("security.protocol", "SSL").containsEntry("max.poll.records", "64")
                .containsEntry("isolation.level", "read_committed").containsEntry("bootstrap.servers", "localhost:9092");
        assertThat(secured.kafka().forClient(KafkaClients.progressSpec(secured)))
                .containsEntry("security.protocol", "SSL").containsEntry("acks", "1").doesNotContainKey("max.poll.records");
    }

    @Test
    void theShuffleBufferDefaultsTo16BatchesIsBoundedAndRecordedInTheRunMap() {
        TrainerSettings s = base().optTotalSteps(10).optBatchSize(128).optSeed(7).build();
        assertThat(s.shuffleBuffer()).isEqualTo(16 * 128);
        assertThat(s.shuffleSeed()).as("default: the model seed").isEqualTo(7);
        assertThat(s.shuffleBufferBytes()).as("2048 pairs of two 8x8x1 views").isEqualTo(2048L * 2 * 64);
        assertThat(s.shuffleSeedAt(0)).isEqualTo(7);
        assertThat(s.shuffleSeedAt(3)).isNotEqualTo(s.shuffleSeedAt(0)).isEqualTo(s.shuffleSeedAt(3));
        assertThat(s.toRunMap()).containsEntry("shuffleBuffer", 2048).containsEntry("shuffleSeed", 7L);
        TrainerSettings off = base().optTotalSteps(10).optShuffleBuffer(0).optShuffleSeed(9).build();
        assertThat(off.shuffleBuffer()).isZero();
        assertThat(off.shuffleSeed()).isEqualTo(9);
        assertThatThrownBy(() -> base().optTotalSteps(10).optShuffleBuffer(-1).build())
                .hasMessageStartingWith("simclr.trainer.shuffle-buffer must be in [0, 1048576]");
        ModelConfig big = ModelConfig.builder().setChannels(3).setInputSize(224).build();
        long heap = Runtime.getRuntime().maxMemory();
        int tooMany = (int) Math.min(1 << 20, heap / 2 / (2L * 224 * 224 * 3) + 1);
        assertThatThrownBy(() -> base().setModel(big).optTotalSteps(10).optShuffleBuffer(tooMany).build())
                .hasMessageStartingWith("simclr.trainer.shuffle-buffer " + tooMany + " pairs of 224x224x3 views take")
                .hasMessageContaining("more than half the heap");
    }
}
