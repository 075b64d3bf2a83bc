package dev.simclr.model.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.simclr.contracts.EncodedViewPair;
import dev.simclr.model.ModelConfig;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Turns B view pairs of uint8 HWC pixels into the network's input (2B, C, H, W) float32 on the manager's device,
 * ordered {@code [all first views; all second views]} as NT-Xent expects.
 *
 * <p>The bytes cross to the device once, as one uint8 (2B, H, W, C) buffer (a quarter of the float32 size); conversion
 * to float, scaling by 1/255, per-channel normalisation and the HWC-to-CHW transpose all run on the device. One
 * instance reuses a direct staging buffer, so {@link #assemble} is synchronised.
 */
public final class BatchAssembler {

    private final int height;
    private final int width;
    private final int channels;
    private final float[] scale;
    private final float[] shift;
    private ByteBuffer staging;

    /**
     * Creates an assembler for views of one size.
     *
     * @param height view height
     * @param width view width
     * @param channels 1 or 3
     * @param mean per-channel mean of pixels scaled to [0, 1]
     * @param std per-channel standard deviation, &gt; 0
     */
    public BatchAssembler(int height, int width, int channels, List<Double> mean, List<Double> std) {
        if (height < 1 || width < 1 || (channels != 1 && channels != 3)) {
            throw new IllegalArgumentException(
                    "batch assembler: bad view shape " + height + "x" + width + "x" + channels);
        }
        if (mean.size() != channels || std.size() != channels) {
            throw new IllegalArgumentException(
                    "batch assembler: need " + channels + " mean/std values, got " + mean + " / " + std);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.scale = new float[channels];
        this.shift = new float[channels];
        for (int c = 0; c < channels; c++) {
            if (!(std.get(c) > 0)) {
                throw new IllegalArgumentException("batch assembler: std must be > 0, got " + std);
            }
            scale[c] = (float) (1.0 / (255.0 * std.get(c)));
            shift[c] = (float) (mean.get(c) / std.get(c));
        }
    }

    /**
     * Returns an assembler for square views of the config's input size and normalisation.
     *
     * @param config the model config
     * @return the assembler
     */
    public static BatchAssembler forConfig(ModelConfig config) {
        return new BatchAssembler(
                config.inputSize(), config.inputSize(), config.channels(), config.mean(), config.std());
    }

    /** Returns the bytes of one view (height * width * channels). */
    public int viewBytes() {
        return height * width * channels;
    }

    /**
     * Packs and converts a batch of view pairs.
     *
     * @param manager where the result lives (and its device)
     * @param first the first view of each pair, uint8 HWC
     * @param second the second view of each pair, same order
     * @return normalised float32 (2B, C, H, W) attached to {@code manager}
     */
    public synchronized NDArray assemble(NDManager manager, List<byte[]> first, List<byte[]> second) {
        // On the CPU the uint8 array aliases the staging buffer: it is closed before returning.
        try (NDArray raw = stage(manager, first, second)) {
            return normalize(raw);
        }
    }

    /**
     * The first half of {@link #assemble}: packs the views into the reused staging buffer and wraps it as one uint8
     * (2B, H, W, C) array on the manager's device (on the CPU the array aliases the buffer, so it is valid only until
     * the next call and must be closed before it).
     *
     * @param manager where the result lives (and its device)
     * @param first the first view of each pair, uint8 HWC
     * @param second the second view of each pair, same order
     * @return uint8 (2B, H, W, C) attached to {@code manager}
     */
    public synchronized NDArray stage(NDManager manager, List<byte[]> first, List<byte[]> second) {
        if (first.isEmpty() || first.size() != second.size()) {
            throw new IllegalArgumentException(
                    "batch assembler: need the same number (>= 1) of first and second views, got " + first.size()
                            + " and " + second.size());
        }
        int bytes = viewBytes();
        clearStaging(first.size() * 2);
        put(first, bytes);
        put(second, bytes);
        return wrapStaging(manager, first.size() * 2);
    }

    /**
     * Packs and converts a batch of pairs read in place from their encoded record values (one copy per view).
     *
     * @param manager where the result lives (and its device)
     * @param pairs the pairs, each of this assembler's view shape
     * @return normalised float32 (2B, C, H, W) attached to {@code manager}, ordered [first views; second views]
     */
    public synchronized NDArray assemble(NDManager manager, List<EncodedViewPair> pairs) {
        try (NDArray raw = stage(manager, pairs)) {
            return normalize(raw);
        }
    }

    /**
     * As {@link #stage(NDManager, List, List)}, from pairs read in place: each view is copied once, from its record
     * value into the staging buffer.
     *
     * @param manager where the result lives (and its device)
     * @param pairs the pairs, each of this assembler's view shape
     * @return uint8 (2B, H, W, C) attached to {@code manager}
     */
    public synchronized NDArray stage(NDManager manager, List<EncodedViewPair> pairs) {
        if (pairs.isEmpty()) {
            throw new IllegalArgumentException("batch assembler: need at least one pair");
        }
        for (int i = 0; i < pairs.size(); i++) {
            EncodedViewPair p = pairs.get(i);
            if (p.height() != height || p.width() != width || p.channels() != channels) {
                throw new IllegalArgumentException("batch assembler: pair " + i + " (" + p.imageId() + ") is "
                        + p.height() + "x" + p.width() + "x" + p.channels() + ", expected " + height + "x" + width
                        + "x" + channels);
            }
        }
        clearStaging(pairs.size() * 2);
        pairs.forEach(p -> p.putView1(staging));
        pairs.forEach(p -> p.putView2(staging));
        return wrapStaging(manager, pairs.size() * 2);
    }

    private void clearStaging(int views) {
        long bytes = (long) views * viewBytes();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "batch assembler: " + views + " views of " + viewBytes() + " bytes exceed 2 GiB");
        }
        if (staging == null || staging.capacity() < bytes) {
            staging = ByteBuffer.allocateDirect((int) bytes);
        }
        staging.clear();
    }

    private NDArray wrapStaging(NDManager manager, int views) {
        staging.flip();
        return manager.create(staging, new Shape(views, height, width, channels), DataType.UINT8);
    }

    private void put(List<byte[]> list, int bytes) {
        for (int i = 0; i < list.size(); i++) {
            byte[] view = list.get(i);
            if (view == null || view.length != bytes) {
                throw new IllegalArgumentException("batch assembler: view " + i + " has "
                        + (view == null ? "no" : String.valueOf(view.length)) + " bytes, expected "
                        + bytes + " (" + height + "x" + width + "x" + channels + ")");
            }
            staging.put(view);
        }
    }

    /**
     * Converts uint8 (N, H, W, C) to normalised float32 (N, C, H, W) on the array's device: {@code (x / 255 - mean) /
     * std}, computed as {@code x * (1 / (255 std)) - mean / std}.
     *
     * @param raw uint8 pixels, channel-last
     * @return a new contiguous NCHW array attached to {@code raw}'s manager
     */
    public NDArray normalize(NDArray raw) {
        Shape s = raw.getShape();
        if (raw.getDataType() != DataType.UINT8 || s.dimension() != 4 || s.get(3) != channels) {
            throw new IllegalArgumentException(
                    "batch assembler: expected uint8 (N, H, W, " + channels + "), got " + raw.getDataType() + s);
        }
        NDManager manager = raw.getManager();
        long n = s.get(0);
        try (NDArray a = manager.create(scale);
                NDArray b = manager.create(shift)) {
            NDArray x = raw.toType(DataType.FLOAT32, true).muli(a).subi(b);
            if (channels == 1) {
                return reshapeInto(x, new Shape(n, 1, s.get(1), s.get(2)));
            }
            // The transpose is a strided view; reshaping through (N, C*H*W) cannot be a view of it,
            // so PyTorch copies into a contiguous NCHW tensor (keeps convolutions in NCHW layout).
            try (NDArray t = x.transpose(0, 3, 1, 2);
                    NDArray flat = t.reshape(n, s.get(3) * s.get(1) * s.get(2))) {
                x.close();
                return flat.reshape(n, s.get(3), s.get(1), s.get(2));
            }
        }
    }

    private static NDArray reshapeInto(NDArray x, Shape shape) {
        try (x) {
            return x.reshape(shape);
        }
    }
}
