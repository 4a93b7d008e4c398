package org.vapr.train.loop;

/**
 * Work around the loop (metrics file, progress bar, divergence guard, checkpoints), called in the order listed. A
 * listener may stop training by throwing.
 */
public interface TrainingListener {

    /** Before the first step (of this process: after a resume, the next step is {@code loop.completedSteps() + 1}). */
    default void onStart(TrainingLoop loop) {
    }

    /** After backward, before clipping and the optimizer update. */
    default void onGradients(StepGradients step) {
    }

    /** A logging step's window averages. */
    default void onLog(LoggedMetrics metrics) {
    }

    /** An epoch-end evaluation. */
    default void onEvaluation(LoggedMetrics metrics) {
    }

    /** After everything of a step is done (logging and any evaluation): a consistent point to checkpoint. */
    default void afterStep(TrainingLoop loop, long step) {
    }

    /** When the loop ends, after the last step or because of an exception ({@code completed} false). */
    default void onFinish(TrainingLoop loop, boolean completed) {
    }
}
