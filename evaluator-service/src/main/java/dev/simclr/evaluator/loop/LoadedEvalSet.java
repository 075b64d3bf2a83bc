package dev.simclr.evaluator.loop;

import dev.simclr.augment.resize.ResizeMode;
import dev.simclr.evaluation.data.EvalSet;
import dev.simclr.evaluation.data.LabelledImages;
import java.util.List;

/**
 * The evaluation data for one model input.
 *
 * @param set the (possibly limited) labelled eval set
 * @param label what {@code EvalResult.evalSet} says, e.g. {@code fashion-mnist} or
 *     {@code fashion-mnist[train=500,test=200]} when max train/test samples cut it
 * @param mode how images were fitted to the input (the checkpoint's canvas)
 * @param labelFree the held-out sample of the label-free measures, or null when they are off
 * @param mismatch how the run's images differ from {@code set} (empty when they do not, or it is unknown)
 */
public record LoadedEvalSet(EvalSet set, String label, ResizeMode mode, LabelFree labelFree, List<String> mismatch) {

    /** Copies the mismatch lines. */
    public LoadedEvalSet {
        mismatch = List.copyOf(mismatch);
    }

    /**
     * Held-out images for alignment and uniformity.
     *
     * @param name where they come from (becomes {@code EvalResult.labelFreeSet})
     * @param images at least 2, fitted to the model input
     */
    public record LabelFree(String name, LabelledImages images) {}
}
