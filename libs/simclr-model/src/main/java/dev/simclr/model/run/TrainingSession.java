package dev.simclr.model.run;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import dev.simclr.model.ModelConfig;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.loss.NtXentLoss;
import dev.simclr.model.train.SimClrTrainer;
import dev.simclr.model.train.TrainerState;
import java.util.List;

/**
 * A model, its optimiser and the NT-Xent loss, ready to take steps: what the bench CLI and the trainer service both
 * train with. Close it to free the model's native memory. Not thread-safe: one training thread per JVM (DJL's PyTorch
 * gradient collector is per JVM).
 */
public final class TrainingSession implements AutoCloseable {

    private final ModelConfig modelConfig;
    private final OptimizerSpec optimizerSpec;
    private final double temperature;
    private final SimClrModel model;
    private final SimClrTrainer trainer;

    private TrainingSession(
            ModelConfig modelConfig,
            OptimizerSpec optimizerSpec,
            double temperature,
            SimClrModel model,
            SimClrTrainer trainer) {
        this.modelConfig = modelConfig;
        this.optimizerSpec = optimizerSpec;
        this.temperature = temperature;
        this.model = model;
        this.trainer = trainer;
    }

    /**
     * Builds a freshly initialised model and optimiser.
     *
     * @param config the model
     * @param spec optimiser and schedule
     * @param temperature NT-Xent temperature, &gt; 0
     * @param device where the model lives
     * @param seed initialisation seed
     * @return the session
     */
    public static TrainingSession create(
            ModelConfig config, OptimizerSpec spec, double temperature, Device device, long seed) {
        NtXentLoss loss = new NtXentLoss(temperature);
        SimClrModel model = SimClrModel.create(config, device, seed);
        try {
            return new TrainingSession(config, spec, temperature, model, new SimClrTrainer(model, spec.create(), loss));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Runs one step on B view pairs (uint8 HWC, the model's input shape).
     *
     * @param first first views
     * @param second second views, same order
     * @return the loss before the update
     */
    public float step(List<byte[]> first, List<byte[]> second) {
        return trainer.step(first, second);
    }

    /**
     * Runs one step on views already normalised on the model's device ({@code BatchAssembler#assemble}), (2B, C, H, W)
     * ordered [first views; second views]; the array stays the caller's.
     *
     * @param views the views
     * @return the loss before the update
     */
    public float step(NDArray views) {
        return trainer.step(views);
    }

    /** Returns what the last step's skipped update met (non-finite gradients), or null when it updated. */
    public String lastSkip() {
        return trainer.lastSkip();
    }

    /** Returns the completed steps (the schedule position). */
    public long stepCount() {
        return trainer.stepCount();
    }

    /** Returns the learning rate the next step uses. */
    public double learningRate() {
        return trainer.learningRate();
    }

    /** Captures parameters, optimiser state and step for a checkpoint. */
    public TrainerState state() {
        return trainer.state();
    }

    /**
     * Restores a captured state (same model config and algorithm).
     *
     * @param state the state
     * @throws IllegalArgumentException when it does not fit this session
     */
    public void restore(TrainerState state) {
        trainer.restore(state);
    }

    /** Returns the model. */
    public SimClrModel model() {
        return model;
    }

    /** Returns the model config. */
    public ModelConfig modelConfig() {
        return modelConfig;
    }

    /** Returns the optimiser spec. */
    public OptimizerSpec optimizerSpec() {
        return optimizerSpec;
    }

    /** Returns the NT-Xent temperature. */
    public double temperature() {
        return temperature;
    }

    @Override
    public void close() {
        model.close();
    }
}
