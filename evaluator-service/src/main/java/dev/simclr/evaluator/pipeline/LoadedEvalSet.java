package dev.simclr.evaluator.pipeline;

import dev.simclr.evaluation.data.EvalSet;
import dev.simclr.augment.resize.ResizeMode;

/**
 * An eval set ready for one model input.
 *
 * @param set the (possibly limited) eval set
 * @param label what {@code EvalResult.evalSet} says, e.g. {@code fashion-mnist} or {@code
 *     fashion-mnist[train=500,test=200]} when max train/test samples cut it
 * @param mode how images were fitted to the input
 */
public record LoadedEvalSet(EvalSet set, String label, ResizeMode mode) {}
