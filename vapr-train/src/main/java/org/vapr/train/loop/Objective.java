package org.vapr.train.loop;

import ai.djl.ndarray.NDManager;

/** What the loop minimises: a loss over a micro-batch of examples, with the metrics TRL logs for it. */
public interface Objective {

    /** The number of training examples (rows for SFT, pairs for DPO). */
    int size();

    /**
     * Computes the micro-batch's loss (a scalar, differentiable) and its metrics.
     *
     * @param manager  the step's child manager; every array goes there
     * @param examples example indices, in order
     * @param training {@code true} in a training step (dropout on)
     */
    MicroBatchResult forward(NDManager manager, int[] examples, boolean training);

    /**
     * The length of example {@code example} in tokens (the longer side of a pair), used to group examples of
     * similar length into the same micro-batch; the default (every example the same) disables the grouping.
     */
    default int length(int example) {
        return 1;
    }

    /** What the objective optimises, for the checkpoint fingerprint (a resume must not change it). */
    default String describe() {
        return getClass().getSimpleName();
    }
}
