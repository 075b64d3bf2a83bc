/**
 * Bench CLIs: training-step throughput on synthetic data (StepBench) and end-to-end training from Fashion-MNIST
 * (TrainBench).
 */
package dev.simclr.model.bench;
