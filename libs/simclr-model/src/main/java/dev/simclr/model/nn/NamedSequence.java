package dev.simclr.model.nn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A sequential block whose children carry explicit names ({@code conv1}, {@code bn1}, ...).
 *
 * <p>DJL stores each child as {@code "%02d" + name} (e.g. {@code 01conv1}), so both the order and
 * the role of every layer can be recovered by walking {@link #getChildren()}; parameter paths
 * read like {@code 02layer1_01block1_01main_01conv1_weight}.
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
        for (var child : children) {
            if (child.getKey().substring(2).equals(name)) {
                throw new IllegalArgumentException("duplicate child name '" + name + "'");
            }
        }
        addChildBlock(name, block);
        return this;
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
            if (child.getKey().substring(2).equals(name)) {
                return child.getValue();
            }
        }
        throw new IllegalArgumentException("no child named '" + name + "' in " + children.keys());
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
