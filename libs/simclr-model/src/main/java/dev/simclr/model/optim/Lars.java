package dev.simclr.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;

/**
 * LARS as in the SimCLR reference implementation: for each adapted parameter the learning rate is scaled by the trust
 * ratio {@code eta * ||w|| / ||g||} (1 when either norm is 0), with the weight decay added to the gradient first; the
 * momentum buffer accumulates scaled steps.
 *
 * <pre>
 * g = grad + wd * w                 (wd skipped for BN and bias)
 * r = eta * ||w|| / ||g||           (1 for BN and bias, or when a norm is 0)
 * v = m * v + lr * r * g
 * w = w - v                         (Nesterov: w = w - (m * v + lr * r * g))
 * </pre>
 */
public final class Lars extends SimClrOptimizer {

    private final float trustCoefficient;
    private final boolean nesterov;

    private Lars(Builder builder) {
        super(builder);
        if (!(builder.trustCoefficient > 0)) {
            throw new IllegalArgumentException("LARS: trust coefficient must be > 0, got " + builder.trustCoefficient);
        }
        this.trustCoefficient = builder.trustCoefficient;
        this.nesterov = builder.nesterov;
    }

    /** Returns a builder (weight decay default 1e-6, trust coefficient 0.001, momentum 0.9). */
    public static Builder builder() {
        return new Builder().optWeightDecays(1e-6f);
    }

    @Override
    public String algorithm() {
        return "lars";
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, NDArray buffer, float lr, boolean excluded) {
        NDArray step;
        if (excluded) {
            step = grad.mul(lr);
        } else {
            NDArray wNorm = weight.norm();
            NDArray gNorm = grad.norm();
            NDArray usable = wNorm.gt(0).logicalAnd(gNorm.gt(0));
            NDArray trust = NDArrays.where(usable, wNorm.div(gNorm).mul(trustCoefficient), wNorm.onesLike());
            step = grad.mul(trust.mul(lr));
        }
        buffer.muli(momentum()).addi(step);
        weight.subi(nesterov ? buffer.mul(momentum()).addi(step) : buffer);
    }

    /** Builder for {@link Lars}. */
    public static final class Builder extends BaseBuilder<Builder> {
        private float trustCoefficient = 0.001f;
        private boolean nesterov;

        private Builder() {}

        /** Sets the trust coefficient eta (default 0.001). */
        public Builder optTrustCoefficient(float eta) {
            this.trustCoefficient = eta;
            return this;
        }

        /** Uses Nesterov momentum (default false, as SimCLR). */
        public Builder optNesterov(boolean nesterov) {
            this.nesterov = nesterov;
            return this;
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** Builds the optimiser. */
        public Lars build() {
            return new Lars(this);
        }
    }
}
