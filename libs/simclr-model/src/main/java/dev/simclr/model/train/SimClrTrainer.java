package dev.simclr.model.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.ParameterList;
import ai.djl.training.GradientCollector;
import dev.simclr.model.SimClrModel;
import dev.simclr.model.data.BatchAssembler;
import dev.simclr.model.engine.Torch;
import dev.simclr.model.loss.NtXentLoss;
import dev.simclr.model.optim.SimClrOptimizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One SimCLR optimisation step at a time: forward 2B views through encoder + head, NT-Xent, backward, optimiser update
 * with the scheduled learning rate. A step whose loss is finite but whose gradients are not skips its update (counted,
 * parameters unchanged; {@value #MAX_CONSECUTIVE_SKIPS} in a row stop training), a non-finite loss stops training with
 * a diagnosis of where the non-finite values are, and {@link #state()} refuses non-finite parameters, so a checkpoint
 * is always resumable.
 *
 * <p>Every step's temporaries (input, activations, loss) live in a sub-manager of the model's manager that is closed
 * when the step ends; only parameters, BN statistics and momentum buffers persist. Not thread-safe; DJL's PyTorch
 * gradient collector allows one collecting step per JVM at a time.
 */
public final class SimClrTrainer {

    private final SimClrModel model;
    private final SimClrOptimizer optimizer;
    private final NtXentLoss loss;
    private final BatchAssembler assembler;
    private final ParameterList parameters;
    private final Engine engine;
    private long skippedUpdates;
    private int consecutiveSkips;
    private String lastSkip;

    /** Steps in a row with non-finite gradients after which training stops as diverged. */
    public static final int MAX_CONSECUTIVE_SKIPS = 3;

    /**
     * Creates a trainer and binds the optimiser to the model's parameters.
     *
     * @param model the model to train
     * @param optimizer a fresh optimiser (or one restored with {@link #restore})
     * @param loss the NT-Xent loss
     */
    public SimClrTrainer(SimClrModel model, SimClrOptimizer optimizer, NtXentLoss loss) {
        this.model = model;
        this.optimizer = optimizer;
        this.loss = loss;
        this.assembler = BatchAssembler.forConfig(model.config());
        this.parameters = model.network().getParameters();
        this.engine = Torch.engine();
        optimizer.bind(parameters);
    }

    /**
     * Runs one step on a batch of view pairs given as uint8 HWC bytes.
     *
     * @param first first view of each pair
     * @param second second view of each pair
     * @return the loss before the update
     */
    public float step(List<byte[]> first, List<byte[]> second) {
        try (NDManager stepManager = model.manager().newSubManager()) {
            return run(stepManager, assembler.assemble(stepManager, first, second));
        }
    }

    /**
     * Runs one step on already normalised views (2B, C, H, W) ordered [first views; second views]. The array is
     * attached to the step's manager for the duration of the step only.
     *
     * @param views the views on the model's device
     * @return the loss before the update
     */
    public float step(NDArray views) {
        try (NDManager stepManager = model.manager().newSubManager()) {
            views.tempAttach(stepManager);
            return run(stepManager, views);
        }
    }

    private float run(NDManager stepManager, NDArray views) {
        float value;
        try (GradientCollector collector = engine.newGradientCollector()) {
            NDArray projections = model.project(views);
            NDArray l = loss.evaluate(projections);
            collector.backward(l);
            value = l.getFloat();
        }
        if (!Float.isFinite(value)) {
            throw new IllegalStateException("loss is " + value + " at step " + optimizer.stepCount()
                    + ": training diverged (lower the learning rate); " + diagnosis(views));
        }
        List<String> badGradients = optimizer.nonFiniteGradients(parameters);
        if (!badGradients.isEmpty()) {
            skip(value, badGradients);
            return value;
        }
        consecutiveSkips = 0;
        lastSkip = null;
        // In-place updates of leaf parameters must not be recorded: PyTorch's grad mode is per thread
        // and on by default on threads that never loaded the engine, so switch it off explicitly.
        Torch.noGrad(() -> {
            optimizer.step(parameters);
            return null;
        });
        return value;
    }

    /**
     * A finite loss with non-finite gradients: the update is skipped so that no NaN reaches the parameters (and from
     * there a checkpoint); {@value #MAX_CONSECUTIVE_SKIPS} such steps in a row stop training.
     */
    private void skip(float value, List<String> badGradients) {
        String what = "gradients of " + first(badGradients) + " are not finite at step " + optimizer.stepCount()
                + " (loss " + value + ", lr " + optimizer.currentLearningRate() + ")";
        if (consecutiveSkips + 1 >= MAX_CONSECUTIVE_SKIPS) {
            throw new IllegalStateException(what + ", " + MAX_CONSECUTIVE_SKIPS
                    + " steps in a row: training diverged (lower the learning rate)");
        }
        optimizer.skipUpdate(parameters);
        consecutiveSkips++;
        skippedUpdates++;
        lastSkip = what + ": update skipped, parameters and momentum unchanged";
    }

    /**
     * Says where the non-finite values are when a loss is not finite: the input views, the parameters (the last update
     * wrote them) or the momentum buffers, or none of them (then the forward or backward pass of this step produced
     * them from finite values).
     */
    private String diagnosis(NDArray views) {
        // trainable ones only: this step's forward pass already wrote its NaN into the BN running statistics
        List<String> params = Torch.nonFinite(arrays(true));
        List<String> buffers = optimizer.nonFiniteBuffers();
        boolean inputs = Torch.isFinite(views);
        if (params.isEmpty() && buffers.isEmpty() && inputs) {
            return "parameters, momentum buffers and inputs are finite (lr " + optimizer.currentLearningRate()
                    + "): this step's forward or backward pass overflowed";
        }
        return "non-finite: " + (inputs ? "" : "input views, ") + "parameters " + first(params) + ", momentum buffers "
                + first(buffers) + " (lr " + optimizer.currentLearningRate() + ")";
    }

    private Map<String, NDArray> arrays(boolean trainableOnly) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        for (var p : parameters) {
            if (!trainableOnly || p.getValue().requiresGradient()) {
                arrays.put(p.getKey(), p.getValue().getArray());
            }
        }
        return arrays;
    }

    private static String first(List<String> names) {
        return names.size() <= 6 ? names.toString() : names.subList(0, 6) + " and " + (names.size() - 6) + " more";
    }

    /** Returns the number of completed steps. */
    public long stepCount() {
        return optimizer.stepCount();
    }

    /** Returns the learning rate the next step will use. */
    public double learningRate() {
        return optimizer.currentLearningRate();
    }

    /** Returns the model. */
    public SimClrModel model() {
        return model;
    }

    /** Returns the optimiser. */
    public SimClrOptimizer optimizer() {
        return optimizer;
    }

    /** Returns the batch assembler matching the model's input. */
    public BatchAssembler assembler() {
        return assembler;
    }

    /**
     * Returns whether the last step skipped its update (its gradients were not finite); {@link #lastSkip()} says why.
     */
    public boolean lastUpdateSkipped() {
        return lastSkip != null;
    }

    /** Returns what the last step's skipped update met, or null when the last step updated the parameters. */
    public String lastSkip() {
        return lastSkip;
    }

    /** Returns the number of steps of this trainer whose update was skipped. */
    public long skippedUpdates() {
        return skippedUpdates;
    }

    /**
     * Captures parameters, BN statistics, optimiser state and step, e.g. for a checkpoint.
     *
     * @return the state
     * @throws IllegalStateException if a parameter or BN statistic is not finite: such a state could be neither resumed
     *     nor evaluated, so a checkpoint is never written from it (training restarts from the last good one)
     */
    public TrainerState state() {
        // every parameter, BN running statistics included: the evaluator and the ONNX export use them
        List<String> bad = Torch.nonFinite(arrays(false));
        if (!bad.isEmpty()) {
            throw new IllegalStateException("parameters " + first(bad) + " are not finite after step "
                    + optimizer.stepCount() + ": not saved (a checkpoint must be resumable)");
        }
        return new TrainerState(
                model.config(),
                optimizer.stepCount(),
                model.seed(),
                optimizer.algorithm(),
                model.saveParameters(),
                optimizer.saveState());
    }

    /**
     * Restores a state captured by {@link #state()} into this trainer's model and optimiser.
     *
     * @param state the state; its model config must equal this model's
     * @throws IllegalArgumentException if config, algorithm or layout differ
     */
    public void restore(TrainerState state) {
        if (!state.config().equals(model.config())) {
            throw new IllegalArgumentException(
                    "trainer state: model config " + state.config().toMap() + " differs from this model's "
                            + model.config().toMap());
        }
        if (!state.algorithm().equals(optimizer.algorithm())) {
            throw new IllegalArgumentException(
                    "trainer state: saved with " + state.algorithm() + ", this trainer uses " + optimizer.algorithm());
        }
        model.loadParameters(state.parameters());
        optimizer.loadState(state.optimizerState());
    }
}
