/**
 * Benchmarks: the augmentation policy against the torchvision anchor (./simclr bench augment; bench/compare/augment.sh
 * adds the anchor), the epoch cache against the LRU (./simclr bench cache).
 */
package dev.simclr.augment.bench;
