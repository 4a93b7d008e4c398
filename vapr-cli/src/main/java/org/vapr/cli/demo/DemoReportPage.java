package org.vapr.cli.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;
import org.vapr.analysis.report.Charts;
import org.vapr.analysis.training.TrainingReport;
import org.vapr.analysis.training.TrainingRun;
import org.vapr.cli.demo.DemoSummary.DatasetBias;
import org.vapr.cli.demo.DemoSummary.ModelFigures;
import org.vapr.cli.demo.DemoSummary.ScalingPoint;
import org.vapr.cli.demo.DemoSummary.StageTiming;

/**
 * The demo's one self-contained HTML page (no scripts; a Content-Security-Policy forbids them; charts are inline SVG
 * from {@link Charts} and {@link TrainingReport}): what came out, the models' scores with intervals, the bias table,
 * the DPO runs' reward-accuracy curves and Δref distributions, the yes-ratio shift, POPE F1 and NaturalBench G-Acc
 * with intervals, the scaling plot and the stage timings. Every charted number is also in a table.
 */
final class DemoReportPage {
    private DemoReportPage() {
    }

    /** The page for {@code summary}; {@code dpoRuns} are the VaPR, POVID-style and SIMA-style DPO runs in that order. */
    static String render(DemoSummary summary, List<TrainingRun> dpoRuns, String version) {
        StringBuilder b = new StringBuilder(256 * 1024);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n")
                .append("<title>vapr demo report</title>\n<style>\n").append(TrainingReport.css())
                .append("\n.findings li{margin:.35em 0}\n</style>\n</head>\n<body>\n<main>\n")
                .append("<h1>vapr demo: VaPR vs POVID-style vs SIMA-style preference data in a synthetic world</h1>\n")
                .append(String.format(Locale.ROOT, "<p class=\"meta\">plan <code>%s</code>, seed %d, %,d training scenes, %,d pairs "
                                + "asked per dataset; every number below is also in <code>summary.json</code>.</p>\n",
                        esc(summary.plan().name()), summary.seed(), summary.plan().scenes(), summary.plan().pairs()));
        DemoPlan plan = summary.plan();
        b.append(String.format(Locale.ROOT, "<p class=\"meta\">The three DPO runs: sigmoid DPO with β %s, peak learning rate %s, "
                        + "%d epoch(s), %s%s.</p>\n", Findings.fmtNumber(plan.dpoBeta()), Findings.fmtNumber(plan.dpoLearningRate()),
                plan.dpoEpochs(), plan.dpoFull() ? "full fine-tuning" : "LoRA",
                plan.conditionalWeight() > 0 ? String.format(Locale.ROOT, ", plus mDPO's conditional term (weight %s): each "
                        + "training pair whose question a minimal scene edit can flip also has a contrast image, the same "
                        + "scene with an object recolored or reshaped so that the chosen answer is wrong, and the chosen "
                        + "answer must gain more on its own image than on the contrast image (<code>datasets/contrast/</code>)",
                        Findings.fmtNumber(plan.conditionalWeight()))
                        : " (the paper's objective; no conditional term)"));

        b.append("<h2 id=\"findings\">What came out</h2>\n<ul class=\"findings\">\n");
        summary.findings().forEach(f -> b.append("<li>").append(esc(f)).append("</li>\n"));
        b.append("</ul>\n");

        models(b, summary.models());
        optionText(b, summary.models());
        comparisons(b, summary);
        preferences(b, summary);
        bias(b, summary.datasets());

        b.append("<h2 id=\"training\">DPO training: reward accuracy and Δref</h2>\n")
                .append("<p>Reward accuracy is the share of pairs whose chosen answer the policy prefers over the rejected one ")
                .append("relative to the reference (the SFT model). Δref = log π_ref(chosen) − log π_ref(rejected).</p>\n")
                .append(TrainingReport.comparisonFragment("dpo", dpoRuns));

        yesRatio(b, summary.models());
        ciChart(b, summary.models(), "pope-f1", "POPE F1 (average of three splits) with 95% CIs", "F1", "pope_f1");
        ciChart(b, summary.models(), "pope-bare-f1", "POPE F1, bare question (average of three splits) with 95% CIs", "F1",
                "pope_bare_f1");
        ciChart(b, summary.models(), "nb-gacc", "NaturalBench G-Acc with 95% CIs", "G-Acc", "naturalbench_g_acc");
        ciChart(b, summary.models(), "mc-option-text", "Multiple-choice accuracy, option-text parser, with 95% CIs", "accuracy",
                "mc_accuracy_option_text");
        scaling(b, summary);
        timings(b, summary.timings());
        b.append("<footer>Generated by vapr ").append(esc(version)).append(". Intervals: percentile bootstrap, ")
                .append(summary.plan().bootstrapSamples()).append(" replicates (POPE resampled per item within split, NaturalBench per group).")
                .append("</footer>\n</main>\n</body>\n</html>\n");
        return b.toString();
    }

