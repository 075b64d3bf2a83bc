package dev.simclr.model.optim;

import ai.djl.ndarray.NDArray;

/**
 * SGD with (Nesterov) momentum, PyTorch semantics (dampening 0):
 *
 * <pre>
 * g = grad + wd * w                 (wd skipped for BN and bias unless configured otherwise)
 * v = m * v + g
 * w = w - lr * (g + m * v)          (plain momentum: w = w - lr * v)
 * </pre>
 */
public final class SgdNesterov extends SimClrOptimizer {

    private final boolean nesterov;

    private SgdNesterov(Builder builder) {
        super(builder);
        this.nesterov = builder.nesterov;
    }

    /** Returns a builder (weight decay default 5e-4, momentum 0.9, Nesterov on). */
    public static Builder builder() {
        return new Builder().optWeightDecays(5e-4f);
    }

    @Override
    public String algorithm() {
        return nesterov ? "sgd-nesterov" : "sgd-momentum";
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray buffer, float lr, boolean excluded) {
        buffer.muli(momentum()).addi(grad);
        NDArray direction = nesterov ? buffer.mul(momentum()).addi(grad) : buffer;
        weight.subi(direction.mul(lr));
    }

    /** Builder for {@link SgdNesterov}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private boolean nesterov = true;

        private Builder() {}

        /** Uses Nesterov momentum (default true); false gives plain momentum SGD. */
        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds the optimiser. */
        public SgdNesterov build() {
            return new SgdNesterov(this);
        }
    }
}
