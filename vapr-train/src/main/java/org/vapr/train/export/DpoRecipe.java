package org.vapr.train.export;

/**
 * The DPO + LoRA hyper-parameters of one training run, engine-neutral. {@link #of} fills them with the VaPR
 * paper's values: LoRA rank 128 and alpha 256 on all language-model linear layers, sigmoid DPO loss with beta 0.1,
 * learning rate 1e-6 on a cosine schedule, 5 epochs, an effective batch of 32, warm-up 0.03 (LLaVA) or 0.1
 * (Qwen2-VL, Qwen2.5-VL), sequences cut at 2048 tokens, bf16.
 *
 * @param gpus number of GPUs (data-parallel processes)
 * @param perDeviceBatch per-device train batch size
 * @param gradientAccumulation gradient accumulation steps; perDeviceBatch × this × gpus = effectiveBatch
 * @param effectiveBatch pairs per optimizer step
 * @param epochs training epochs
 * @param learningRate peak learning rate
 * @param lrScheduler scheduler name (transformers' {@code lr_scheduler_type})
 * @param warmupRatio share of steps spent warming up
 * @param beta DPO beta
 * @param lossType DPO loss ({@code sigmoid} is the DPO paper's)
 * @param loraRank LoRA rank
 * @param loraAlpha LoRA alpha
 * @param loraDropout LoRA dropout
 * @param maxLength token cut-off of prompt plus answer
 * @param loggingSteps steps between log lines
 * @param saveSteps steps between checkpoints
 * @param seed training seed
 */
public record DpoRecipe(int gpus, int perDeviceBatch, int gradientAccumulation, int effectiveBatch, double epochs,
                        double learningRate, String lrScheduler, double warmupRatio, double beta, String lossType,
                        int loraRank, int loraAlpha, double loraDropout, int maxLength, int loggingSteps,
                        int saveSteps, long seed) {
    /** The paper's effective batch. */
    public static final int PAPER_EFFECTIVE_BATCH = 32;

    public DpoRecipe {
        positive("gpus", gpus);
        positive("per-device batch", perDeviceBatch);
        positive("gradient accumulation", gradientAccumulation);
        positive("LoRA rank", loraRank);
        positive("LoRA alpha", loraAlpha);
        positive("max length", maxLength);
        if ((long) perDeviceBatch * gradientAccumulation * gpus != effectiveBatch) {
            throw new IllegalArgumentException("per-device batch " + perDeviceBatch + " x gradient accumulation "
                    + gradientAccumulation + " x " + gpus + " GPUs != effective batch " + effectiveBatch);
        }
        if (!(epochs > 0) || !(learningRate > 0) || !(beta > 0)) {
            throw new IllegalArgumentException("epochs, learning rate and beta must be > 0");
        }
        if (!(warmupRatio >= 0 && warmupRatio < 1)) {
            throw new IllegalArgumentException("warm-up ratio must be in [0, 1), got " + warmupRatio);
        }
    }

    private static void positive(String what, int v) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be > 0, got " + v);
        }
    }

    /**
     * The paper's recipe for a checkpoint on {@code gpus} GPUs, with the overrides applied. The per-device batch
     * defaults to 2 (1 from 13B up), lowered when that would exceed the effective batch; the gradient accumulation
     * makes up the rest. {@link IllegalArgumentException} when the effective batch does not split evenly.
     */
    public static DpoRecipe of(BaseCheckpoint checkpoint, int gpus, RecipeOverrides overrides, long seed) {
        RecipeOverrides o = overrides == null ? RecipeOverrides.none() : overrides;
        positive("gpus", gpus);
        int effective = o.effectiveBatch() != null ? o.effectiveBatch() : PAPER_EFFECTIVE_BATCH;
        positive("effective batch", effective);
        if (effective % gpus != 0) {
            throw new IllegalArgumentException("effective batch " + effective + " does not split evenly over " + gpus + " GPUs");
        }
        int perGpu = effective / gpus;
        int perDevice;
        if (o.perDeviceBatch() != null) {
            perDevice = o.perDeviceBatch();
            positive("per-device batch", perDevice);
            if (perGpu % perDevice != 0) {
                throw new IllegalArgumentException("per-device batch " + perDevice + " does not divide effective batch "
                        + effective + " / " + gpus + " GPUs = " + perGpu);
            }
        } else {
            perDevice = Math.min(checkpoint.billionParameters() >= 13 ? 1 : 2, perGpu);
            while (perGpu % perDevice != 0) {
                perDevice--;
            }
        }
        int rank = o.loraRank() != null ? o.loraRank() : 128;
        int alpha = o.loraAlpha() != null ? o.loraAlpha() : (o.loraRank() != null ? 2 * rank : 256);
        return new DpoRecipe(gpus, perDevice, perGpu / perDevice, effective,
                o.epochs() != null ? o.epochs() : 5.0,
                o.learningRate() != null ? o.learningRate() : 1e-6,
                "cosine",
                o.warmupRatio() != null ? o.warmupRatio() : checkpoint.family().warmupRatio(),
                o.beta() != null ? o.beta() : 0.1,
                "sigmoid", rank, alpha, 0.05,
                o.maxLength() != null ? o.maxLength() : 2048,
                10, 500, seed);
    }
}
