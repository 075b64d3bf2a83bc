/** The evaluator's plain-Java core: scheduling of checkpoint events, the per-checkpoint evaluation, artefacts in S3. */
package dev.simclr.evaluator.loop;
