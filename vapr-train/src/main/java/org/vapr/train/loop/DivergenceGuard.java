package org.vapr.train.loop;

/** Stops training when a step's loss or gradient norm is NaN or infinite, before the update applies it. */
public final class DivergenceGuard implements TrainingListener {
    @Override
    public void onGradients(StepGradients step) {
        if (!Double.isFinite(step.loss())) {
            throw new TrainingDivergedException(step.step(), "the loss", step.loss());
        }
        if (!Double.isFinite(step.gradNorm())) {
            throw new TrainingDivergedException(step.step(), "the gradient norm", step.gradNorm());
        }
    }
}
