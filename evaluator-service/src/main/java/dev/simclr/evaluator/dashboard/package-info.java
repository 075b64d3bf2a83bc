/** What the dashboard shows besides evaluation artefacts: training progress history and samples of view pairs. */
package dev.simclr.evaluator.dashboard;
