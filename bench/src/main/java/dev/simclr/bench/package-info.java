/**
 * The benchmarks' one entry point ({@link dev.simclr.bench.Bench}, {@code ./simclr bench}) and their shared start-up
 * code.
 */
package dev.simclr.bench;
