/** Bench CLI: times the evaluation protocol on Fashion-MNIST features, side by side with the torch anchor. */
package dev.simclr.evaluation.bench;