    private static void models(StringBuilder b, Map<String, ModelFigures> models) {
        b.append("<h2 id=\"models\">Models</h2>\n<table class=\"numbers\">\n<thead><tr><th>model</th><th>POPE acc</th><th>POPE F1</th>")
                .append("<th>POPE yes-ratio</th><th>bare POPE acc</th><th>bare POPE F1</th><th>bare POPE yes-ratio</th><th>NB Acc</th><th>NB Q-Acc</th><th>NB I-Acc</th><th>NB G-Acc</th><th>NB yes/no acc</th><th>NB choice acc</th><th>MC acc</th>")
                .append("<th>final reward acc (train / held-out)</th><th>steps</th></tr></thead>\n<tbody>\n");
        models.forEach((k, m) -> b.append("<tr><th scope=\"row\">").append(esc(m.label())).append("</th>")
                .append(td(Findings.pct(m.popeAccuracy()))).append(td(Findings.pct(m.popeF1()))).append(td(Findings.num(m.popeYesRatio())))
                .append(td(Findings.pct(m.popeBareAccuracy()))).append(td(Findings.pct(m.popeBareF1())))
                .append(td(Findings.num(m.popeBareYesRatio())))
                .append(td(Findings.pct(m.naturalbenchAcc()))).append(td(Findings.pct(m.naturalbenchQAcc())))
                .append(td(Findings.pct(m.naturalbenchIAcc()))).append(td(Findings.pct(m.naturalbenchGAcc())))
                .append(td(Findings.pct(m.naturalbenchYesNoAcc()))).append(td(Findings.pct(m.naturalbenchChoiceAcc())))
                .append(td(Findings.pct(m.mcAccuracy())))
                .append(td(m.finalRewardAccuracy() == null ? "-" : Findings.fmt(m.finalRewardAccuracy()) + " / "
                        + (m.finalEvalRewardAccuracy() == null ? "-" : Findings.fmt(m.finalEvalRewardAccuracy()))))
                .append(td(Long.toString(m.trainingSteps()))).append("</tr>\n"));
        b.append("</tbody>\n</table>\n<p>POPE is asked twice: with LLaVA-1.5's instruction \"Answer the question using a ")
                .append("single word or phrase.\" (as the paper's evaluation asks it; the SFT corpus asks most existence questions ")
                .append("that way) and as the bare question of the original POPE files (\"bare\"), which the models answer in a ")
                .append("sentence, the form of the VaPR pairs' answers.</p>\n<h3>POPE per split (accuracy / F1 / yes-ratio)</h3>\n<table class=\"numbers\">\n")
                .append("<thead><tr><th>model</th><th>random</th><th>popular</th><th>adversarial</th></tr></thead>\n<tbody>\n");
        models.forEach((k, m) -> {
            b.append("<tr><th scope=\"row\">").append(esc(m.label())).append("</th>");
            m.popeSplits().forEach((s, v) -> b.append(td(Findings.num(v.accuracy()) + " / " + Findings.num(v.f1()) + " / "
                    + Findings.num(v.yesRatio()))));
            b.append("</tr>\n");
        });
        b.append("</tbody>\n</table>\n");
    }

    private static void optionText(StringBuilder b, Map<String, ModelFigures> models) {
        List<String> types = new ArrayList<>();
        models.values().forEach(m -> m.mcTypesOptionText().keySet().forEach(t -> {
            if (!types.contains(t)) {
                types.add(t);
            }
        }));
        b.append("<h3>Multiple choice and NaturalBench, option-text parser</h3>\n<p>The world model was never taught to answer ")
                .append("with an option letter (a real SFT corpus teaches it with A-OKVQA's multiple-choice turns; the demo's SFT ")
                .append("corpus, of existence, counting and color turns, has none), so the official parser finds no letter in ")
                .append("its answers (\"Purple\", \"2\") and scores ")
                .append("them wrong. The option-text parser (<code>vapr eval score --parser option-text</code>, after ")
                .append("VLMEvalKit's exact matching) reads such an answer as the one option whose text it names; the same ")
                .append("predictions, scored again (<code>eval/&lt;model&gt;/mc/scores_option_text.json</code>). The corpus ")
                .append("teaches color and counting questions, not shape or spatial ones.</p>\n<table class=\"numbers\">\n")
                .append("<thead><tr><th>model</th><th>NB Acc</th><th>NB G-Acc</th><th>MC acc</th>");
        types.forEach(t -> b.append("<th>MC ").append(esc(t)).append("</th>"));
        b.append("</tr></thead>\n<tbody>\n");
        models.forEach((k, m) -> {
            b.append("<tr><th scope=\"row\">").append(esc(m.label())).append("</th>")
                    .append(td(Findings.pct(m.naturalbenchAccOptionText()))).append(td(Findings.pct(m.naturalbenchGAccOptionText())))
                    .append(td(Findings.pct(m.mcAccuracyOptionText())));
            types.forEach(t -> {
                Estimate e = m.mcTypesOptionText().get(t);
                b.append(td(e == null ? "-" : Findings.pct(e)));
            });
            b.append("</tr>\n");
        });
        b.append("</tbody>\n</table>\n");
    }

