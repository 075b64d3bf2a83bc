package dev.simclr.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.simclr.model.engine.Torch;
import dev.simclr.model.nn.NamedSequence;
import dev.simclr.model.nn.ResNets;
import dev.simclr.model.nn.TorchInit;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A SimCLR network (ResNet encoder + projection head) owned by a DJL {@link Model} on one device. Parameters live in
 * the model's {@link NDManager}; {@link #close()} frees them.
 */
public final class SimClrModel implements AutoCloseable {

    private final ModelConfig config;
    private final Model model;
    private final NamedSequence network;
    private final NamedSequence encoder;
    private final NamedSequence head;
    private final ParameterStore parameterStore;
    private final long seed;

    private SimClrModel(ModelConfig config, Model model, NamedSequence network, long seed) {
        this.config = config;
        this.seed = seed;
        this.model = model;
        this.network = network;
        this.encoder = (NamedSequence) network.child(ResNets.ENCODER);
        this.head = (NamedSequence) network.child(ResNets.HEAD);
        this.parameterStore = new ParameterStore(model.getNDManager(), false);
    }

    /**
     * Builds and initialises a network (torchvision-style init, reproducible from {@code seed}).
     *
     * @param config the model config
     * @param device where parameters and computation live
     * @param seed initialisation seed
     * @return the model; close it to free native memory
     */
    public static SimClrModel create(ModelConfig config, Device device, long seed) {
        if (device.isGpu()) {
            Torch.engine();
        } else {
            Torch.capOneDnnIsaForTraining(config.arch().bottleneck());
            Torch.engine();
        }
        Model model = Model.newInstance("simclr-" + config.arch().id(), device, Torch.ENGINE);
        try {
            NamedSequence network = ResNets.network(config);
            model.setBlock(network);
            network.initialize(
                    model.getNDManager(),
                    DataType.FLOAT32,
                    new Shape(2, config.channels(), config.inputSize(), config.inputSize()));
            TorchInit.apply(network, seed, config.zeroInitResidual());
            return new SimClrModel(config, model, network, seed);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Returns the config this model was built from. */
    public ModelConfig config() {
        return config;
    }

    /** Returns the initialisation seed. */
    public long seed() {
        return seed;
    }

    /** Returns the device holding the parameters. */
    public Device device() {
        return model.getNDManager().getDevice();
    }

    /** Returns the manager owning the parameters; per-step work should use a sub-manager of it. */
    public NDManager manager() {
        return model.getNDManager();
    }

    /** Returns the wrapped DJL model. */
    public Model djlModel() {
        return model;
    }

    /** Returns the whole network (children {@code encoder}, {@code head}). */
    public NamedSequence network() {
        return network;
    }

    /** Returns the encoder block (what the ONNX exporter and the evaluator use). */
    public NamedSequence encoder() {
        return encoder;
    }

    /** Returns the projection head block. */
    public NamedSequence head() {
        return head;
    }

    /** Returns the parameter store used for forward passes (no copies, parameters as they are). */
    public ParameterStore parameterStore() {
        return parameterStore;
    }

    /** Returns the number of trainable encoder scalars (PyTorch's count, BN buffers excluded). */
    public long encoderParameterCount() {
        return ResNets.trainableParameterCount(encoder);
    }

    /** Returns the number of trainable scalars of encoder + head. */
    public long parameterCount() {
        return ResNets.trainableParameterCount(network);
    }

    /**
     * Computes encoder features in inference mode: BatchNorm uses running statistics, no autograd graph is recorded.
     * The result is attached to {@code images}' manager.
     *
     * @param images normalised float images (N, C, H, W) on this model's device
     * @return features (N, featureDim)
     */
    public NDArray embed(NDArray images) {
        checkImages(images);
        return Torch.noGrad(
                () -> encoder.forward(parameterStore, new NDList(images), false).singletonOrThrow());
    }

    /**
     * Training-mode forward through encoder and head (BatchNorm uses batch statistics and updates its running
     * statistics). Records the autograd graph inside a gradient collector.
     *
     * @param views normalised float views (2B, C, H, W)
     * @return projections (2B, projectionDim), attached to {@code views}' manager
     */
    public NDArray project(NDArray views) {
        checkImages(views);
        return network.forward(parameterStore, new NDList(views), true).singletonOrThrow();
    }

    private void checkImages(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != config.channels()) {
            throw new IllegalArgumentException("expected images (N, " + config.channels() + ", H, W), got " + s);
        }
        if (!images.getDevice().equals(device())) {
            throw new IllegalArgumentException("images on " + images.getDevice() + ", model on " + device());
        }
    }

    /** Serialises all parameters and BN running statistics in DJL's block format. */
    public byte[] saveParameters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            network.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("saving parameters failed: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * Replaces all parameters with ones saved by {@link #saveParameters()} from a model of the same config. The data is
     * first read into a scratch copy of the network and checked parameter by parameter (DJL itself does not check
     * shapes), then copied in place, so a failed load leaves this model unchanged.
     *
     * @param data the saved parameters
     * @throws IllegalArgumentException if the data does not fit this network
     */
    public void loadParameters(byte[] data) {
        NamedSequence scratch = ResNets.network(config);
        try (NDManager loading = manager().newSubManager()) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
                scratch.loadParameters(loading, in);
                if (in.read() != -1) {
                    throw new IllegalArgumentException("trailing bytes after the network's parameters");
                }
            } catch (IOException | MalformedModelException | RuntimeException e) {
                throw new IllegalArgumentException(
                        "parameters do not fit this " + config.arch().id() + " network: " + e.getMessage(), e);
            }
            var ours = network.getParameters();
            var theirs = scratch.getParameters();
            for (int i = 0; i < ours.size(); i++) {
                NDArray target = ours.valueAt(i).getArray();
                NDArray source = theirs.valueAt(i).getArray();
                if (!target.getShape().equals(source.getShape()) || target.getDataType() != source.getDataType()) {
                    throw new IllegalArgumentException(
                            "parameters do not fit this " + config.arch().id()
                                    + " network: " + ours.keyAt(i) + " is " + target.getDataType() + target.getShape()
                                    + ", saved " + source.getDataType() + source.getShape());
                }
            }
            Torch.noGrad(() -> {
                for (int i = 0; i < ours.size(); i++) {
                    theirs.valueAt(i).getArray().copyTo(ours.valueAt(i).getArray());
                }
                return null;
            });
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
