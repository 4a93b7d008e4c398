package org.vapr.train.export;

import java.nio.file.Path;

/**
 * Everything the engine writers need, resolved: absolute output and run directories, the recipe and the checked
 * dataset directory.
 */
record ExportPlan(ExportRequest request, DpoRecipe recipe, PreferenceDatasetDir dataset, Path out, Path runDir) {
    BaseCheckpoint checkpoint() {
        return request.checkpoint();
    }

    long stepsPerEpoch() {
        return (dataset.pairs() + recipe.effectiveBatch() - 1) / recipe.effectiveBatch();
    }

    long totalSteps() {
        return (long) Math.ceil(stepsPerEpoch() * recipe.epochs());
    }

    /** A Markdown table describing the recipe, shared by both READMEs. */
    String recipeMarkdown() {
        DpoRecipe r = recipe;
        return String.join("\n",
                "| setting | value |",
                "|---|---|",
                "| base model | `" + checkpoint().huggingFaceId() + "` (" + checkpoint().family().template() + " template) |",
                "| method | DPO (" + r.lossType() + " loss, beta " + plain(r.beta()) + ") with LoRA rank " + r.loraRank()
                        + ", alpha " + r.loraAlpha() + ", dropout " + plain(r.loraDropout()) + ", on all language-model linear layers |",
                "| learning rate | " + plain(r.learningRate()) + ", " + r.lrScheduler() + " schedule, warm-up ratio " + plain(r.warmupRatio()) + " |",
                "| epochs | " + plain(r.epochs()) + " |",
                "| batch | " + r.perDeviceBatch() + " per device x " + r.gradientAccumulation() + " accumulation x "
                        + r.gpus() + " GPU(s) = " + r.effectiveBatch() + " pairs per step |",
                "| sequence cut-off | " + r.maxLength() + " tokens, bf16 |",
                "| data | " + dataset.pairs() + " pairs: " + stepsPerEpoch() + " steps per epoch, " + totalSteps() + " in all |",
                "| seed | " + r.seed() + " |",
                "| checkpoints | `" + runDir + "` (every " + r.saveSteps() + " steps, log every " + r.loggingSteps() + ") |");
    }

    /** A number as people write it: {@code 0.000001}, {@code 5}, {@code 0.1}. */
    static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