    private static void preferences(StringBuilder b, DemoSummary summary) {
        preferenceTable(b, summary, summary.heldOutPreferences(), "Held-out VaPR pairs: which answer each model ranks higher",
                "Share of the held-out pairs (the same for every DPO run) whose chosen answer has the higher summed "
                        + "log-probability, per question category: the skills a preference dataset moved, including those "
                        + "POPE does not ask.");
        preferenceTable(b, summary, summary.heldOutImagePreferences(), "Held-out pairs: does the model read the image?",
                "Share of the held-out pairs with a contrast image (the scene edited so that the chosen answer is wrong, "
                        + "<code>datasets/contrast/</code>) whose chosen answer the model finds likelier on its own image "
                        + "than on the contrast image. A yes/no prior cannot raise it; only reading the image can.");
    }

    private static void preferenceTable(StringBuilder b, DemoSummary summary, List<DemoSummary.PairPreference> rows,
                                        String title, String explanation) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(rows.get(0).policies().keySet());
        b.append("<h3>").append(esc(title)).append("</h3>\n<p>").append(explanation).append("</p>\n<table class=\"numbers\">\n")
                .append("<thead><tr><th>category</th><th>pairs</th><th>SFT (reference)</th>");
        keys.forEach(k -> b.append("<th>").append(esc(summary.models().containsKey(k) ? summary.models().get(k).label() : k)).append("</th>"));
        b.append("</tr></thead>\n<tbody>\n");
        for (DemoSummary.PairPreference p : rows) {
            b.append("<tr><th scope=\"row\">").append(esc(p.category())).append("</th>").append(td(Long.toString(p.pairs())))
                    .append(td(Findings.pctOf(p.reference())));
            keys.forEach(k -> {
                Double v = p.policies().get(k);
                b.append(td(v == null ? "-" : Findings.pctOf(v)));
            });
            b.append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n");
    }

    private static void comparisons(StringBuilder b, DemoSummary summary) {
        b.append("<h3>VaPR-DPO minus each model (paired bootstrap, same items)</h3>\n<table class=\"numbers\">\n")
                .append("<thead><tr><th>baseline</th><th>score</th><th>difference</th><th>95% CI</th><th>p</th></tr></thead>\n<tbody>\n");
        for (DemoSummary.Comparison c : summary.comparisons()) {
            b.append("<tr><th scope=\"row\">").append(esc(summary.models().get(c.baseline()).label())).append("</th>")
                    .append(td(Findings.scoreName(c.score())))
                    .append(td(c.difference() == null ? "-" : String.format(Locale.ROOT, "%+.1f", 100 * c.difference())))
                    .append(td(c.ciLow() == null ? "-" : String.format(Locale.ROOT, "[%+.1f, %+.1f]", 100 * c.ciLow(), 100 * c.ciHigh())))
                    .append(td(c.pValue() == null ? "-" : String.format(Locale.ROOT, "%.3f", c.pValue()))).append("</tr>\n");
        }
        b.append("</tbody>\n</table>\n<p>Differences in percentage points.</p>\n");
    }

