package org.vapr.train.loop;

/**
 * AdamW's hyperparameters (PyTorch and Hugging Face defaults: β1 0.9, β2 0.999, ε 1e-8; Hugging Face's weight decay
 * default is 0).
 */
public record AdamWSettings(double beta1, double beta2, double epsilon, double weightDecay) {
    public AdamWSettings {
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("AdamW betas must be in [0, 1)");
        }
        if (!(epsilon > 0) || !(weightDecay >= 0)) {
            throw new IllegalArgumentException("AdamW epsilon must be positive and weight decay zero or positive");
        }
    }

    /** β1 0.9, β2 0.999, ε 1e-8, no weight decay. */
    public static AdamWSettings defaults() {
        return new AdamWSettings(0.9, 0.999, 1e-8, 0.0);
    }
}
