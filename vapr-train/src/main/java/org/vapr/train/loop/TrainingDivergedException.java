package org.vapr.train.loop;

/** Training stopped because the loss or the gradient norm became NaN or infinite. */
public final class TrainingDivergedException extends RuntimeException {
    private final long step;

    public TrainingDivergedException(long step, String what, double value) {
        super("training diverged at step " + step + ": " + what + " is " + value
                + " (lower the learning rate, or resume from an earlier checkpoint)");
        this.step = step;
    }

    /** The 1-based step whose loss or gradient was not finite. */
    public long step() {
        return step;
    }
}
