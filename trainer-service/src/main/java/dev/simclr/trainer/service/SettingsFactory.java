package dev.simclr.trainer.service;

import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.Stem;
import dev.simclr.model.run.Algorithm;
import dev.simclr.trainer.checkpoint.StartFrom;
import dev.simclr.trainer.loop.TrainerSettings;
import dev.simclr.trainer.loop.TrainerSettingsBuilder;
import java.util.Map;

/** Turns the typed config into {@link TrainerSettings} (where every value is validated). */
final class SettingsFactory {

    private SettingsFactory() {}

    static TrainerSettings settings(TrainerConfig c, String bootstrapServers, Map<String, String> kafka) {
        ModelConfig.Builder mb = ModelConfig.builder().setChannels(c.model().channels())
                .setInputSize(c.model().inputSize()).optArch(Arch.parse(c.model().arch()))
                .optWidth(c.model().width()).optProjectionDim(c.model().projectionDim());
        c.model().stem().ifPresent(s -> mb.optStem(Stem.parse(s)));
        mb.optZeroInitResidual(c.model().zeroInitResidual());
        if (c.model().mean().isPresent() != c.model().std().isPresent()) {
            throw new IllegalArgumentException("simclr.trainer.model.mean and simclr.trainer.model.std go together: set both"
                    + " (one value per channel) or neither");
        }
        c.model().mean().ifPresent(mean -> mb.optNormalization(mean, c.model().std().orElseThrow()));
        ModelConfig model;
        try {
            model = mb.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simclr.trainer." + e.getMessage());
        }
        TrainerSettingsBuilder b = TrainerSettings.builder().setRunId(c.runId()).setBucket(c.bucket())
                .setBootstrapServers(bootstrapServers).setModel(model).optViewsTopic(c.viewsTopic())
                .optCheckpointsTopic(c.checkpointsTopic()).optBatchSize(c.batchSize())
                .optPartialBatchTimeout(c.partialBatchTimeout()).optCheckpointEvery(c.checkpointEvery())
                .optMaxSteps(c.maxSteps()).optSeed(c.seed()).optDevice(c.device()).optThreads(c.threads())
                .optQueueCapacity(c.queueCapacity()).optStartFrom(StartFrom.parse(c.startFrom()))
                .optProgressInterval(c.progressInterval()).optLeaseTtl(c.lease().ttl())
                .optOutageTolerance(c.checkpoint().outageTolerance())
                .optProgressTopic(c.progressTopic()).optProgressEvery(c.progressEvery())
                .optProgressMaxInterval(c.progressMaxInterval()).optTimeBudget(c.timeBudget())
                .optTimeBudgetMeasureSteps(c.timeBudgetMeasureSteps())
                .optTimeBudgetSettleSteps(c.timeBudgetSettleSteps())
                .optAlgorithm(Algorithm.parse(c.optimizer().algorithm())).optWarmupSteps(c.optimizer().warmupSteps())
                .optMomentum(c.optimizer().momentum()).optTemperature(c.optimizer().temperature());
        c.totalSteps().ifPresent(b::optTotalSteps);
        c.epochs().ifPresent(b::optEpochs);
        c.datasetSize().ifPresent(b::optDatasetSize);
        c.optimizer().lr().ifPresent(b::optLearningRate);
        c.optimizer().weightDecay().ifPresent(b::optWeightDecay);
        c.lease().holderId().ifPresent(b::optHolderId);
        kafka.forEach(b::optKafkaProperty);
        return b.build();
    }
}
