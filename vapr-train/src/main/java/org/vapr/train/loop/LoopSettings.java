package org.vapr.train.loop;

/**
 * The loop's settings.
 *
 * @param epochs          passes over the data
 * @param microBatch      examples per forward pass
 * @param gradAccum       micro-batches per optimizer step (effective batch = micro-batch × accumulation)
 * @param learningRate    peak learning rate
 * @param warmupRatio     share of the steps spent warming up
 * @param schedule        decay after warmup
 * @param maxGradNorm     clip the global gradient norm to this (0: no clipping)
 * @param adamW           optimizer hyperparameters
 * @param seed            data order and engine RNG seed
 * @param logEvery        log the window averages every this many steps (and at the last step)
 * @param checkpointEvery write a checkpoint every this many steps (0: none)
 * @param groupByLength   batch examples of similar length together (as Hugging Face's {@code group_by_length}): each
 *                        epoch's permutation is cut into mega-batches of 50 micro-batches, each sorted by length, and
 *                        the resulting micro-batches are shuffled; less padding, the same examples per epoch
 */
public record LoopSettings(int epochs, int microBatch, int gradAccum, double learningRate, double warmupRatio,
                           ScheduleShape schedule, double maxGradNorm, AdamWSettings adamW, long seed, int logEvery,
                           int checkpointEvery, boolean groupByLength) {
    /** Micro-batches per mega-batch when grouping by length (Hugging Face's sampler uses 50 as well). */
    public static final int MEGA_BATCH = 50;

    /** Settings without length grouping. */
    public LoopSettings(int epochs, int microBatch, int gradAccum, double learningRate, double warmupRatio,
                        ScheduleShape schedule, double maxGradNorm, AdamWSettings adamW, long seed, int logEvery,
                        int checkpointEvery) {
        this(epochs, microBatch, gradAccum, learningRate, warmupRatio, schedule, maxGradNorm, adamW, seed, logEvery,
                checkpointEvery, false);
    }

    public LoopSettings {
        if (epochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1, not " + epochs);
        }
        if (microBatch < 1) {
            throw new IllegalArgumentException("--batch-size must be at least 1, not " + microBatch);
        }
        if (gradAccum < 1) {
            throw new IllegalArgumentException("--grad-accum must be at least 1, not " + gradAccum);
        }
        if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
            throw new IllegalArgumentException("--lr must be a positive number, not " + learningRate);
        }
        if (!(warmupRatio >= 0 && warmupRatio <= 1)) {
            throw new IllegalArgumentException("--warmup-ratio must be in [0, 1], not " + warmupRatio);
        }
        if (!(maxGradNorm >= 0)) {
            throw new IllegalArgumentException("--max-grad-norm must be zero or positive, not " + maxGradNorm);
        }
        if (logEvery < 1) {
            throw new IllegalArgumentException("--log-every must be at least 1, not " + logEvery);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("--checkpoint-every must be zero or positive, not " + checkpointEvery);
        }
        if (schedule == null || adamW == null) {
            throw new IllegalArgumentException("schedule and optimizer settings must be given");
        }
    }

    /** Examples per optimizer step. */
    public int effectiveBatch() {
        return microBatch * gradAccum;
    }
}
