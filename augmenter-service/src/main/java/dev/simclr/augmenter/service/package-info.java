/** Quarkus wiring of the augmenter: typed configuration, start/stop of the loop, health checks. */
package dev.simclr.augmenter.service;
