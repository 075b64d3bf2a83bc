/**
 * What the CLI prints about a run, whatever it reads it from: one-line evaluation results and training progress
 * ({@link dev.simclr.launcher.report.EvalLines}), the evaluator's metric descriptions
 * ({@link dev.simclr.launcher.report.MetricCatalog}) and the services' Prometheus text
 * ({@link dev.simclr.launcher.report.PrometheusText}). Reading Kafka is {@code launcher.kafka}'s job.
 */
package dev.simclr.launcher.report;
