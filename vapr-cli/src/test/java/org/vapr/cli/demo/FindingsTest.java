package org.vapr.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vapr.cli.demo.DemoSummary.Comparison;
import org.vapr.cli.demo.DemoSummary.DatasetBias;
import org.vapr.cli.demo.DemoSummary.ModelFigures;
import org.vapr.cli.demo.DemoSummary.ScalingPoint;

/** The "what came out" sentences follow the numbers and the intervals, never more. */
class FindingsTest {
    private static Estimate e(double v, double lo, double hi) {
        return new Estimate(v, lo, hi);
    }

    private static ModelFigures model(String label, double f1, double yes, Double reward) {
        Estimate f = e(f1, f1 - 0.03, f1 + 0.03);
        Estimate y = e(yes, yes - 0.02, yes + 0.02);
        return new ModelFigures(label, "m", f, f, y, Map.of(), f, f, y, f, f, f, f, y, f, f, f, f, f, f, Map.of(), reward, reward, reward == null ? null : 0.7, 10);
    }

    private static List<String> describe(Map<String, DatasetBias> bias, Map<String, ModelFigures> models, List<Comparison> c,
                                         List<ScalingPoint> sweep) {
        return Findings.describe(bias, models, c, sweep, List.of(), List.of());
    }

    private static Map<String, DatasetBias> bias() {
        Map<String, DatasetBias> m = new LinkedHashMap<>();
        m.put("vapr", new DatasetBias("VaPR", 100, 1.6, 1, 1.6, 0, 0.2, 0.1, 0.1, 0, 0, 9, 9, 40, 0.7));
        m.put("povid", new DatasetBias("POVID-style", 100, 22, 22, 22, -21, 21, 0, 1, 0, 0, 9, 30, 40, 0.7));
        m.put("sima", new DatasetBias("SIMA-style", 100, 12, 10, 15, 4, 8, 0.5, 0.4, 0.2, 0.3, 9, 5, 30, 0.5));
        return m;
    }

    private static Map<String, ModelFigures> models(double dpoF1, double dpoYes) {
        Map<String, ModelFigures> m = new LinkedHashMap<>();
        m.put("base", model("Base", 0.5, 0.5, null));
        m.put("sft", model("SFT", 0.70, 0.70, null));
        m.put("sft_on_vapr", model("SFT on VaPR", 0.71, 0.68, null));
        m.put("dpo_vapr", model("DPO VaPR", dpoF1, dpoYes, 0.8));
        m.put("dpo_povid", model("DPO POVID-style", 0.70, 0.69, 0.99));
        m.put("dpo_sima", model("DPO SIMA-style", 0.70, 0.70, 0.52));
        return m;
    }

    @Test
    void aPairedIntervalAboveZeroIsReportedAsAClearGainOverSft() {
        List<Comparison> c = List.of(new Comparison("dpo_vapr", "sft", "pope_f1", 0.08, 0.03, 0.13, 0.001),
                new Comparison("dpo_vapr", "dpo_povid", "pope_f1", 0.01, -0.02, 0.04, 0.4));
        List<String> s = describe(bias(), models(0.78, 0.55), c, List.of());
        String all = String.join("\n", s);
        assertThat(all).contains("smallest mean word-level Levenshtein distance between chosen and rejected is VaPR's",
                "clearly above SFT", "not distinguishable from DPO POVID-style", "reward accuracy saturates",
                "SIMA-style reward accuracy hovers near 0.5", "lowered the yes-ratio by 0.15",
                "Conditional term (last epoch, share of training pairs whose chosen answer gained more on its own image than "
                        + "on the contrast image): DPO VaPR 0.70, DPO POVID-style 0.70, DPO SIMA-style 0.70.",
                "Verdict: VaPR-DPO improved on its SFT starting point");
    }

    @Test
    void settingsAreWrittenAsOnTheCommandLine() {
        assertThat(Findings.fmtNumber(1.0)).isEqualTo("1");
        assertThat(Findings.fmtNumber(0.1)).isEqualTo("0.1");
        assertThat(Findings.fmtNumber(3e-4)).isEqualTo("3e-4");
        assertThat(Findings.fmtNumber(1e-4)).isEqualTo("1e-4");
        assertThat(Findings.fmtNumber(0)).isEqualTo("0");
    }

