package org.vapr.train.model;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A causal vision-language model as the training loops see it: images and token ids in, next-token logits out,
 * with named parameters and switchable LoRA adapters. The synthetic world's small model implements it; the SFT
 * and DPO objectives, the optimizer and the checkpoints only use this contract.
 */
public interface CausalVlm {

    /**
     * The parameters the optimizer updates, in a stable order, named as in the safetensors checkpoint. With LoRA on
     * these are only the adapter factors; otherwise every weight.
     */
    Map<String, NDArray> trainableParameters();

    /** Every parameter (frozen ones included), in a stable order, named as in the safetensors checkpoint. */
    Map<String, NDArray> parameters();

    /**
     * Next-token logits for the text positions of a padded block of rows.
     *
     * @param pixels   {@code [B, 3, H, W]} float32 images, already normalised
     * @param tokens   {@code [B, T]} int32 token ids, right-padded
     * @param training {@code true} to apply dropout (LoRA dropout included)
     * @return {@code [B, T, V]} float32 logits; {@code logits[b, t]} scores the token at {@code t + 1}. The
     *         array belongs to the manager of {@code tokens}
     */
    NDArray logits(NDArray pixels, NDArray tokens, boolean training);

    /**
     * Turns the LoRA adapters on or off; off gives the frozen base model (DPO's reference when LoRA is used).
     * Without adapters this does nothing.
     */
    void setAdaptersEnabled(boolean enabled);

    /** Whether LoRA adapters are attached. */
    boolean hasAdapters();
}
