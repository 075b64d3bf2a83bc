/** Quarkus wiring of the trainer: start/stop on application events, health checks, S3 config. */
package dev.simclr.trainer.service;