    @Test
    void exactDuplicatesThatPullAMeanBelowVaprsAreLeftOutInASecondComparison() {
        Map<String, DatasetBias> bias = bias();
        // 60% of SIMA-style's rejected answers repeat the chosen one: mean 0.9 over all pairs, 2.25 over the rest
        bias.put("sima", new DatasetBias("SIMA-style", 100, 0.9, 0, 2.25, 0, 0.1, 0.1, 0.1, 0.6, 0.6, 9, 9, 40, 0.7));
        String all = String.join("\n", describe(bias, models(0.78, 0.55), List.of(), List.of()));
        assertThat(all).contains("smallest mean word-level Levenshtein distance between chosen and rejected is SIMA-style's "
                + "(VaPR 1.60, POVID-style 22.00, SIMA-style 0.90); with exact duplicates left out it is VaPR's "
                + "(VaPR 1.60, POVID-style 22.00, SIMA-style 2.25)");
        // without duplicates changing the ranking the sentence stays as it was
        assertThat(String.join("\n", describe(bias(), models(0.78, 0.55), List.of(), List.of())))
                .doesNotContain("exact duplicates left out");
    }

    @Test
    void withoutAClearGainTheVerdictSaysSoAndNamesTheOvershootTowardsNo() {
        List<Comparison> c = List.of(new Comparison("dpo_vapr", "sft", "pope_f1", -0.02, -0.06, 0.01, 0.3));
        List<ScalingPoint> sweep = List.of(new ScalingPoint(0.5, 50, e(0.6, 0.5, 0.7), e(0.6, 0.5, 0.7), e(0.1, 0, 0.2), 0.7),
                new ScalingPoint(1.0, 100, e(0.62, 0.52, 0.72), e(0.62, 0.52, 0.72), e(0.12, 0.02, 0.22), 0.8));
        String all = String.join("\n", describe(bias(), models(0.68, 0.40), c, sweep));
        assertThat(all).contains("not distinguishable from SFT", "did not beat SFT beyond the bootstrap noise",
                "overshot towards \"no\"", "no clear trend", "past balance").doesNotContain("clearly above");
    }

    @Test
    void aLossToSftWithFewerYesAnswersIsNamedAsAShiftWithoutDiscrimination() {
        Map<String, ModelFigures> m = models(0.64, 0.54);
        List<Comparison> c = List.of(new Comparison("dpo_vapr", "sft", "pope_f1", -0.059, -0.075, -0.046, 0.0));
        String all = String.join("\n", describe(bias(), m, c, List.of()));
        assertThat(all).contains("Verdict: VaPR-DPO fell below its SFT starting point",
                "DPO moved the answers towards \"no\" (POPE yes-ratio 0.70 → 0.54) without telling present from absent")
                .doesNotContain("the cause is open");
    }

    @Test
    void anSftModelStuckOnYesIsNamedAsTheCause() {
        Map<String, ModelFigures> m = models(0.64, 0.58);
        m.put("sft", model("SFT", 0.667, 1.0, null));
        List<Comparison> c = List.of(new Comparison("dpo_vapr", "sft", "pope_f1", -0.023, -0.043, -0.004, 0.01));
        String all = String.join("\n", describe(bias(), m, c, List.of()));
        assertThat(all).contains("Verdict: VaPR-DPO fell below its SFT starting point",
                "never left the \"always yes\" plateau", "DPO moved the answers (yes-ratio 0.58")
                .doesNotContain("the cause is open");
    }

    @Test
    void aTieWithSftWithinOnePointDespiteALearntPreferenceIsNamed() {
        List<Comparison> c = List.of(new Comparison("dpo_vapr", "sft", "pope_f1", -0.001, -0.003, 0.002, 0.9),
                new Comparison("dpo_vapr", "sft", "pope_bare_f1", -0.002, -0.008, 0.004, 0.5));
        String all = String.join("\n", describe(bias(), models(0.70, 0.68), c, List.of()));
        assertThat(all).contains("did not beat SFT beyond the bootstrap noise",
                "reward accuracy 0.80) yet left the SFT model's POPE answers where they were")
                .doesNotContain("the benchmarks are small");
        // a wide interval is noise, not a tie
        List<Comparison> wide = List.of(new Comparison("dpo_vapr", "sft", "pope_f1", -0.001, -0.03, 0.03, 0.9));
        assertThat(String.join("\n", describe(bias(), models(0.70, 0.68), wide, List.of())))
                .contains("the benchmarks are small").doesNotContain("where they were");
    }

