/** Quarkus wiring of the augmenter: start/stop of the loop, health checks. */
package dev.simclr.augmenter.service;
