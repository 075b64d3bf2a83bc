package dev.simclr.model.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;

/**
 * A sequential block whose children carry explicit names ({@code conv1}, {@code bn1}, ...).
 *
 * <p>DJL stores each child as {@code "%02d" + name} (e.g. {@code 01conv1}), so both the order and the role of every
 * layer can be recovered by walking {@link #getChildren()}; parameter paths read like
 * {@code 02layer1_01block1_01main_01conv1_weight}.
 */
public final class NamedSequence extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Creates an empty sequence. */
    public NamedSequence() {
        super(VERSION);
    }

    /**
     * Appends a child block.
     *
     * @param name the role of the child, unique within this sequence
     * @param block the child
     * @return this sequence
     */
    public NamedSequence add(String name, Block block) {
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException(
                    "child name must be letters and digits starting with a letter, got '" + name + "'");
        }
        if (names().contains(name)) {
            throw new IllegalArgumentException("duplicate child name '" + name + "'");
        }
        addChildBlock(name, block);
        return this;
    }

    /** Returns the children's names in order, without DJL's numeric prefix. */
    public List<String> names() {
        return children.keys().stream().map(NamedSequence::strip).toList();
    }

    private static String strip(String key) {
        return key.replaceFirst("^\\d+", "");
    }

    /**
     * Returns the child with the given name (without DJL's numeric prefix).
     *
     * @param name the name given to {@link #add}
     * @return the child block
     * @throws IllegalArgumentException if there is no such child
     */
    public Block child(String name) {
        for (var child : children) {
            if (strip(child.getKey()).equals(name)) {
                return child.getValue();
            }
        }
        throw new IllegalArgumentException("no child named '" + name + "' in " + names());
    }

    /** Returns the number of children. */
    public int size() {
        return children.size();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList current = inputs;
        for (Block block : children.values()) {
            current = block.forward(parameterStore, current, training, params);
        }
        return current;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block block : children.values()) {
            block.initialize(manager, dataType, shapes);
            shapes = block.getOutputShapes(shapes);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] shapes = inputShapes;
        for (Block block : children.values()) {
            shapes = block.getOutputShapes(shapes);
        }
        return shapes;
    }
}
