/** Quarkus wiring of the trainer: typed config, start/stop on application events, health checks. */
package dev.simclr.trainer.service;
