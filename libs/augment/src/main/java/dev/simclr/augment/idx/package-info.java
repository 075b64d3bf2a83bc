/**
 * The one reader of IDX files (MNIST / Fashion-MNIST), used by the launcher's {@code import}, the evaluation library's
 * Fashion-MNIST eval set and the benches.
 */
package dev.simclr.augment.idx;
