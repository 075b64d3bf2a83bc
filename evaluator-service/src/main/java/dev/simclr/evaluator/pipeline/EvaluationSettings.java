package dev.simclr.evaluator.pipeline;

import ai.djl.Device;
import dev.simclr.onnx.OnnxDevice;

/**
 * How checkpoints are evaluated.
 *
 * @param device where DJL runs the encoder and the protocol
 * @param batchSize images per feature-extraction batch
 * @param parityImages test images run through ONNX Runtime and compared with DJL (at least 1)
 * @param parityTolerance largest accepted max |feature difference| as a fraction of max(1, largest |feature|)
 * @param onnxThreads ONNX Runtime intra-op threads (0 = its default)
 * @param embeddingPoints largest number of test points in {@code embedding.json}
 * @param referenceSeed initialisation seed of the random-init reference encoder
 * @param onnxDevice where ONNX Runtime runs the parity check (auto, cpu, cuda:N)
 */
public record EvaluationSettings(Device device, int batchSize, int parityImages, double parityTolerance,
    int onnxThreads, int embeddingPoints, long referenceSeed, OnnxDevice onnxDevice) {

  /** Validates the values. */
  public EvaluationSettings {
    if (device == null || onnxDevice == null) {
      throw new IllegalArgumentException("device and ONNX device are required");
    }
    if (batchSize < 1 || parityImages < 1 || embeddingPoints < 1 || onnxThreads < 0) {
      throw new IllegalArgumentException("batch size, parity images and embedding points must be >= 1 and ONNX "
          + "threads >= 0, got " + batchSize + ", " + parityImages + ", " + embeddingPoints + ", " + onnxThreads);
    }
    if (!(parityTolerance >= 0) || Double.isInfinite(parityTolerance)) {
      throw new IllegalArgumentException("parity tolerance must be a finite value >= 0, got " + parityTolerance);
    }
  }
}
