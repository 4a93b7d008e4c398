package org.vapr.train.loop;

/**
 * One optimizer step after backward and before the update.
 *
 * @param step         1-based optimizer step
 * @param loss         the step's loss (mean over its micro-batches)
 * @param gradNorm     the global gradient norm before clipping
 * @param learningRate the learning rate this step uses
 */
public record StepGradients(long step, double loss, double gradNorm, double learningRate) {
}
