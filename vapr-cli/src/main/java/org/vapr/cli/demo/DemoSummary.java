package org.vapr.cli.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Every figure {@code DIR/report.html} shows, as written to {@code DIR/summary.json} (snake_case).
 *
 * @param seed     the demo's seed
 * @param plan     the sizes used
 * @param datasets per dataset ({@code vapr}, {@code povid}, {@code sima}): the bias statistics of its training pairs
 * @param models   per model ({@code base}, {@code sft}, {@code sft_on_vapr}, {@code dpo_vapr}, {@code dpo_povid},
 *                 {@code dpo_sima}): benchmark scores and, for trained runs, the final reward accuracy
 * @param comparisons paired bootstrap differences of VaPR-DPO against the other models
 * @param scaling  DPO on nested VaPR subsets: size → scores
 * @param heldOutPreferences per question category of the held-out VaPR pairs: how often the SFT model and each DPO
 *                 policy prefer the chosen answer
 * @param heldOutImagePreferences per category of the held-out pairs with a contrast image: how often the SFT model and
 *                 each DPO policy find the chosen answer likelier on its own image than on the contrast image (empty
 *                 without the conditional term)
 * @param findings the "what came out" sentences, generated from the numbers
 * @param timings  wall seconds per stage (the only part that varies between runs with the same seed)
 */
