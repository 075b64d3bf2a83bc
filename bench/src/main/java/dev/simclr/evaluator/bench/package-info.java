/**
 * Bench CLIs: the evaluator's full per-checkpoint pipeline without Kafka or S3 (EvaluatorBench), embedding speed
 * (EmbedBench).
 */
package dev.simclr.evaluator.bench;
