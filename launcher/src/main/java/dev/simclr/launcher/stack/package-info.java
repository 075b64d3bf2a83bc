/** The local stack: data directory layout, embedded Kafka + S3, the services as guarded child JVMs, stack.json. */
package dev.simclr.launcher.stack;
