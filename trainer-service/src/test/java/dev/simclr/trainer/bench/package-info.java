/** Benchmarks of the trainer's intake (test scope, run by {@code trainer-service/bench/intake-bench.sh}). */
package dev.simclr.trainer.bench;
