/** A bench CLI that runs the evaluator's full per-checkpoint pipeline without Kafka or S3. */
package dev.simclr.evaluator.bench;
