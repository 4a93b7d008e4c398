package org.vapr.train.export;

/**
 * Values the user sets instead of the paper's; {@code null} keeps the paper's value. See {@link DpoRecipe}.
 *
 * @param epochs number of training epochs
 * @param learningRate peak learning rate
 * @param beta DPO beta
 * @param loraRank LoRA rank
 * @param loraAlpha LoRA alpha
 * @param warmupRatio share of steps spent warming up
 * @param effectiveBatch per-device batch × gradient accumulation × GPUs
 * @param perDeviceBatch per-device train batch size
 * @param maxLength token cut-off of prompt plus answer
 */
public record RecipeOverrides(Double epochs, Double learningRate, Double beta, Integer loraRank, Integer loraAlpha,
                              Double warmupRatio, Integer effectiveBatch, Integer perDeviceBatch, Integer maxLength) {
    /** No overrides: the paper's recipe. */
    public static RecipeOverrides none() {
        return new RecipeOverrides(null, null, null, null, null, null, null, null, null);
    }
}
