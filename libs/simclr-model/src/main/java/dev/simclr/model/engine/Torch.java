package dev.simclr.model.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few PyTorch-engine specifics DJL's engine-neutral API does not expose: autograd's grad mode (for gradient-free
 * inference) and zeroing a parameter's accumulated gradient in place; and the one place the engine is loaded, with
 * oneDNN capped at AVX2 (see {@link #ONEDNN_ISA}).
 */
public final class Torch {

    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE = "PyTorch";

    /**
     * oneDNN's ISA cap, set to {@value #ONEDNN_ISA_CAP} unless the environment already sets it. Measured
     * (docs/trainer.md): the oneDNN of libtorch 2.7.1 (DJL's pytorch-native-cpu) computes wrong convolution input
     * gradients with its {@code jit:avx512_core} backward-data kernel when a layer has 8 or fewer channels (padded to
     * 16-channel blocks) and more than one intra-op thread runs: garbage or NaN in every trial, so ResNets at width 1/8
     * diverged at random ("loss is NaN at step 1"). The AVX2 kernels are correct and, on the machines measured, not
     * slower. oneDNN reads the variable once, at its first primitive: this runs before the engine loads.
     */
    public static final String ONEDNN_ISA = "ONEDNN_MAX_CPU_ISA";
    /** The cap applied when {@link #ONEDNN_ISA} is unset. */
    public static final String ONEDNN_ISA_CAP = "AVX2";
    /**
     * The cap for training bottleneck ResNets (ResNet-50) on the CPU. Measured (docs/trainer.md): the oneDNN of
     * libtorch 2.7.1 dies with SIGFPE (a division by zero in
     * {@code brgemm_convolution_bwd_utils::brg_blocking_t::est_eff_1x1}) when it sets up the backward pass of
     * ResNet-50's 1x1 convolutions with its brgemm kernels (AVX2 and up), at any size, thread count or batch, on the
     * 2-core AMD EPYC VMs here; fixed upstream in oneDNN 3.12 (PR #5330, the blocking's unroll factor when
     * {@code bd_block2} is 0). Below AVX2 oneDNN has no brgemm kernels.
     */
    public static final String ONEDNN_ISA_CAP_BOTTLENECK = "AVX";

    private static final Logger LOG = LoggerFactory.getLogger(Torch.class);
    private static volatile String oneDnnIsa;
    private static boolean warnedBottleneck;

    private Torch() {}

    /** The oneDNN ISA cap in force ({@link #ONEDNN_ISA}), or null before {@link #engine()} ran. */
    public static String oneDnnIsa() {
        return oneDnnIsa;
    }

    private static synchronized void capOneDnnIsa() {
        capOneDnnIsa(ONEDNN_ISA_CAP);
    }

    /**
     * Caps oneDNN for a process that will run (train or evaluate: the forward pass fails the same way)
     * {@code bottleneck} ResNets on the CPU, or not; call before the engine loads (the first call wins: oneDNN reads
     * the cap once). A later call that needs a lower cap than the one in force logs a warning naming the fix (it cannot
     * lower the cap any more); a process that runs both kinds (the evaluator) gets the cap from its environment
     * ({@code ONEDNN_MAX_CPU_ISA=AVX}, which the launcher sets for a ResNet-50 run).
     *
     * @param bottleneck whether the model has bottleneck blocks (ResNet-50)
     * @return the cap in force
     */
    public static synchronized String capOneDnnIsaForTraining(boolean bottleneck) {
        String wanted = bottleneck ? ONEDNN_ISA_CAP_BOTTLENECK : ONEDNN_ISA_CAP;
        capOneDnnIsa(wanted);
        if (bottleneck && !isaAtMostAvx(oneDnnIsa) && System.getenv(ONEDNN_ISA) == null && !warnedBottleneck) {
            warnedBottleneck = true;
            LOG.warn(
                    "a bottleneck ResNet (ResNet-50) runs on the CPU with oneDNN capped at {}, not {}: libtorch 2.7.1's"
                            + " oneDNN can die with SIGFPE in its brgemm 1x1 convolutions (est_eff_1x1); set {}={} in the"
                            + " environment of this process (the launcher does for a ResNet-50 run)",
                    oneDnnIsa,
                    ONEDNN_ISA_CAP_BOTTLENECK,
                    ONEDNN_ISA,
                    ONEDNN_ISA_CAP_BOTTLENECK);
        }
        return oneDnnIsa;
    }

    private static boolean isaAtMostAvx(String isa) {
        return isa.equalsIgnoreCase("AVX") || isa.equalsIgnoreCase("SSE41");
    }

    private static void capOneDnnIsa(String cap) {
        if (oneDnnIsa != null) {
            return;
        }
        String set = System.getenv(ONEDNN_ISA);
        if (set != null && !set.isBlank()) {
            oneDnnIsa = set;
            return;
        }
        if (!Platform.isLinux() && !Platform.isMac()) {
            oneDnnIsa = "default";
            return;
        }
        try {
            if (Native.load(Platform.C_LIBRARY_NAME, LibC.class).setenv(ONEDNN_ISA, cap, 0) == 0) {
                oneDnnIsa = cap;
                LOG.debug("{}={} set before the PyTorch engine loads", ONEDNN_ISA, cap);
                return;
            }
        } catch (LinkageError e) {
            LOG.warn(
                    "cannot set {}={} ({}); set it in the environment: oneDNN's AVX-512 convolution backward is wrong "
                            + "for layers with <= 8 channels",
                    ONEDNN_ISA,
                    ONEDNN_ISA_CAP,
                    e.getMessage());
        }
        oneDnnIsa = "default";
    }

    /** libc's {@code setenv(3)}. */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);
    }

    /**
     * Loads the PyTorch engine (natives, thread settings) if not loaded yet.
     *
     * @return the engine
     * @throws IllegalStateException if the PyTorch engine is not on the class path
     */
    public static Engine engine() {
        capOneDnnIsa();
        if (!Engine.hasEngine(ENGINE)) {
            throw new IllegalStateException("the DJL PyTorch engine is not on the class path "
                    + "(add ai.djl.pytorch:pytorch-engine and a pytorch-native-* artefact)");
        }
        return Engine.getEngine(ENGINE);
    }

    /**
     * Runs {@code body} with autograd recording disabled on this thread, then restores the mode.
     *
     * @param body the computation
     * @param <T> its result type
     * @return the result
     */
    public static <T> T noGrad(Supplier<T> body) {
        engine();
        boolean previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            return body.get();
        } finally {
            JniUtils.setGradMode(previous);
        }
    }

    /**
     * Returns the names of the arrays that hold a NaN or an infinity, in the map's order; temporaries are closed. The
     * common all-finite case costs one reduction per array and a single read back to the host (one device sync).
     *
     * @param arrays named arrays, on one device
     * @return the names of the non-finite ones, empty when all are finite
     */
    public static List<String> nonFinite(Map<String, NDArray> arrays) {
        if (arrays.isEmpty()) {
            return List.of();
        }
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList sums = new NDList(arrays.size());
            // NaN and infinities survive a sum (+inf + -inf is NaN); a sum of large finite values may overflow,
            // so a non-finite total is confirmed array by array below
            arrays.values().forEach(a -> sums.add(a.sum().toType(DataType.FLOAT64, false)));
            if (Double.isFinite(NDArrays.stack(sums).sum().getDouble())) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            arrays.forEach((name, a) -> {
                if (!isFinite(a)) {
                    out.add(name);
                }
            });
            return out;
        }
    }

    /** Returns whether every value of {@code array} is finite (no NaN, no infinity); temporaries are closed. */
    public static boolean isFinite(NDArray array) {
        try (NDArray nan = array.isNaN();
                NDArray anyNan = nan.any();
                NDArray inf = array.isInfinite();
                NDArray anyInf = inf.any()) {
            return !anyNan.getBoolean() && !anyInf.getBoolean();
        }
    }

    /**
     * Sets the gradient accumulated on {@code weight} to zero in place. PyTorch accumulates gradients across backward
     * passes and DJL's collector does not clear them, so every optimiser update ends with this (as DJL's own PyTorch
     * optimisers do).
     *
     * @param weight a parameter array with a gradient
     */
    public static void zeroGrad(NDArray weight) {
        if (weight instanceof PtNDArray pt) {
            JniUtils.zeroGrad(pt);
        } else {
            try (NDArray grad = weight.getGradient()) {
                grad.subi(grad);
            }
        }
    }
}
