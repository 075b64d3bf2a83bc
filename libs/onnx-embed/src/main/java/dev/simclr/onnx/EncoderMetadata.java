package dev.simclr.onnx;

import dev.simclr.augment.resize.ResizeMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code metadata_props} of an exported SimCLR encoder: the single definition of the keys that the exporter
 * ({@code dev.simclr.model.onnx.OnnxExporter}) writes and {@link OnnxEncoder} reads. Values are strings; lists are JSON
 * arrays of numbers (e.g. {@code [0.286]}).
 *
 * <p>Required for embedding: {@link #CHANNELS}, {@link #INPUT_SIZE}, {@link #MEAN}, {@link #STD}, {@link #FEATURE_DIM}.
 * Everything else (run id, step, architecture, creation time, ...) is provenance, kept in {@link #properties()}.
 *
 * @param channels input channels, 1 or 3
 * @param inputSize square input side in pixels
 * @param mean per-channel mean of pixels scaled to [0, 1]
 * @param std per-channel standard deviation, each {@code > 0}
 * @param featureDim output size
 * @param resizeMode the preprocessing the evaluator used, empty when not recorded
 * @param properties every metadata entry, including the ones above, in insertion order
 */
public record EncoderMetadata(
        int channels,
        int inputSize,
        List<Double> mean,
        List<Double> std,
        int featureDim,
        Optional<ResizeMode> resizeMode,
        Map<String, String> properties) {

    /** Export format, {@value #FORMAT_VERSION}. */
    public static final String FORMAT = "simclr.format";
    /** The format written by this code. */
    public static final String FORMAT_VERSION = "simclr-encoder/1";
    /** Training run id. */
    public static final String RUN_ID = "simclr.run_id";
    /** Training step of the checkpoint. */
    public static final String STEP = "simclr.step";
    /** Architecture, e.g. {@code resnet18}. */
    public static final String ARCH = "simclr.arch";
    /** Stem, {@code small} or {@code imagenet}. */
    public static final String STEM = "simclr.stem";
    /** Width multiplier. */
    public static final String WIDTH = "simclr.width";
    /** Input channels. */
    public static final String CHANNELS = "simclr.channels";
    /** Square input side. */
    public static final String INPUT_SIZE = "simclr.input_size";
    /** Normalisation mean per channel (JSON array). */
    public static final String MEAN = "simclr.mean";
    /** Normalisation standard deviation per channel (JSON array). */
    public static final String STD = "simclr.std";
    /** Output feature size. */
    public static final String FEATURE_DIM = "simclr.feature_dim";
    /** {@code pad} or {@code resize}: how the evaluator fitted images to the input. */
    public static final String RESIZE_MODE = "simclr.resize_mode";
    /** How batch normalisation was exported: {@code folded} into Conv, or {@code explicit}. */
    public static final String BATCH_NORM = "simclr.batch_norm";
    /** When the export was made (ISO-8601). */
    public static final String CREATED_AT = "simclr.created_at";
    /** Name of the graph input: float32 {@code [batch, C, H, W]}. */
    public static final String INPUT_NAME = "images";
    /** Name of the graph output: float32 {@code [batch, D]}. */
    public static final String OUTPUT_NAME = "features";

    /** Validates the typed fields and copies the collections. */
    public EncoderMetadata {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("encoder metadata: channels must be 1 or 3, got " + channels);
        }
        if (inputSize < 1 || inputSize > 4096) {
            throw new IllegalArgumentException("encoder metadata: input size must be in 1..4096, got " + inputSize);
        }
        if (featureDim < 1) {
            throw new IllegalArgumentException("encoder metadata: feature dim must be >= 1, got " + featureDim);
        }
        mean = checkStats("mean", mean, channels, false);
        std = checkStats("std", std, channels, true);
        resizeMode = resizeMode == null ? Optional.empty() : resizeMode;
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties == null ? Map.of() : properties));
    }

    private static List<Double> checkStats(String name, List<Double> values, int channels, boolean positive) {
        if (values == null || values.size() != channels) {
            throw new IllegalArgumentException(
                    "encoder metadata: " + name + " needs " + channels + " value(s), got " + values);
        }
        for (Double v : values) {
            if (v == null || !Double.isFinite(v) || (positive && v <= 0)) {
                throw new IllegalArgumentException("encoder metadata: " + name + " values must be finite"
                        + (positive ? " and > 0" : "") + ", got " + values);
            }
        }
        return List.copyOf(values);
    }

    /**
     * Builds metadata for an export: the typed fields are written under their keys, followed by {@code extra}
     * (provenance such as {@link #RUN_ID}; extra entries cannot override typed keys).
     */
    public static EncoderMetadata of(
            int channels,
            int inputSize,
            List<Double> mean,
            List<Double> std,
            int featureDim,
            ResizeMode resizeMode,
            Map<String, String> extra) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put(FORMAT, FORMAT_VERSION);
        props.put(CHANNELS, Integer.toString(channels));
        props.put(INPUT_SIZE, Integer.toString(inputSize));
        props.put(MEAN, numbers(mean));
        props.put(STD, numbers(std));
        props.put(FEATURE_DIM, Integer.toString(featureDim));
        if (resizeMode != null) {
            props.put(RESIZE_MODE, resizeMode.id());
        }
        if (extra != null) {
            extra.forEach((k, v) -> {
                if (props.containsKey(k)) {
                    throw new IllegalArgumentException("encoder metadata: '" + k + "' is set from the typed fields");
                }
                if (k == null || k.isBlank() || v == null) {
                    throw new IllegalArgumentException("encoder metadata: blank key or null value for '" + k + "'");
                }
                props.put(k, v);
            });
        }
        return new EncoderMetadata(channels, inputSize, mean, std, featureDim, Optional.ofNullable(resizeMode), props);
    }

    /**
     * Reads the metadata of a model.
     *
     * @param props the model's {@code metadata_props}
     * @throws IllegalArgumentException naming the missing or malformed key (also for models that are not SimCLR encoder
     *     exports)
     */
    public static EncoderMetadata fromProperties(Map<String, String> props) {
        String format = props.get(FORMAT);
        if (format == null) {
            throw new IllegalArgumentException("not a SimCLR encoder export: metadata key " + FORMAT + " is missing");
        }
        if (!FORMAT_VERSION.equals(format)) {
            throw new IllegalArgumentException(
                    "unsupported encoder export format '" + format + "' (this code reads " + FORMAT_VERSION + ")");
        }
        int channels = integer(props, CHANNELS);
        String mode = props.get(RESIZE_MODE);
        return new EncoderMetadata(
                channels,
                integer(props, INPUT_SIZE),
                doubles(props, MEAN),
                doubles(props, STD),
                integer(props, FEATURE_DIM),
                mode == null ? Optional.empty() : Optional.of(ResizeMode.parse(mode)),
                props);
    }

    /** The metadata entries to store in the model, typed fields first. */
    public Map<String, String> toProperties() {
        return properties;
    }

    /** One provenance entry, e.g. {@code property(RUN_ID)}. */
    public Optional<String> property(String key) {
        return Optional.ofNullable(properties.get(key));
    }

    /** {@link #mean()} as floats, as the preprocessing uses it. */
    public float[] meanFloats() {
        return floats(mean);
    }

    /** {@link #std()} as floats, as the preprocessing uses it. */
    public float[] stdFloats() {
        return floats(std);
    }

    private static float[] floats(List<Double> values) {
        float[] f = new float[values.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = values.get(i).floatValue();
        }
        return f;
    }

    /** Formats numbers as a JSON array, e.g. {@code [0.485,0.456,0.406]}. */
    static String numbers(List<Double> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ",").append(values.get(i));
        }
        return b.append(']').toString();
    }

    private static String required(Map<String, String> props, String key) {
        String v = props.get(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("encoder metadata: key " + key + " is missing");
        }
        return v.trim();
    }

    private static int integer(Map<String, String> props, String key) {
        String v = required(props, key);
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("encoder metadata: " + key + " must be an integer, got '" + v + "'");
        }
    }

    private static List<Double> doubles(Map<String, String> props, String key) {
        String v = required(props, key);
        if (!v.startsWith("[") || !v.endsWith("]")) {
            throw new IllegalArgumentException(
                    "encoder metadata: " + key + " must be a JSON array of numbers, got '" + v + "'");
        }
        List<Double> out = new ArrayList<>();
        String body = v.substring(1, v.length() - 1).trim();
        if (!body.isEmpty()) {
            for (String part : body.split(",")) {
                try {
                    out.add(Double.parseDouble(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "encoder metadata: " + key + " must be a JSON array of numbers, got '" + v + "'");
                }
            }
        }
        return out;
    }
}
