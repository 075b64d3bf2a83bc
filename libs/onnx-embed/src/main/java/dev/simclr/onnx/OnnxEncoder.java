package dev.simclr.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.simclr.augment.DecodedImage;
import dev.simclr.augment.resize.ResizeMode;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exported SimCLR encoder ({@code encoder.onnx}) on ONNX Runtime: reads the input size and normalisation from the
 * model's metadata ({@link EncoderMetadata}) and turns images into feature vectors. Thread-safe ({@code OrtSession.run}
 * is); close it to free the native session.
 *
 * <pre>{@code
 * try (OnnxEncoder encoder = OnnxEncoder.load(Path.of("encoder.onnx"))) {
 *   float[][] features = encoder.embed(List.of(image));    // decoded images, any size
 * }
 * }</pre>
 */
public final class OnnxEncoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxEncoder.class);
    private static final AtomicBoolean AUTO_FALLBACK_LOGGED = new AtomicBoolean();

    private final OrtEnvironment env;
    private final OrtSession session;
    private final EncoderMetadata metadata;
    private final ImagePreprocessor preprocessor;
    private final int batchSize;
    private final OnnxDevice device;

    private OnnxEncoder(
            OrtEnvironment env,
            OrtSession session,
            EncoderMetadata metadata,
            ResizeMode mode,
            int batchSize,
            OnnxDevice device) {
        this.env = env;
        this.session = session;
        this.metadata = metadata;
        int side = metadata.inputSize();
        this.preprocessor = new ImagePreprocessor(side, side, metadata.channels(), mode);
        this.batchSize = batchSize;
        this.device = device;
    }

    /** Loads a model with default options (CPU, ONNX Runtime's thread count, batches of 64). */
    public static OnnxEncoder load(byte[] model) {
        return builder().setModel(model).build();
    }

    /** Loads a model file with default options. */
    public static OnnxEncoder load(Path file) {
        return builder().setModel(file).build();
    }

    /** A builder; the model is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The model's metadata (input size, normalisation, provenance). */
    public EncoderMetadata metadata() {
        return metadata;
    }

    /** The device the session runs on ({@code cpu} or {@code cuda:N}). */
    public OnnxDevice device() {
        return device;
    }

    /** Images per ONNX Runtime call. */
    public int batchSize() {
        return batchSize;
    }

    /** The output size D. */
    public int featureDim() {
        return metadata.featureDim();
    }

    /** The preprocessing {@link #embed(List)} applies (the metadata's mode unless overridden). */
    public ImagePreprocessor preprocessor() {
        return preprocessor;
    }

    /**
     * Embeds already normalised images.
     *
     * @param nchw float32 {@code n x C x H x W}, row-major
     * @param n number of images, {@code >= 1}
     * @return {@code n} feature vectors of {@link #featureDim()} values
     * @throws IllegalArgumentException when the length does not match {@code n} images
     * @throws OnnxEmbedException when ONNX Runtime fails or returns a wrong shape
     */
    public float[][] embed(float[] nchw, int n) {
        int per = preprocessor.imageBytes();
        if (n < 1 || nchw == null || nchw.length != (long) n * per) {
            throw new IllegalArgumentException("expected " + n + " images of " + metadata.channels() + "x"
                    + metadata.inputSize() + "x" + metadata.inputSize() + " = " + (long) n * per + " floats, got "
                    + (nchw == null ? "null" : nchw.length));
        }
        float[][] out = new float[n][];
        for (int start = 0; start < n; start += batchSize) {
            int b = Math.min(batchSize, n - start);
            float[][] part = run(FloatBuffer.wrap(nchw, start * per, b * per).slice(), b);
            System.arraycopy(part, 0, out, start, b);
        }
        return out;
    }

    /**
     * Embeds preprocessed uint8 images (already at the input size), normalising them with the metadata's mean and std.
     *
     * @param nhwc {@code n x H x W x C} bytes
     * @param n number of images
     */
    public float[][] embedPixels(byte[] nhwc, int n) {
        return embed(preprocessor.normalise(nhwc, n, metadata.meanFloats(), metadata.stdFloats()), n);
    }

    /**
     * Embeds decoded images of any size: {@link #preprocessor()} then normalisation, as the evaluator does.
     *
     * @throws IllegalArgumentException naming the image that cannot be preprocessed
     */
    public float[][] embed(List<DecodedImage> images) {
        if (images.isEmpty()) {
            return new float[0][];
        }
        int per = preprocessor.imageBytes();
        byte[] all = new byte[Math.multiplyExact(images.size(), per)];
        for (int i = 0; i < images.size(); i++) {
            byte[] one;
            try {
                one = preprocessor.apply(images.get(i));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("image " + i + ": " + e.getMessage(), e);
            }
            System.arraycopy(one, 0, all, i * per, per);
        }
        return embedPixels(all, images.size());
    }

    private float[][] run(FloatBuffer data, int n) {
        long side = metadata.inputSize();
        long[] shape = {n, metadata.channels(), side, side};
        try (OnnxTensor input = OnnxTensor.createTensor(env, data, shape);
                OrtSession.Result result = session.run(Map.of(EncoderMetadata.INPUT_NAME, input))) {
            Object value = result.get(0).getValue();
            if (!(value instanceof float[][] rows)
                    || rows.length != n
                    || Arrays.stream(rows).anyMatch(r -> r.length != metadata.featureDim())) {
                throw new OnnxEmbedException("encoder returned " + describe(value) + " for " + n
                        + " images; expected float[" + n + "][" + metadata.featureDim() + "]");
            }
            return rows;
        } catch (OrtException e) {
            throw new OnnxEmbedException("ONNX Runtime failed on a batch of " + n + " images: " + e.getMessage(), e);
        }
    }

    private static String describe(Object value) {
        if (value instanceof float[][] rows) {
            return "float[" + rows.length + "][" + (rows.length == 0 ? 0 : rows[0].length) + "]";
        }
        return value == null ? "nothing" : value.getClass().getSimpleName();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new OnnxEmbedException("closing the ONNX Runtime session failed: " + e.getMessage(), e);
        }
    }

    /** Builds an {@link OnnxEncoder}: {@code setModel} is required, {@code optX} values optional. */
    public static final class Builder {
        private byte[] model;
        private Path file;
        private int intraOpThreads;
        private OnnxDevice device = OnnxDevice.CPU;
        private ResizeMode resizeMode;
        private int batchSize = 64;

        private Builder() {}

        /** The serialised model. */
        public Builder setModel(byte[] model) {
            this.model = model;
            this.file = null;
            return this;
        }

        /** A model file (read when building). */
        public Builder setModel(Path file) {
            this.file = file;
            this.model = null;
            return this;
        }

        /** Intra-op threads (default 0: ONNX Runtime's choice, one per physical core). */
        public Builder optIntraOpThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("intra-op threads must be >= 0, got " + threads);
            }
            this.intraOpThreads = threads;
            return this;
        }

        /**
         * Where to run (default {@link OnnxDevice#CPU}): {@code auto} takes CUDA when this ONNX Runtime offers it (the
         * {@code onnxruntime_gpu} artefact) and otherwise the CPU, with one log line; {@code cuda[:n]} fails to build
         * without CUDA.
         */
        public Builder optDevice(OnnxDevice device) {
            if (device == null) {
                throw new IllegalArgumentException("device is required (auto, cpu, cuda or cuda:N)");
            }
            this.device = device;
            return this;
        }

        /** Overrides the resize mode (default: the metadata's, else {@link ResizeMode#PAD}). */
        public Builder optResizeMode(ResizeMode mode) {
            this.resizeMode = mode;
            return this;
        }

        /** Images per ONNX Runtime call (default 64). */
        public Builder optBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Loads the model and checks it is a SimCLR encoder export whose graph matches its metadata.
         *
         * @throws OnnxEmbedException when the file cannot be read or the model not loaded
         * @throws IllegalArgumentException when the model is not a SimCLR encoder export
         */
        public OnnxEncoder build() {
            byte[] bytes = model;
            String what = "model";
            if (file != null) {
                what = file.toString();
                try {
                    bytes = Files.readAllBytes(file);
                } catch (IOException e) {
                    throw new OnnxEmbedException("cannot read " + file + ": " + e, e);
                }
            }
            if (bytes == null || bytes.length == 0) {
                throw new IllegalArgumentException("an ONNX model (bytes or a file) is required");
            }
            OrtEnvironment env = OrtRuntime.environment();
            OnnxDevice resolved = resolve(device);
            OrtSession session;
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
                options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                options.setIntraOpNumThreads(intraOpThreads);
                options.setInterOpNumThreads(1);
                // Idle workers sleep instead of spinning (spinning threads starve co-located JVMs).
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
                if (resolved.isCuda()) {
                    options.addCUDA(resolved.cudaDevice());
                }
                session = env.createSession(bytes, options);
            } catch (OrtException e) {
                throw new OnnxEmbedException("ONNX Runtime cannot load " + what + ": " + e.getMessage(), e);
            }
            try {
                EncoderMetadata metadata =
                        EncoderMetadata.fromProperties(session.getMetadata().getCustomMetadata());
                checkSignature(session, metadata);
                ResizeMode mode =
                        resizeMode != null ? resizeMode : metadata.resizeMode().orElse(ResizeMode.PAD);
                return new OnnxEncoder(env, session, metadata, mode, batchSize, resolved);
            } catch (OrtException | RuntimeException e) {
                try {
                    session.close();
                } catch (OrtException suppressed) {
                    e.addSuppressed(suppressed);
                }
                if (e instanceof OrtException) {
                    throw new OnnxEmbedException("ONNX Runtime cannot read " + what + ": " + e.getMessage(), e);
                }
                throw (RuntimeException) e;
            }
        }

        private static OnnxDevice resolve(OnnxDevice wanted) {
            if (wanted.kind() == OnnxDevice.Kind.CPU) {
                return wanted;
            }
            Set<OrtProvider> offered = OnnxDevice.offered();
            OnnxDevice resolved = wanted.resolve(offered);
            if (wanted.kind() == OnnxDevice.Kind.AUTO
                    && !resolved.isCuda()
                    && AUTO_FALLBACK_LOGGED.compareAndSet(false, true)) {
                LOG.info("ONNX device auto: this ONNX Runtime offers {} (no CUDA), running on the CPU", offered);
            }
            return resolved;
        }

        private static void checkSignature(OrtSession session, EncoderMetadata m) throws OrtException {
            long side = m.inputSize();
            expect(
                    session.getInputInfo(),
                    EncoderMetadata.INPUT_NAME,
                    new long[] {-1, m.channels(), side, side},
                    "input");
            expect(session.getOutputInfo(), EncoderMetadata.OUTPUT_NAME, new long[] {-1, m.featureDim()}, "output");
        }

        private static void expect(Map<String, NodeInfo> infos, String name, long[] shape, String what) {
            NodeInfo info = infos.get(name);
            if (info == null || infos.size() != 1) {
                throw new IllegalArgumentException("encoder export must have exactly one " + what + " named '" + name
                        + "', has " + infos.keySet());
            }
            if (!(info.getInfo() instanceof TensorInfo t)
                    || t.type != ai.onnxruntime.OnnxJavaType.FLOAT
                    || !Arrays.equals(t.getShape(), shape)) {
                throw new IllegalArgumentException("encoder " + what + " '" + name + "' is " + info.getInfo()
                        + ", metadata implies float32 " + Arrays.toString(shape).replace("-1", "batch"));
            }
        }
    }
}
