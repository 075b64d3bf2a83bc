/**
 * One training run's building blocks shared by the bench CLI and the trainer service: optimiser spec, session, threads,
 * throughput.
 */
package dev.simclr.model.run;