public record DemoSummary(long seed, DemoPlan plan, Map<String, DatasetBias> datasets, Map<String, ModelFigures> models,
                          List<Comparison> comparisons, List<ScalingPoint> scaling,
                          List<PairPreference> heldOutPreferences, List<PairPreference> heldOutImagePreferences,
                          List<String> findings, List<StageTiming> timings) {

    /**
     * The style and length biases of one dataset's training pairs.
     *
     * @param label                  the dataset's display name
     * @param pairs                  training pairs
     * @param wordLevenshteinMean    mean word-level Levenshtein distance between chosen and rejected
     * @param wordLevenshteinMedian  its median
     * @param wordLevenshteinMeanDistinct the mean over the pairs that are not exact duplicates (a rejected answer
     *                               equal to the chosen one has distance 0 and is no preference at all)
     * @param tokenDeltaMean         mean token-length difference chosen − rejected
     * @param tokenDeltaMeanAbs      mean absolute token-length difference
     * @param chosenLongerShare      share of pairs whose chosen answer is longer
     * @param chosenShorterShare     share whose chosen answer is shorter
     * @param exactDuplicateShare    share of pairs with identical chosen and rejected
     * @param nearDuplicateShare     share of near-duplicate pairs
     * @param chosenTokensMean       mean chosen length in tokens
     * @param rejectedTokensMean     mean rejected length in tokens
     * @param yesNoPairs             pairs whose chosen and rejected answers open with opposite "yes"/"no"
     * @param chosenYesShare         share of those whose chosen answer is the "yes" (null when there are none)
     */
    public record DatasetBias(String label, long pairs, double wordLevenshteinMean, double wordLevenshteinMedian,
                              double wordLevenshteinMeanDistinct,
                              double tokenDeltaMean, double tokenDeltaMeanAbs, double chosenLongerShare,
                              double chosenShorterShare, double exactDuplicateShare, double nearDuplicateShare,
                              double chosenTokensMean, double rejectedTokensMean, long yesNoPairs, Double chosenYesShare) {
    }

    /**
     * One model's scores.
     *
     * @param label                   display name
     * @param modelDir                the evaluated model directory, relative to the demo directory
     * @param popeAccuracy            POPE accuracy, averaged over the three splits
     * @param popeF1                  POPE F1, averaged
     * @param popeYesRatio            POPE yes-ratio, averaged
     * @param popeSplits              per split (random, popular, adversarial): accuracy, F1, yes-ratio
     * @param popeBareAccuracy        POPE accuracy with the bare question (the original POPE prompt, without LLaVA's
     *                                "Answer the question using a single word or phrase."), averaged
     * @param popeBareF1              its F1
     * @param popeBareYesRatio        its yes-ratio
     * @param naturalbenchAcc         NaturalBench question accuracy
     * @param naturalbenchQAcc        Q-Acc
     * @param naturalbenchIAcc        I-Acc
     * @param naturalbenchGAcc        G-Acc
     * @param naturalbenchYesRatio    share of "yes" answers
     * @param naturalbenchYesNoAcc    NaturalBench accuracy on its yes/no questions
     * @param naturalbenchChoiceAcc   NaturalBench accuracy on its two-option multiple-choice questions
     * @param mcAccuracy              multiple-choice accuracy (official parser: the option letter)
 * @param naturalbenchAccOptionText  NaturalBench question accuracy with the {@code option-text} parser (a multiple-choice
 *                                answer that names its option's text but no letter counts as that option)
 * @param naturalbenchGAccOptionText its G-Acc
 * @param mcAccuracyOptionText    multiple-choice accuracy with the {@code option-text} parser
 * @param mcTypesOptionText       that accuracy per question type (color, counting, shape, spatial)
     * @param finalRewardAccuracy     the training reward accuracy of the last epoch (mean over its logging steps; DPO
     *                                runs), or {@code null}
     * @param finalEvalRewardAccuracy the last held-out reward accuracy (DPO runs), or {@code null}
     * @param finalConditionalAccuracy the last epoch's share of training pairs whose chosen answer gained more (against
     *                                the reference) on its own image than on its contrast image (mDPO's conditional
     *                                term; DPO runs with the term), or {@code null}
     * @param trainingSteps           optimizer steps of the run that made the model (0 for the untrained base)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ModelFigures(String label, String modelDir, Estimate popeAccuracy, Estimate popeF1, Estimate popeYesRatio,
                               Map<String, PopeSplit> popeSplits, Estimate popeBareAccuracy, Estimate popeBareF1,
                               Estimate popeBareYesRatio, Estimate naturalbenchAcc,
                               @JsonProperty("naturalbench_q_acc") Estimate naturalbenchQAcc,
                               @JsonProperty("naturalbench_i_acc") Estimate naturalbenchIAcc,
                               @JsonProperty("naturalbench_g_acc") Estimate naturalbenchGAcc, Estimate naturalbenchYesRatio,
                               @JsonProperty("naturalbench_yes_no_acc") Estimate naturalbenchYesNoAcc,
                               @JsonProperty("naturalbench_mc_acc") Estimate naturalbenchChoiceAcc,
                               Estimate mcAccuracy,
                               @JsonProperty("naturalbench_acc_option_text") Estimate naturalbenchAccOptionText,
                               @JsonProperty("naturalbench_g_acc_option_text") Estimate naturalbenchGAccOptionText,
                               Estimate mcAccuracyOptionText, Map<String, Estimate> mcTypesOptionText,
                               Double finalRewardAccuracy, Double finalEvalRewardAccuracy, Double finalConditionalAccuracy,
                               long trainingSteps) {
    }

    /**
     * One question category of the held-out VaPR pairs (the same pairs for every DPO run).
     *
     * @param category  the pairs' question category
     * @param pairs     held-out pairs of that category
     * @param reference share whose chosen answer the SFT model (every DPO run's reference) gives the higher summed
     *                  log-probability
     * @param policies  per DPO model key, the same share for its policy after the last epoch
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record PairPreference(String category, long pairs, double reference, Map<String, Double> policies) {
    }

    /** One POPE split's headline scores. */
    public record PopeSplit(Estimate accuracy, Estimate f1, Estimate yesRatio) {
    }

    /**
     * A paired bootstrap difference {@code model − baseline} on the same items.
     *
     * @param model    the model key (e.g. {@code dpo_vapr})
     * @param baseline the other model's key
     * @param score    {@code pope_f1}, {@code pope_bare_f1}, {@code naturalbench_g_acc}, {@code naturalbench_g_acc_option_text}
 *                 or {@code mc_accuracy_option_text}
     * @param difference model − baseline
     * @param ciLow    the difference's 95% interval, lower bound
     * @param ciHigh   upper bound
     * @param pValue   two-sided bootstrap p-value
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Comparison(String model, String baseline, String score, Double difference, Double ciLow, Double ciHigh,
                             Double pValue) {
    }

    /**
     * One point of the scaling sweep.
     *
     * @param share            share of the VaPR training pairs
     * @param pairs            training pairs
     * @param popeF1           POPE F1 (average)
     * @param popeBareF1       POPE F1 with the bare question (average)
     * @param naturalbenchGAcc NaturalBench G-Acc
     * @param finalRewardAccuracy the run's last training reward accuracy
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ScalingPoint(double share, int pairs, Estimate popeF1, Estimate popeBareF1, @JsonProperty("naturalbench_g_acc") Estimate naturalbenchGAcc,
                               Double finalRewardAccuracy) {
    }

    /** Wall time of one stage. */
    public record StageTiming(String stage, double seconds) {
    }
}
