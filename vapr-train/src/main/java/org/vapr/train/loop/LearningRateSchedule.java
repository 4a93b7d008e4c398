package org.vapr.train.loop;

/**
 * The learning rate at each optimizer step, as Hugging Face's {@code get_*_schedule_with_warmup}: linear warmup from 0
 * over {@code warmupSteps}, then cosine, linear or no decay to the last step.
 *
 * @param peak        the learning rate after warmup
 * @param warmupSteps warmup steps ({@code ceil(warmup_ratio × total)})
 * @param totalSteps  all optimizer steps of the run
 * @param shape       the decay after warmup
 */
public record LearningRateSchedule(double peak, long warmupSteps, long totalSteps, ScheduleShape shape) {

    /** The schedule for a warmup ratio, as Hugging Face computes the warmup steps. */
    public static LearningRateSchedule of(double peak, double warmupRatio, long totalSteps, ScheduleShape shape) {
        return new LearningRateSchedule(peak, (long) Math.ceil(warmupRatio * totalSteps), totalSteps, shape);
    }

    /** The learning rate of 0-based step {@code step}. */
    public double at(long step) {
        if (step < warmupSteps) {
            return peak * step / Math.max(1, warmupSteps);
        }
        double decaySteps = Math.max(1, totalSteps - warmupSteps);
        double progress = (step - warmupSteps) / decaySteps;
        return switch (shape) {
            case CONSTANT -> peak;
            case LINEAR -> peak * Math.max(0, (totalSteps - step) / decaySteps);
            case COSINE -> peak * Math.max(0, 0.5 * (1 + Math.cos(Math.PI * progress)));
        };
    }
}
