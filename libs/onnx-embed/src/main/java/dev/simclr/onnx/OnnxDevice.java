package dev.simclr.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Where ONNX Runtime runs an encoder: {@code auto} (CUDA device 0 when the loaded ONNX Runtime offers the CUDA
 * provider, i.e. the {@code onnxruntime_gpu} artefact on a machine with a GPU stack; else the CPU), {@code cpu}, or
 * {@code cuda[:n]} (required: fails when CUDA is not offered).
 *
 * @param kind auto, cpu or cuda
 * @param cudaDevice the CUDA device index (0 unless {@code cuda:n})
 */
public record OnnxDevice(Kind kind, int cudaDevice) {

    /** The device choice. */
    public enum Kind {
        /** CUDA when offered, else the CPU. */
        AUTO,
        /** The CPU. */
        CPU,
        /** A CUDA device (required). */
        CUDA
    }

    /** The default: {@code auto}. */
    public static final OnnxDevice AUTO = new OnnxDevice(Kind.AUTO, 0);
    /** The CPU. */
    public static final OnnxDevice CPU = new OnnxDevice(Kind.CPU, 0);

    /** Validates the index. */
    public OnnxDevice {
        if (kind == null) {
            throw new IllegalArgumentException("device kind is required");
        }
        if (cudaDevice < 0) {
            throw new IllegalArgumentException("CUDA device index must be >= 0, got " + cudaDevice);
        }
    }

    /**
     * Parses {@code auto}, {@code cpu}, {@code cuda} or {@code cuda:N} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static OnnxDevice parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "auto":
                return AUTO;
            case "cpu":
                return CPU;
            case "cuda":
                return new OnnxDevice(Kind.CUDA, 0);
            default:
                if (t.startsWith("cuda:")) {
                    try {
                        return new OnnxDevice(Kind.CUDA, Integer.parseInt(t.substring(5)));
                    } catch (IllegalArgumentException e) {
                        // reported below
                    }
                }
                throw new IllegalArgumentException(
                        "ONNX device must be auto, cpu, cuda or cuda:N (N >= 0), got '" + text + "'");
        }
    }

    /**
     * The concrete device given the providers ONNX Runtime offers: {@code auto} becomes {@code cuda:0} or {@code cpu}.
     *
     * @throws IllegalArgumentException when CUDA is required but not offered
     */
    public OnnxDevice resolve(Set<OrtProvider> offered) {
        boolean cuda = offered.contains(OrtProvider.CUDA);
        return switch (kind) {
            case CPU -> this;
            case AUTO -> cuda ? new OnnxDevice(Kind.CUDA, 0) : CPU;
            case CUDA -> {
                if (!cuda) {
                    throw new IllegalArgumentException(
                            this + " requested, but this ONNX Runtime offers only " + offered
                                    + " (the CUDA provider needs the onnxruntime_gpu artefact, i.e. a -Pgpu build, and the CUDA libraries)");
                }
                yield this;
            }
        };
    }

    /** The providers the loaded ONNX Runtime offers. */
    public static Set<OrtProvider> offered() {
        OrtRuntime.environment();
        EnumSet<OrtProvider> set = EnumSet.noneOf(OrtProvider.class);
        set.addAll(OrtEnvironment.getAvailableProviders());
        return set;
    }

    /** Whether this runs on CUDA (after {@link #resolve}). */
    public boolean isCuda() {
        return kind == Kind.CUDA;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AUTO -> "auto";
            case CPU -> "cpu";
            case CUDA -> "cuda:" + cudaDevice;
        };
    }
}
