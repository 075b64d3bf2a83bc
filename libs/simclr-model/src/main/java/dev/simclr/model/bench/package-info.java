/** Bench CLI: training-step throughput on synthetic data, compared with PyTorch by bench.sh. */
package dev.simclr.model.bench;
