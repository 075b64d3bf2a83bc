/** Benchmarks: the augmentation policy against the torchvision anchor (bench.sh), the epoch cache against the LRU (cache-bench.sh). */
package dev.simclr.augment.bench;