    @Test
    void aClearLossToSftWithMoreYesIsBlamedOnThePairsYesPrior() {
        List<Comparison> c = List.of(new Comparison("dpo_vapr", "sft", "pope_f1", -0.034, -0.042, -0.027, 0.0));
        List<ScalingPoint> sweep = List.of(new ScalingPoint(1.0, 100, e(0.62, 0.52, 0.72), e(0.62, 0.52, 0.72), e(0.12, 0.02, 0.22), 0.8));
        String all = String.join("\n", describe(bias(), models(0.66, 0.78), c, sweep));
        assertThat(all).contains("clearly below SFT", "Verdict: VaPR-DPO fell below its SFT starting point",
                "DPO moved the answers towards \"yes\" (POPE yes-ratio 0.70 → 0.78): 70% of the 40 yes/no training pairs prefer")
                .doesNotContain("did not beat SFT beyond the bootstrap noise");
    }

    @Test
    void aClearLossToSftWithNoCheckedCauseSaysTheCauseIsOpen() {
        List<Comparison> c = List.of(new Comparison("dpo_vapr", "sft", "pope_f1", -0.018, -0.027, -0.011, 0.0));
        List<ScalingPoint> sweep = List.of(new ScalingPoint(1.0, 100, e(0.62, 0.52, 0.72), e(0.62, 0.52, 0.72), e(0.12, 0.02, 0.22), 0.8));
        String all = String.join("\n", describe(bias(), models(0.68, 0.66), c, sweep));
        assertThat(all).contains("fell below its SFT starting point on POPE F1, for none of the causes",
                "the cause is open").doesNotContain("likely because");
    }

    @Test
    void aGainOnTheBareQuestionAloneNamesThePromptFormAndTheLossOnTheOther() {
        List<Comparison> c = List.of(new Comparison("dpo_vapr", "sft", "pope_f1", -0.01, -0.02, -0.002, 0.01),
                new Comparison("dpo_vapr", "sft", "pope_bare_f1", 0.04, 0.02, 0.06, 0.0),
                new Comparison("dpo_vapr", "sft", "naturalbench_g_acc", 0.0, -0.03, 0.03, 1.0));
        List<ScalingPoint> sweep = List.of(new ScalingPoint(1.0, 100, e(0.62, 0.52, 0.72), e(0.7, 0.65, 0.75), e(0.12, 0.02, 0.22), 0.8));
        String all = String.join("\n", describe(bias(), models(0.69, 0.62), c, sweep));
        assertThat(all).contains("POPE F1 (bare question): VaPR-DPO", "clearly above SFT",
                "Verdict: VaPR-DPO improved on its SFT starting point on POPE F1 (bare question), beyond the bootstrap noise, "
                        + "but fell below it on POPE F1; the prompts differ because the VaPR pairs answer yes/no questions in sentences",
                "did not carry over to it (moving the model for it cost that path accuracy")
                .doesNotContain("the cause is open");
    }

    @Test
    void aGainOnBothPromptsNeedsNoPromptExplanation() {
        List<Comparison> c = List.of(new Comparison("dpo_vapr", "sft", "pope_f1", 0.02, 0.01, 0.03, 0.0),
                new Comparison("dpo_vapr", "sft", "pope_bare_f1", 0.04, 0.02, 0.06, 0.0));
        String all = String.join("\n", describe(bias(), models(0.72, 0.62), c, List.of()));
        assertThat(all).contains("improved on its SFT starting point on POPE F1 and POPE F1 (bare question), beyond the bootstrap noise;"
                + " on the other headline scores it is not distinguishable from it.").doesNotContain("the prompts differ", "cost that path");
    }

