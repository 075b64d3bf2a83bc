/**
 * evaluator-service: Quarkus adapters (Kafka channels, configuration, metrics, health, read API) around the evaluation
 * pipeline.
 */
package dev.simclr.evaluator.service;
