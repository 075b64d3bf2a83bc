/**
 * The {@code kafka.*} client settings (env {@code KAFKA_*}) of every service and CLI: collection, protected keys,
 * masking, start-up check.
 */
package dev.simclr.kafka;