    @Test
    void heldOutPreferencesNameTheCategoriesDpoMovedAndThoseItDidNot() {
        List<DemoSummary.PairPreference> prefs = List.of(
                new DemoSummary.PairPreference("counting", 112, 0.58, Map.of("dpo_vapr", 0.92)),
                new DemoSummary.PairPreference("existence", 166, 0.63, Map.of("dpo_vapr", 0.58)));
        String all = String.join("\n", Findings.describe(bias(), models(0.70, 0.68), List.of(), List.of(), prefs, List.of()));
        assertThat(all).contains("counting 58% → 92% (112 pairs), existence 63% → 58% (166 pairs)",
                "VaPR-DPO learned to rank the counting answers of pairs it did not train on; not the existence answers");
        String none = String.join("\n", Findings.describe(bias(), models(0.70, 0.68), List.of(), List.of(),
                List.of(new DemoSummary.PairPreference("color", 10, 0.9, Map.of("dpo_vapr", 0.92))), List.of()));
        assertThat(none).contains("color 90% → 92% (10 pairs).").doesNotContain("learned to rank");
        String split = String.join("\n", Findings.describe(bias(), models(0.70, 0.68), List.of(), List.of(), List.of(
                new DemoSummary.PairPreference("existence (chosen no)", 38, 0.37, Map.of("dpo_vapr", 0.39)),
                new DemoSummary.PairPreference("existence (chosen yes)", 26, 0.96, Map.of("dpo_vapr", 0.92))), List.of()));
        assertThat(split).contains("On existence the SFT model prefers the \"yes\" sentence whatever the image: it ranks 96% "
                + "of the pairs whose chosen answer is \"yes\" right and 37% of those whose chosen answer is \"no\"");
    }

    @Test
    void theImageSideSharesAreOneSentencePerCategoryAndOnlyWithContrastImages() {
        List<DemoSummary.PairPreference> images = List.of(
                new DemoSummary.PairPreference("existence (chosen no)", 60, 0.55, Map.of("dpo_vapr", 0.70, "dpo_povid", 0.6, "dpo_sima", 0.58)),
                new DemoSummary.PairPreference("color", 112, 0.97, Map.of("dpo_vapr", 0.98, "dpo_povid", 0.97, "dpo_sima", 0.97)));
        String all = String.join("\n", Findings.describe(bias(), models(0.70, 0.68), List.of(), List.of(), List.of(), images));
        assertThat(all).contains("SFT → VaPR-DPO: existence (chosen no) 55% → 70% (POVID-style 60%, SIMA-style 58%; 60 pairs), "
                + "color 97% → 98% (POVID-style 97%, SIMA-style 97%; 112 pairs).");
        assertThat(String.join("\n", describe(bias(), models(0.70, 0.68), List.of(), List.of()))).doesNotContain("Reading the image");
    }

    @Test
    void aClearMultipleChoiceGainCountsInTheVerdictUnderItsParserName() {
        List<Comparison> c = List.of(new Comparison("dpo_vapr", "sft", "pope_f1", 0.0, -0.004, 0.004, 0.9),
                new Comparison("dpo_vapr", "sft", "mc_accuracy_option_text", 0.09, 0.04, 0.14, 0.001));
        String all = String.join("\n", describe(bias(), models(0.70, 0.68), c, List.of()));
        assertThat(all).contains("MC accuracy (option-text parser): VaPR-DPO", "clearly above SFT",
                "Verdict: VaPR-DPO improved on its SFT starting point on MC accuracy (option-text parser), beyond the bootstrap noise");
    }

    @Test
    void aShiftedYesBiasOnHeldOutPairsIsNamedAsTheReasonForNoGain() {
        List<DemoSummary.PairPreference> prefs = List.of(
                new DemoSummary.PairPreference("existence (chosen no)", 40, 0.35, Map.of("dpo_vapr", 0.45)),
                new DemoSummary.PairPreference("existence (chosen yes)", 40, 0.97, Map.of("dpo_vapr", 0.90)));
        List<Comparison> c = List.of(new Comparison("dpo_vapr", "sft", "pope_f1", -0.008, -0.014, -0.001, 0.02));
        String all = String.join("\n", Findings.describe(bias(), models(0.69, 0.66), c, List.of(), prefs, List.of()));
        assertThat(all).contains("Verdict: VaPR-DPO fell below its SFT starting point on POPE F1; likely because on the held-out "
                + "existence pairs DPO moved the answers towards \"no\" (pairs whose chosen answer is \"no\" ranked "
                + "right 35% → 45%, \"yes\" 97% → 90%; in all 66% → 68%) rather than telling present from absent objects apart");
        assertThat(Findings.joined(List.of("a", "b", "c"))).isEqualTo("a, b and c");
        assertThat(Findings.joined(List.of("a"))).isEqualTo("a");
        assertThat(Findings.biasTrade(List.of(
                new DemoSummary.PairPreference("existence (chosen no)", 40, 0.35, Map.of("dpo_vapr", 0.70)),
                new DemoSummary.PairPreference("existence (chosen yes)", 40, 0.97, Map.of("dpo_vapr", 0.95)))))
                .as("a real gain in all is no trade").isNull();
    }
}
