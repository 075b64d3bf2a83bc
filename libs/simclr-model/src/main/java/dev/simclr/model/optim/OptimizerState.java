package dev.simclr.model.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binary form of an optimiser's state. Layout (big-endian): magic {@code "SCOPT"} · version u8 = 1 · algorithm (UTF) ·
 * step i64 · buffer count i32 · per buffer: parameter path (UTF), length i32, DJL {@link NDArray#encode()} bytes.
 */
public final class OptimizerState {

    private static final byte[] MAGIC = {'S', 'C', 'O', 'P', 'T'};
    private static final int VERSION = 1;

    private OptimizerState() {}

    static byte[] save(SimClrOptimizer optimizer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeUTF(optimizer.algorithm());
            out.writeLong(optimizer.stepCount());
            Map<String, NDArray> buffers = optimizer.buffers();
            out.writeInt(buffers.size());
            for (var e : buffers.entrySet()) {
                byte[] encoded = e.getValue().encode();
                out.writeUTF(e.getKey());
                out.writeInt(encoded.length);
                out.write(encoded);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("saving optimizer state failed: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    static void load(SimClrOptimizer optimizer, byte[] data) {
        NDManager manager = optimizer.stateManager();
        Map<String, Parameter> params = optimizer.parametersByName();
        Map<String, NDArray> restored = new LinkedHashMap<>();
        long step;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new IllegalArgumentException("optimizer state: bad magic");
            }
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("optimizer state: unknown version " + version);
            }
            String algorithm = in.readUTF();
            if (!algorithm.equals(optimizer.algorithm())) {
                throw new IllegalArgumentException(
                        "optimizer state: saved by " + algorithm + ", cannot load into " + optimizer.algorithm());
            }
            step = in.readLong();
            int count = in.readInt();
            if (step < 0 || count < 0 || count > params.size()) {
                throw new IllegalArgumentException("optimizer state: bad step " + step + " or buffer count " + count);
            }
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                Parameter p = params.get(name);
                if (p == null) {
                    throw new IllegalArgumentException("optimizer state: unknown parameter '" + name + "'");
                }
                NDArray array = NDArray.decode(manager, encoded);
                restored.put(name, array);
                if (!array.getShape().equals(p.getArray().getShape())
                        || array.getDataType() != p.getArray().getDataType()) {
                    throw new IllegalArgumentException("optimizer state: '" + name + "' is "
                            + array.getDataType() + array.getShape() + ", parameter is "
                            + p.getArray().getDataType() + p.getArray().getShape());
                }
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("optimizer state: trailing bytes");
            }
        } catch (IOException | RuntimeException e) {
            restored.values().forEach(NDArray::close);
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("optimizer state: unreadable (" + e.getMessage() + ")", e);
        }
        Map<String, NDArray> buffers = optimizer.buffers();
        buffers.values().forEach(NDArray::close);
        buffers.clear();
        buffers.putAll(restored);
        optimizer.restoreStep(step);
    }
}