    private static void bias(StringBuilder b, Map<String, DatasetBias> datasets) {
        b.append("<h2 id=\"bias\">Datasets: style and length biases</h2>\n<p>The three datasets hold the same sampled turns and ")
                .append("chosen answers; only the rejected answers differ. Full charts per category: ")
                .append("<code>datasets/bias-report.html</code>.</p>\n<table class=\"numbers\">\n<thead><tr><th>statistic</th>");
        datasets.values().forEach(d -> b.append("<th>").append(esc(d.label())).append("</th>"));
        b.append("</tr></thead>\n<tbody>\n");
        row(b, "pairs", datasets, d -> Long.toString(d.pairs()));
        row(b, "word Levenshtein mean / median", datasets, d -> Findings.fmt(d.wordLevenshteinMean()) + " / " + Findings.fmt(d.wordLevenshteinMedian()));
        row(b, "word Levenshtein mean, exact duplicates left out", datasets, d -> Findings.fmt(d.wordLevenshteinMeanDistinct()));
        row(b, "token delta mean (chosen − rejected)", datasets, d -> Findings.fmt(d.tokenDeltaMean()));
        row(b, "token delta mean |·|", datasets, d -> Findings.fmt(d.tokenDeltaMeanAbs()));
        row(b, "chosen longer / shorter", datasets, d -> Findings.pctOf(d.chosenLongerShare()) + " / " + Findings.pctOf(d.chosenShorterShare()));
        row(b, "exact / near duplicates", datasets, d -> Findings.pctOf(d.exactDuplicateShare()) + " / " + Findings.pctOf(d.nearDuplicateShare()));
        row(b, "chosen / rejected tokens mean", datasets, d -> Findings.fmt(d.chosenTokensMean()) + " / " + Findings.fmt(d.rejectedTokensMean()));
        row(b, "yes/no pairs (chosen \"yes\")", datasets, d -> d.yesNoPairs() + (d.chosenYesShare() == null ? ""
                : " (" + Findings.pctOf(d.chosenYesShare()) + ")"));
        b.append("</tbody>\n</table>\n");
        List<String> series = datasets.values().stream().map(DatasetBias::label).toList();
        List<String> columns = List.of("word Levenshtein (mean)", "|token delta| (mean)", "near duplicates (%)");
        double[][] v = new double[series.size()][];
        int i = 0;
        for (DatasetBias d : datasets.values()) {
            v[i++] = new double[] {d.wordLevenshteinMean(), d.tokenDeltaMeanAbs(), 100 * d.nearDuplicateShare()};
        }
        figure(b, Charts.groupedBars("bias", "Style and length gaps per dataset", "statistic", "value", series, columns, v));
    }

    private static void yesRatio(StringBuilder b, Map<String, ModelFigures> models) {
        b.append("<h2 id=\"yes-ratio\">Yes-ratio shift</h2>\n<p>Share of \"yes\" answers; the benchmarks are balanced, so 0.5 is unbiased.</p>\n");
        List<String> series = models.values().stream().map(ModelFigures::label).toList();
        List<String> columns = List.of("POPE random", "POPE popular", "POPE adversarial", "NaturalBench");
        double[][] v = new double[series.size()][];
        int i = 0;
        for (ModelFigures m : models.values()) {
            v[i++] = new double[] {m.popeSplits().get("random").yesRatio().or(), m.popeSplits().get("popular").yesRatio().or(),
                    m.popeSplits().get("adversarial").yesRatio().or(), m.naturalbenchYesRatio().or()};
        }
        figure(b, Charts.groupedBars("yes-ratio", "Yes-ratio per model", "benchmark", "yes-ratio", series, columns, v));
    }

