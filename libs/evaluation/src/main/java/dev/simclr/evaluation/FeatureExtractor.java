package dev.simclr.evaluation;

import ai.djl.ndarray.NDArray;

/**
 * The plug for a model: turns a batch of normalised images into features (the encoder output before the projection
 * head). {@link FeatureExtraction} builds the input from uint8 eval-set images — {@code float32 (N, C, H, W)},
 * {@code (pixel / 255 - mean[c]) / std[c]} with {@link #inputSpec()}'s values, on the protocol's device — and expects
 * {@code (N, D)} back.
 *
 * <p>Implementations run inference only (no gradient, eval-mode batch norm), and should create their outputs in
 * {@code images.getManager()} (what DJL blocks do), which is closed after each batch.
 */
public interface FeatureExtractor {

    /** Input size and normalisation of the model. */
    InputSpec inputSpec();

    /**
     * Embeds one batch.
     *
     * @param images float32 {@code (N, C, H, W)}, normalised
     * @return float features {@code (N, D)}, D fixed for the extractor
     */
    NDArray embed(NDArray images);
}
