/**
 * Test support (test scope only): the Quarkus test resources ({@link dev.simclr.testsupport.KafkaTestResource},
 * {@link dev.simclr.testsupport.S3TestResource}), the Testcontainers variants of Kafka and S3, and
 * {@link dev.simclr.testsupport.LocalInfra}, which chooses between them and libs/local-stack's embedded servers.
 */
package dev.simclr.testsupport;