    /** Point estimates with their 95% intervals, one x position per model. */
    private static void ciChart(StringBuilder b, Map<String, ModelFigures> models, String id, String title, String yLabel, String score) {
        b.append("<h2 id=\"").append(id).append("\">").append(esc(title)).append("</h2>\n");
        YIntervalSeries s = new YIntervalSeries(yLabel);
        List<String> names = new ArrayList<>();
        int x = 0;
        for (ModelFigures m : models.values()) {
            Estimate e = Findings.pick(m, score);
            names.add(m.label());
            if (e.value() != null) {
                s.add(x, e.value(), e.ciLow() == null ? e.value() : e.ciLow(), e.ciHigh() == null ? e.value() : e.ciHigh());
            }
            x++;
        }
        YIntervalSeriesCollection data = new YIntervalSeriesCollection();
        data.addSeries(s);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawXError(false);
        r.setSeriesPaint(0, Charts.colour(0));
        r.setErrorPaint(Color.DARK_GRAY);
        r.setErrorStroke(new BasicStroke(1.5f));
        r.setSeriesLinesVisible(0, false);
        SymbolAxis xAxis = new SymbolAxis("model", names.toArray(String[]::new));
        NumberAxis yAxis = new NumberAxis(yLabel);
        yAxis.setRange(0.0, 1.0);
        XYPlot plot = new XYPlot(data, xAxis, yAxis, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        figure(b, Charts.toSvg(chart, "chart-" + id, Charts.WIDTH, Charts.HEIGHT));
    }

    private static void scaling(StringBuilder b, DemoSummary summary) {
        b.append("<h2 id=\"scaling\">Scaling: DPO on nested VaPR subsets</h2>\n<table class=\"numbers\">\n")
                .append("<thead><tr><th>pairs</th><th>share</th><th>POPE F1</th><th>bare POPE F1</th><th>NaturalBench G-Acc</th><th>final reward acc</th></tr></thead>\n<tbody>\n");
        List<ScalingPoint> pts = summary.scaling();
        int n = pts.size();
        double[] x = new double[n];
        double[][] f1 = new double[3][n];
        double[][] bare = new double[3][n];
        double[][] g = new double[3][n];
        for (int i = 0; i < n; i++) {
            ScalingPoint p = pts.get(i);
            b.append("<tr><th scope=\"row\">").append(p.pairs()).append("</th>").append(td(Findings.pctOf(p.share())))
                    .append(td(Findings.pct(p.popeF1()))).append(td(Findings.pct(p.popeBareF1())))
                    .append(td(Findings.pct(p.naturalbenchGAcc())))
                    .append(td(p.finalRewardAccuracy() == null ? "-" : Findings.fmt(p.finalRewardAccuracy()))).append("</tr>\n");
            x[i] = p.pairs();
            put(f1, i, p.popeF1());
            put(bare, i, p.popeBareF1());
            put(g, i, p.naturalbenchGAcc());
        }
        b.append("</tbody>\n</table>\n");
        ModelFigures sft = summary.models().get("sft");
        List<Charts.IntervalSeries> series = List.of(new Charts.IntervalSeries("POPE F1", x, f1[0], f1[1], f1[2], 0),
                new Charts.IntervalSeries("NaturalBench G-Acc", x, g[0], g[1], g[2], 1),
                new Charts.IntervalSeries("bare POPE F1", x, bare[0], bare[1], bare[2], 2));
        List<Charts.Level> levels = List.of(level("SFT POPE F1", sft.popeF1(), 0),
                level("SFT bare POPE F1", sft.popeBareF1(), 2), level("SFT NaturalBench G-Acc", sft.naturalbenchGAcc(), 1));
        figure(b, Charts.intervalLines("scaling", "Scores vs VaPR training pairs, 95% intervals (dashed: SFT)", "training pairs",
                "score", series, levels, false, null));
    }

    /** Writes {@code e}'s value, lower and upper bound (NaN when absent) at {@code i} of the three rows of {@code into}. */
    private static void put(double[][] into, int i, Estimate e) {
        into[0][i] = e.or();
        into[1][i] = e.ciLow() == null ? Double.NaN : e.ciLow();
        into[2][i] = e.ciHigh() == null ? Double.NaN : e.ciHigh();
    }

    private static Charts.Level level(String name, Estimate e, int colour) {
        return new Charts.Level(name, e.or(), e.ciLow() == null ? Double.NaN : e.ciLow(),
                e.ciHigh() == null ? Double.NaN : e.ciHigh(), colour);
    }

    private static void timings(StringBuilder b, List<StageTiming> timings) {
        b.append("<h2 id=\"timings\">Stage timings</h2>\n<table class=\"numbers\">\n<thead><tr><th>stage</th><th>seconds</th></tr></thead>\n<tbody>\n");
        double total = 0;
        for (StageTiming t : timings) {
            b.append("<tr><th scope=\"row\">").append(esc(t.stage())).append("</th>").append(td(String.format(Locale.ROOT, "%.1f", t.seconds())))
                    .append("</tr>\n");
            total += t.seconds();
        }
        b.append("<tr><th scope=\"row\">total (before the report)</th>").append(td(String.format(Locale.ROOT, "%.1f", total)))
                .append("</tr>\n</tbody>\n</table>\n");
    }

    private static void row(StringBuilder b, String name, Map<String, DatasetBias> datasets,
                            java.util.function.Function<DatasetBias, String> f) {
        b.append("<tr><th scope=\"row\">").append(esc(name)).append("</th>");
        datasets.values().forEach(d -> b.append(td(f.apply(d))));
        b.append("</tr>\n");
    }

    private static void figure(StringBuilder b, String svg) {
        b.append("<figure>\n").append(svg).append("\n</figure>\n");
    }

    private static String td(String s) {
        return "<td>" + esc(s) + "</td>";
    }

    static String esc(String s) {
        return org.vapr.analysis.report.HtmlReport.esc(s);
    }
}
