/** Kafka clients of the CLI: pushing image refs, reading results and progress records, offsets and lag. */
package dev.simclr.launcher.kafka;
