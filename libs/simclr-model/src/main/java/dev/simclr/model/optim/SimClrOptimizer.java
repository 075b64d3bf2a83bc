package dev.simclr.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.training.optimizer.Optimizer;
import dev.simclr.model.engine.Torch;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the SimCLR optimisers: momentum buffers it owns (so they can be saved), a {@link LrSchedule} queried at its
 * own step counter, and the BN/bias exclusion rule.
 *
 * <p>Use: {@link #bind(ParameterList)} once with the network's parameters, then after each backward pass call
 * {@link #step(ParameterList)}, which runs DJL's {@link #update} for every trainable parameter (zeroing its gradient)
 * and advances the schedule. Parameters are known by their path in the network, so state restored into a freshly built
 * network lines up.
 */
public abstract class SimClrOptimizer extends Optimizer {

    private final LrSchedule schedule;
    private final float momentum;
    private final boolean excludeBnAndBias;
    private final Map<String, Binding> bindings = new HashMap<>();
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();
    private NDManager stateManager;
    private long step;

    private record Binding(String name, boolean excluded, Parameter parameter) {}

    /**
     * Creates the optimiser from its builder.
     *
     * @param builder the builder
     */
    protected SimClrOptimizer(BaseBuilder<?> builder) {
        super(builder);
        if (builder.schedule == null) {
            throw new IllegalArgumentException("optimizer: a learning-rate schedule is required");
        }
        if (!(builder.momentum >= 0 && builder.momentum < 1)) {
            throw new IllegalArgumentException("optimizer: momentum must be in [0, 1), got " + builder.momentum);
        }
        if (!(getWeightDecay() >= 0)) {
            throw new IllegalArgumentException("optimizer: weight decay must be >= 0, got " + getWeightDecay());
        }
        this.schedule = builder.schedule;
        this.momentum = builder.momentum;
        this.excludeBnAndBias = builder.excludeBnAndBias;
    }

    /**
     * Returns whether a parameter is a BatchNorm scale/shift or a bias, by DJL parameter type or, failing that, by the
     * last segment of its name ({@code gamma}, {@code beta}, {@code bias}).
     *
     * @param name the parameter's path
     * @param parameter the parameter
     * @return true for BN and bias parameters
     */
    public static boolean isBatchNormOrBias(String name, Parameter parameter) {
        switch (parameter.getType()) {
            case BIAS, GAMMA, BETA -> {
                return true;
            }
            case WEIGHT -> {
                return false;
            }
            default -> {
                String last = name.substring(name.lastIndexOf('_') + 1);
                return last.equals("bias") || last.equals("gamma") || last.equals("beta");
            }
        }
    }

    /**
     * Registers the network's parameters: their names (for state) and exclusion flags.
     *
     * @param parameters the network's parameters, as from {@code block.getParameters()}
     */
    public void bind(ParameterList parameters) {
        for (var pair : parameters) {
            Parameter p = pair.getValue();
            if (!p.requiresGradient()) {
                continue;
            }
            boolean excluded = excludeBnAndBias && isBatchNormOrBias(pair.getKey(), p);
            bindings.put(p.getId(), new Binding(pair.getKey(), excluded, p));
            if (stateManager == null) {
                stateManager = p.getArray().getManager().newSubManager();
                stateManager.setName("optimizer-state");
            }
        }
    }

    /** Returns whether the parameter with this path is excluded from decay and adaptation. */
    public boolean isExcluded(String parameterName) {
        return bindings.values().stream().anyMatch(b -> b.name.equals(parameterName) && b.excluded);
    }

    /**
     * Updates every trainable parameter from its gradient, then advances the schedule.
     *
     * @param parameters the bound network's parameters
     */
    public void step(ParameterList parameters) {
        for (var pair : parameters) {
            Parameter p = pair.getValue();
            if (p.requiresGradient()) {
                NDArray weight = p.getArray();
                try (NDArray grad = weight.getGradient()) {
                    update(p.getId(), weight, grad);
                }
            }
        }
        step++;
    }

    /**
     * Returns the names of the trainable parameters whose accumulated gradient holds a NaN or an infinity (one device
     * sync when all are finite).
     *
     * @param parameters the bound parameters, after a backward pass
     * @return the names, empty when every gradient is finite
     */
    public List<String> nonFiniteGradients(ParameterList parameters) {
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            for (var pair : parameters) {
                if (pair.getValue().requiresGradient()) {
                    gradients.put(pair.getKey(), pair.getValue().getArray().getGradient());
                }
            }
            return Torch.nonFinite(gradients);
        }
    }

    /**
     * Ends a step without an update: the gradients are cleared, parameters and momentum buffers stay as they are, and
     * the schedule advances as after {@link #step} (as PyTorch's {@code GradScaler} skips an overflowed step).
     *
     * @param parameters the bound parameters
     */
    public void skipUpdate(ParameterList parameters) {
        for (var pair : parameters) {
            if (pair.getValue().requiresGradient()) {
                Torch.zeroGrad(pair.getValue().getArray());
            }
        }
        step++;
    }

    /** Returns the number of completed steps (the schedule position). */
    public long stepCount() {
        return step;
    }

    /** Returns the learning rate the next step will use. */
    public double currentLearningRate() {
        return schedule.lr(step);
    }

    /** Returns the schedule. */
    public LrSchedule schedule() {
        return schedule;
    }

    /** Returns the momentum coefficient. */
    public float momentum() {
        return momentum;
    }

    @Override
    public final void update(String parameterId, NDArray weight, NDArray grad) {
        Binding binding = bindings.get(parameterId);
        if (binding == null) {
            throw new IllegalStateException("optimizer: parameter " + parameterId + " is not bound; call bind() first");
        }
        NDArray buffer =
                buffers.computeIfAbsent(binding.name, k -> stateManager.zeros(weight.getShape(), weight.getDataType()));
        float lr = (float) schedule.lr(step);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray g = rescaleGrad == 1f ? grad : grad.mul(rescaleGrad);
            if (clipGrad > 0) {
                g = g.clip(-clipGrad, clipGrad);
            }
            if (!binding.excluded && getWeightDecay() > 0) {
                g = g.add(weight.mul(getWeightDecay()));
            }
            apply(weight, g, buffer, lr, binding.excluded);
        }
        Torch.zeroGrad(weight);
    }

    /**
     * Applies one update in place. Temporaries are closed by the caller's scope.
     *
     * @param weight the parameter, updated in place
     * @param grad the gradient, already rescaled, clipped and with weight decay added
     * @param buffer the momentum buffer, updated in place
     * @param lr the scheduled learning rate
     * @param excluded whether this is a BN or bias parameter (no adaptation)
     */
    protected abstract void apply(NDArray weight, NDArray grad, NDArray buffer, float lr, boolean excluded);

    /** Returns a short name of the algorithm, stored with the state. */
    public abstract String algorithm();

    Map<String, NDArray> buffers() {
        return buffers;
    }

    /** Returns the names of the momentum buffers holding a NaN or an infinity (for a diagnosis). */
    public List<String> nonFiniteBuffers() {
        return Torch.nonFinite(buffers);
    }

    Map<String, Parameter> parametersByName() {
        Map<String, Parameter> byName = new HashMap<>();
        bindings.values().forEach(b -> byName.put(b.name, b.parameter));
        return byName;
    }

    NDManager stateManager() {
        if (stateManager == null) {
            throw new IllegalStateException("optimizer: bind() the parameters first");
        }
        return stateManager;
    }

    void restoreStep(long restored) {
        this.step = restored;
    }

    /** Serialises the step and the momentum buffers; see {@link OptimizerState}. */
    public byte[] saveState() {
        return OptimizerState.save(this);
    }

    /**
     * Restores state saved by {@link #saveState()} from the same algorithm and network layout.
     *
     * @param data the saved state
     * @throws IllegalArgumentException if it does not fit the bound parameters
     */
    public void loadState(byte[] data) {
        OptimizerState.load(this, data);
    }

    /** Common builder: {@code setLearningRate} is required. */
    public abstract static class BaseBuilder<T extends BaseBuilder<T>> extends OptimizerBuilder<T> {
        private LrSchedule schedule;
        private float momentum = 0.9f;
        private boolean excludeBnAndBias = true;

        /** Sets the learning-rate schedule (required). */
        public T setLearningRate(LrSchedule schedule) {
            this.schedule = schedule;
            return self();
        }

        /** Sets the momentum coefficient (default 0.9). */
        public T optMomentum(float momentum) {
            this.momentum = momentum;
            return self();
        }

        /** Excludes BN and bias parameters from weight decay and adaptation (default true). */
        public T optExcludeBnAndBias(boolean exclude) {
            this.excludeBnAndBias = exclude;
            return self();
        }
    }
}
