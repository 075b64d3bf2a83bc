/**
 * Local infrastructure that runs for real on one machine (the launcher's {@code simclr up} and {@code demo}, tests,
 * benchmarks): embedded Kafka (KRaft, optionally SASL_SSL + SCRAM + ACLs), embedded S3 (s3proxy as a guarded child
 * JVM), topic admin, TLS material and file helpers. The Quarkus test resources, the Testcontainers variants and the
 * tests' choice between them live in libs/test-support ({@code dev.simclr.testsupport}).
 */
package dev.simclr.localstack;
