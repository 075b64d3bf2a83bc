/** Local infrastructure for tests and demos: embedded Kafka (KRaft), embedded S3 (s3proxy), Quarkus test resources. */
package dev.simclr.localstack;
