package dev.simclr.trainer.service;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.kafka.KafkaSettings;
import dev.simclr.model.Arch;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.Stem;
import dev.simclr.model.run.Algorithm;
import dev.simclr.trainer.checkpoint.StartFrom;
import dev.simclr.trainer.loop.TrainerConfig;
import dev.simclr.trainer.loop.TrainerSettings;
import dev.simclr.trainer.loop.TrainerSettingsBuilder;

/** Turns the typed config into {@link TrainerSettings} (where every value is validated). */
final class SettingsFactory {

    private SettingsFactory() {}

    static TrainerSettings settings(TrainerConfig c, KafkaSettings kafka) {
        ModelConfig.Builder mb = ModelConfig.builder().setChannels(c.model().channels())
                .setInputSize(c.model().inputSize()).optFit(fit(c.model().fit())).optArch(Arch.parse(c.model().arch()))
                .optWidth(c.model().width()).optProjectionDim(c.model().projectionDim());
        c.model().stem().ifPresent(s -> mb.optStem(Stem.parse(s)));
        mb.optZeroInitResidual(c.model().zeroInitResidual());
        if (c.model().mean().isPresent() != c.model().std().isPresent()) {
            throw new IllegalArgumentException("simclr.trainer.model.mean and simclr.trainer.model.std go together: set both"
                    + " (one value per channel) or neither");
        }
        if (c.model().mean().isEmpty() && c.model().channels() == 1) {
            throw new IllegalArgumentException("simclr.trainer.model.mean and simclr.trainer.model.std are required for"
                    + " 1-channel input: the grey statistics of your images (pixels in [0, 1]), e.g. 0.2860 and 0.3530"
                    + " for Fashion-MNIST; ImageNet's are for RGB photos");
        }
        c.model().mean().ifPresent(mean -> mb.optNormalization(mean, c.model().std().orElseThrow()));
        ModelConfig model;
        try {
            model = mb.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simclr.trainer." + e.getMessage());
        }
        TrainerSettingsBuilder b = TrainerSettings.builder().setRunId(c.runId()).setBucket(c.bucket())
                .setKafka(kafka).setModel(model).optViewsTopic(c.viewsTopic())
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
                .optAlgorithm(Algorithm.parse(c.optimizer().algorithm())).optWarmupFraction(c.optimizer().warmupFraction())
                .optMomentum(c.optimizer().momentum()).optTemperature(c.optimizer().temperature());
        c.totalSteps().ifPresent(b::optTotalSteps);
        c.epochs().ifPresent(b::optEpochs);
        c.datasetSize().ifPresent(b::optDatasetSize);
        c.optimizer().warmupSteps().ifPresent(b::optWarmupSteps);
        c.optimizer().lr().ifPresent(b::optLearningRate);
        c.optimizer().weightDecay().ifPresent(b::optWeightDecay);
        c.lease().holderId().ifPresent(b::optHolderId);
        c.shuffleBuffer().ifPresent(b::optShuffleBuffer);
        c.shuffleSeed().ifPresent(b::optShuffleSeed);
        return b.build();
    }

    private static ResizeMode fit(String id) {
        try {
            return ResizeMode.parse(id);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("simclr.trainer.model.fit: " + e.getMessage());
        }
    }
}
