package dev.simclr.model.run;

import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import dev.simclr.model.engine.Torch;
import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * PyTorch engine set-up for training processes. Threads: one inter-op thread (DJL's default split halves CPU training
 * speed on small machines) and a chosen number of intra-op threads. Idle OpenMP threads should also sleep rather than
 * spin ({@code OMP_WAIT_POLICY=PASSIVE} in the environment; it cannot be set from Java).
 */
public final class TorchSetup {

    /** DJL's system property for intra-op threads. */
    public static final String INTRA_OP = "ai.djl.pytorch.num_threads";
    /** DJL's system property for inter-op threads. */
    public static final String INTER_OP = "ai.djl.pytorch.num_interop_threads";

    private TorchSetup() {}

    /**
     * Sets the thread properties (unless given on the command line) and loads the engine; if the engine was already
     * loaded, applies the intra-op count directly.
     *
     * @param intraOpThreads intra-op threads, or 0 for PyTorch's default (the cores it sees)
     * @return a one-line summary, e.g. {@code intra-op 2, inter-op 1, OMP_WAIT_POLICY=PASSIVE}
     */
    public static String configure(int intraOpThreads) {
        return configure(intraOpThreads, false);
    }

    /**
     * As {@link #configure(int)} for a process that trains a model with or without bottleneck blocks: oneDNN's ISA cap
     * follows ({@link Torch#capOneDnnIsaForTraining}).
     *
     * @param intraOpThreads intra-op threads, or 0 for PyTorch's default (the cores it sees)
     * @param trainsBottleneck whether the process trains a bottleneck ResNet (ResNet-50)
     * @return a one-line summary, e.g. {@code intra-op 2, inter-op 1, OMP_WAIT_POLICY=PASSIVE, oneDNN ISA AVX2}
     */
    public static String configure(int intraOpThreads, boolean trainsBottleneck) {
        Torch.capOneDnnIsaForTraining(trainsBottleneck);
        if (intraOpThreads < 0) {
            throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + intraOpThreads);
        }
        if (System.getProperty(INTER_OP) == null) {
            System.setProperty(INTER_OP, "1");
        }
        if (intraOpThreads > 0 && System.getProperty(INTRA_OP) == null) {
            System.setProperty(INTRA_OP, Integer.toString(intraOpThreads));
        }
        Torch.engine();
        if (intraOpThreads > 0 && JniUtils.getNumThreads() != intraOpThreads) {
            JniUtils.setNumThreads(intraOpThreads);
        }
        return summary();
    }

    /** Returns the current thread settings as one line. */
    public static String summary() {
        String omp = System.getenv("OMP_WAIT_POLICY");
        return "intra-op " + JniUtils.getNumThreads() + ", inter-op " + JniUtils.getNumInteropThreads()
                + ", OMP_WAIT_POLICY=" + (omp == null ? "(unset: set PASSIVE on shared machines)" : omp)
                + ", oneDNN ISA " + Torch.oneDnnIsa();
    }

    /**
     * Returns where the loaded libtorch came from: the directory DJL loaded it from, and whether that was
     * {@code PYTORCH_LIBRARY_PATH} or the pytorch-native jar's extraction cache.
     */
    public static String nativeLibrary() {
        Torch.engine();
        String dir = LibUtils.getLibtorchPath();
        String override = System.getenv("PYTORCH_LIBRARY_PATH");
        boolean fromOverride = override != null
                && Arrays.stream(override.split(File.pathSeparator))
                        .anyMatch(p -> !p.isBlank()
                                && Path.of(p)
                                        .toAbsolutePath()
                                        .normalize()
                                        .equals(Path.of(dir).toAbsolutePath().normalize()));
        return "libtorch " + LibUtils.getVersion() + " from " + dir
                + (fromOverride ? " (PYTORCH_LIBRARY_PATH)" : " (pytorch-native jar / DJL cache)");
    }
}
