package org.vapr.analysis.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vapr.analysis.report.Charts;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.RunManifest;

class TrainingReportTest {
    private static final double EPS = 1e-9;

    @TempDir
    Path tmp;

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    static List<String> svgs(String html) {
        List<String> out = new ArrayList<>();
        for (int i = html.indexOf("<svg"); i >= 0; i = html.indexOf("<svg", i + 1)) {
            out.add(html.substring(i, html.indexOf("</svg>", i) + 6));
        }
        return out;
    }

    static String rgb(int i) {
        java.awt.Color c = Charts.colour(i);
        return "rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
    }

    private TrainingRun dpo() throws IOException {
        return TrainingRun.read(TrainingFixtures.dpoRun(tmp.resolve("dpo")), TrainingFixtures.dump(tmp.resolve("dump.jsonl")), "VaPR");
    }

    @Test
    void readsStepsAndEvaluationsSeparatelyAndIgnoresUnknownKeys() throws IOException {
        TrainingRun run = dpo();
        assertThat(run.steps()).extracting(LoggedStep::step).containsExactly(10L, 20L, 30L, 40L);
        assertThat(run.evals()).extracting(LoggedStep::step).containsExactly(20L, 40L);
        assertThat(run.evals().get(0).metrics()).containsEntry("loss", 0.68).containsEntry("rewards/accuracies", 0.6)
                .doesNotContainKey("eval_loss");
        assertThat(run.steps().get(1).metrics()).doesNotContainKey("note");
        assertThat(run.steps().get(1).has("grad_norm")).as("\"NaN\" is logged but not finite").isFalse();
        assertThat(run.steps().get(0).epoch()).isEqualTo(0.25);
        assertThat(run.pairs()).hasSize(9);
        assertThat(run.splits()).containsExactly("eval", "train");
        assertThat(run.primarySplit()).isEqualTo("train");
        assertThat(run.manifest()).isNull();
        assertThat(run.isPreference()).isTrue();
    }

    @Test
    void summaryNumbersMatchTheHandComputedValues() throws IOException {
        RunSummary s = RunSummary.of(dpo());
        assertThat(s.kind()).isEqualTo("dpo");
        assertThat(s.loggedSteps()).isEqualTo(4);
        assertThat(s.evaluations()).isEqualTo(2);
        assertThat(s.lastStep()).isEqualTo(40L);
        assertThat(s.lastEpoch()).isEqualTo(1.0);
        assertThat(s.finalTrain()).containsEntry("rewards/accuracies", 0.97).containsEntry("loss", 0.4)
                .containsEntry("grad_norm", 0.4).containsEntry("logps/chosen", -12.3);
        assertThat(s.finalEval()).containsEntry("rewards/accuracies", 0.8).containsEntry("loss", 0.5)
                .doesNotContainKey("runtime"); // unknown metrics stay out of the summary
        assertThat(s.accuracySaturationStep()).isEqualTo(30L);

        assertThat(s.pairs()).extracting(DeltaSummary::split, DeltaSummary::epoch)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("eval", 2), org.assertj.core.groups.Tuple.tuple("train", 1),
                        org.assertj.core.groups.Tuple.tuple("train", 2));
        DeltaSummary e1 = s.pairs().get(1);
        assertThat(e1.pairs()).isEqualTo(4);
        // Δref = 0, 0.005, 3, 1: two below 0.01
        assertThat(e1.nearZeroRefShare()).isEqualTo(0.5);
        assertThat(e1.meanDeltaRef()).isCloseTo((0 + 0.005 + 3 + 1) / 4.0, within(EPS));
        assertThat(e1.medianDeltaRef()).isCloseTo((0.005 + 1) / 2.0, within(EPS));
        // Δθ = 1, 0.5, 2, −1
        assertThat(e1.meanDeltaTheta()).isCloseTo(0.625, within(EPS));
        assertThat(e1.medianDeltaTheta()).isCloseTo(0.75, within(EPS));
        // Δθ − Δref = 1, 0.495, −1, −2
        assertThat(e1.meanMargin()).isCloseTo((1 + 0.495 - 1 - 2) / 4.0, within(EPS));
        assertThat(e1.medianMargin()).isCloseTo((-1 + 0.495) / 2.0, within(EPS));
        assertThat(e1.positiveMarginShare()).isEqualTo(0.5);
        // epoch 2: Δθ − Δref = 2, 0.995, 0, −1; the tie at 0 does not count as positive
        DeltaSummary e2 = s.lastDump("train");
        assertThat(e2.epoch()).isEqualTo(2);
        assertThat(e2.meanMargin()).isCloseTo((2 + 0.995 + 0 - 1) / 4.0, within(EPS));
        assertThat(e2.positiveMarginShare()).isEqualTo(0.5);
        assertThat(e2.meanDeltaRef()).isEqualTo(e1.meanDeltaRef());
    }

    @Test
    void jsonSummaryHasTheSameFiguresInSnakeCase() throws IOException {
        Path json = tmp.resolve("summary.json");
        TrainingSummary.of(List.of(dpo())).write(json);
        JsonNode root = Json.mapper().readTree(json.toFile());
        assertThat(root.get("near_zero_ref").asDouble()).isEqualTo(0.01);
        JsonNode run = root.get("runs").get(0);
        assertThat(run.get("label").asText()).isEqualTo("VaPR");
        assertThat(run.get("accuracy_saturation_step").asLong()).isEqualTo(30);
        assertThat(run.get("final_train").get("rewards/accuracies").asDouble()).isEqualTo(0.97);
        assertThat(run.get("final_eval").get("rewards/accuracies").asDouble()).isEqualTo(0.8);
        JsonNode train1 = run.get("pairs").get(1);
        assertThat(train1.get("near_zero_ref_share").asDouble()).isEqualTo(0.5);
        assertThat(train1.get("median_delta_theta").asDouble()).isCloseTo(0.75, within(EPS));
        assertThat(train1.get("positive_margin_share").asDouble()).isEqualTo(0.5);
    }

    @Test
    void singleRunPageHasOneSvgPerChartWithAxisLabelsAndTheSummaryNumbers() throws IOException {
        Path html = tmp.resolve("report.html");
        TrainingReport.write(List.of(dpo()), html);
        String page = Files.readString(html);
        // 7 curves (loss, rewards ×4, learning rate, grad norm) + Δref and Δθ histograms
        assertThat(count(page, "<svg")).isEqualTo(9);
        for (String id : List.of("run1-loss", "run1-rewards-chosen", "run1-rewards-rejected", "run1-rewards-accuracies",
                "run1-rewards-margins", "run1-learning-rate", "run1-grad-norm", "run1-delta-ref", "run1-delta-theta")) {
            assertThat(page).contains("<svg id='" + id + "'");
        }
        for (String svg : svgs(page)) {
            assertThat(count(svg, "<text")).as("title, legend, ticks, axis labels").isGreaterThanOrEqualTo(5);
        }
        String accuracy = svgs(page).stream().filter(s -> s.startsWith("<svg id='run1-rewards-accuracies'")).findFirst().orElseThrow();
        assertThat(accuracy).contains(">step</text>", ">rewards/accuracies</text>", ">VaPR train</text>", ">VaPR eval</text>");
        String ref = svgs(page).stream().filter(s -> s.startsWith("<svg id='run1-delta-ref'")).findFirst().orElseThrow();
        assertThat(ref).contains(">% of pairs</text>", "VaPR epoch 1", "VaPR epoch 2");
        assertThat(page).contains("<title>Training report: VaPR</title>", "<td>50.0%</td>", "<td>30</td>", "0.97 / 0.8");
        assertThat(page).contains("<td>1.0013 / 0.5025</td>"); // Δref mean / median
        assertThat(page.toLowerCase()).doesNotContain("<script", "<img", "<link", "@import");
        assertThat(page.replace("url(#", "")).doesNotContain("url(");
        assertThat(page).doesNotContain("<h2 id=\"cmp-comparison\"");
    }

    @Test
    void sftRunHasLossLearningRateAndGradNormOnly() throws IOException {
        TrainingRun sft = TrainingRun.read(TrainingFixtures.sftRun(tmp.resolve("sft")), null, "SFT");
        assertThat(sft.isPreference()).isFalse();
        String page = TrainingReport.render(List.of(sft), "test");
        assertThat(count(page, "<svg")).isEqualTo(3);
        assertThat(page).contains("<svg id='run1-loss'", "<svg id='run1-learning-rate'", "<svg id='run1-grad-norm'");
        String lr = svgs(page).stream().filter(s -> s.startsWith("<svg id='run1-learning-rate'")).findFirst().orElseThrow();
        assertThat(lr).contains("E-5"); // tiny values in E notation, not 0.0000
        RunSummary s = RunSummary.of(sft);
        assertThat(s.kind()).isEqualTo("sft");
        assertThat(s.finalEval()).containsOnlyKeys("loss");
        assertThat(s.accuracySaturationStep()).isNull();
        assertThat(s.pairs()).isEmpty();
    }

    private List<TrainingRun> threeRuns() throws IOException {
        List<TrainingRun> runs = new ArrayList<>();
        String[][] specs = {{"VaPR", "0.3", "0.5"}, {"POVID-style", "1.0", "5"}, {"SIMA-style", "0.1", "0"}};
        for (String[] s : specs) {
            Path dir = TrainingFixtures.shapedRun(tmp.resolve(s[0]), Double.parseDouble(s[1]), Double.parseDouble(s[2]));
            runs.add(TrainingRun.read(dir, dir.resolve("dump.jsonl"), s[0]));
        }
        return runs;
    }

    @Test
    void overlaysHaveOneSeriesPerRunInTheRunsColours() throws IOException {
        List<TrainingRun> runs = threeRuns();
        assertThat(TrainingCharts.overlaySeries(runs, "rewards/accuracies", false)).hasSize(3)
                .extracting(Charts.XySeries::name).containsExactly("VaPR", "POVID-style", "SIMA-style");
        String acc = TrainingCharts.rewardAccuracyOverlay("acc", runs);
        String ref = TrainingCharts.deltaRefOverlay("ref", runs).orElseThrow();
        for (int i = 0; i < runs.size(); i++) {
            assertThat(acc).contains(">" + runs.get(i).label() + "</text>", "stroke:" + rgb(i));
            assertThat(ref).contains(">" + runs.get(i).label() + "</text>", "fill:" + rgb(i));
        }
        assertThat(acc).doesNotContain("stroke:" + rgb(3));
        // SIMA-style: every Δref is 0, so all its pairs are near zero; POVID-style: only the 10% with (i % 10) == 2
        List<RunSummary> sums = TrainingSummary.of(runs).runs();
        assertThat(sums.get(2).lastDump("train").nearZeroRefShare()).isEqualTo(1.0);
        assertThat(sums.get(1).lastDump("train").nearZeroRefShare()).isEqualTo(0.1);
        assertThat(sums.get(1).accuracySaturationStep()).isEqualTo(9L); // 0.5 + 9/20 = 0.95
        assertThat(sums.get(0).accuracySaturationStep()).isNull();
    }

    @Test
    void comparisonPageOverlaysRunsAndKeepsEachRunsSection() throws IOException {
        String page = TrainingReport.render(threeRuns(), "test");
        // comparison: accuracy, loss, Δref, Δθ; per run: 6 curves (no grad norm) + 2 histograms
        assertThat(count(page, "<svg")).isEqualTo(4 + 3 * 8);
        assertThat(page).contains("<svg id='cmp-accuracy'", "<svg id='cmp-loss'", "<svg id='cmp-delta-ref'", "<svg id='cmp-delta-theta'",
                "<svg id='run3-delta-theta'", "<title>Training comparison: VaPR vs POVID-style vs SIMA-style</title>");
        // the SVG-internal ids are prefixed per chart, so none repeats across the page
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id='([^']+)'").matcher(page);
        java.util.Set<String> ids = new java.util.HashSet<>();
        while (m.find()) {
            assertThat(ids.add(m.group(1))).as("unique id " + m.group(1)).isTrue();
        }
    }

    @Test
    void aRunWithoutDumpKeepsItsColourInTheDeltaOverlay() throws IOException {
        List<TrainingRun> runs = new ArrayList<>();
        runs.add(TrainingRun.read(TrainingFixtures.sftRun(tmp.resolve("sft")), null, "no dump"));
        runs.addAll(threeRuns().subList(0, 1));
        String ref = TrainingCharts.deltaRefOverlay("ref", runs).orElseThrow();
        assertThat(ref).contains(">no dump</text>", ">VaPR</text>", "fill:" + rgb(1));
        assertThat(TrainingCharts.deltaRefOverlay("ref", runs.subList(0, 1))).isEmpty();
    }

    @Test
    void manifestOptionsAreShown() throws IOException {
        Path dir = TrainingFixtures.dpoRun(tmp.resolve("with-manifest"));
        Clock fixed = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        RunManifest.start("train", fixed).option("beta", 0.1).option("loss", "sigmoid").option("api_key", "sk-secret")
                .seed("seed", 42).write(dir);
        TrainingRun run = TrainingRun.read(dir, null, "with <manifest> & co");
        String page = TrainingReport.render(List.of(run), "test");
        assertThat(page).contains("<th scope=\"row\">beta</th><td class=\"text\">0.1</td>",
                "<th scope=\"row\">loss</th><td class=\"text\">sigmoid</td>", "<th scope=\"row\">seed</th><td class=\"text\">42</td>",
                "2026-01-02T03:04:05Z", "with &lt;manifest&gt; &amp; co");
        assertThat(page).doesNotContain("sk-secret", "<manifest>");
    }

    @Test
    void sameInputsGiveIdenticalBytes() throws IOException {
        List<TrainingRun> runs = threeRuns();
        Path a = tmp.resolve("a.html");
        Path b = tmp.resolve("b.html");
        TrainingReport.write(runs, a, tmp.resolve("a.json"));
        // read again from disk, so nothing is shared between the two renderings
        List<TrainingRun> again = new ArrayList<>();
        for (TrainingRun r : runs) {
            again.add(TrainingRun.read(r.runDir(), r.runDir().resolve("dump.jsonl"), r.label()));
        }
        TrainingReport.write(again, b, tmp.resolve("b.json"));
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(tmp.resolve("a.json"))).isEqualTo(Files.readAllBytes(tmp.resolve("b.json")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"epoch": 0.1, "loss": 0.5}                       | field 'step': missing
            {"step": 1.5, "loss": 0.5}                        | field 'step': must be a whole number >= 0, not 1.5
            {"step": 1, "loss": "low"}                        | field 'loss': must be a number, not "low"
            {"step": 1, "eval_rewards/accuracies": [1]}       | field 'eval_rewards/accuracies': must be a number
            {"step": 1, "epoch": "one"}                       | field 'epoch': must be a number
            {"step": 1, "loss": 0.5                           | not valid JSON
            [1, 2]                                            | not a JSON object
            """)
    void badMetricsLinesNameFileLineAndField(String bad, String expected) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Path metrics = dir.resolve("metrics.jsonl");
        Files.writeString(metrics, "{\"step\": 0, \"loss\": 0.7}\n" + bad + "\n");
        assertThatThrownBy(() -> TrainingRun.read(dir, null, "bad")).isInstanceOf(InputException.class)
                .hasMessageStartingWith(metrics + ": line 2 (byte 25)").hasMessageContaining(expected)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "logp_rejected": -2, "ref_logp_chosen": -1, "ref_logp_rejected": -2                     | field 'logp_chosen': missing
            "logp_chosen": "x", "logp_rejected": -2, "ref_logp_chosen": -1, "ref_logp_rejected": -2 | field 'logp_chosen': must be a finite number, not "x"
            "logp_chosen": -1, "logp_rejected": -2, "ref_logp_chosen": -1                           | field 'ref_logp_rejected': missing
            """)
    void badDumpLinesNameFileLineAndField(String fields, String expected) throws IOException {
        Path dir = TrainingFixtures.sftRun(tmp.resolve("run"));
        Path dump = tmp.resolve("dump.jsonl");
        Files.writeString(dump, "{\"epoch\": 1, \"split\": \"train\", \"id\": \"a\", \"logp_chosen\": -1, \"logp_rejected\": -2, "
                + "\"ref_logp_chosen\": -1, \"ref_logp_rejected\": -2}\n\n{\"epoch\": 1, \"split\": \"train\", \"id\": \"b\", " + fields + "}\n");
        assertThatThrownBy(() -> TrainingRun.read(dir, dump, "x")).isInstanceOf(InputException.class)
                .hasMessageStartingWith(dump + ": line 3").hasMessageContaining(expected);
    }

    @Test
    void badSplitMissingFilesAndBadManifestAreInputErrors() throws IOException {
        Path dir = TrainingFixtures.sftRun(tmp.resolve("run"));
        Path dump = tmp.resolve("d.jsonl");
        Files.writeString(dump, "{\"epoch\": 1, \"split\": \"test\", \"id\": \"a\", \"logp_chosen\": -1, \"logp_rejected\": -2, "
                + "\"ref_logp_chosen\": -1, \"ref_logp_rejected\": -2}\n");
        assertThatThrownBy(() -> TrainingRun.read(dir, dump, "x")).isInstanceOf(InputException.class)
                .hasMessageContaining(dump + ": line 1").hasMessageContaining("field 'split': must be \"train\" or \"eval\"");
        assertThatThrownBy(() -> TrainingRun.read(tmp.resolve("nowhere"), null, "x")).isInstanceOf(InputException.class)
                .hasMessageContaining("metrics.jsonl: not found");
        assertThatThrownBy(() -> TrainingRun.read(dir, tmp.resolve("missing.jsonl"), "x")).isInstanceOf(InputException.class)
                .hasMessageContaining("missing.jsonl: not found");
        Files.writeString(dir.resolve("manifest.json"), "{\"command\": ");
        assertThatThrownBy(() -> TrainingRun.read(dir, null, "x")).isInstanceOf(InputException.class)
                .hasMessageStartingWith(dir.resolve("manifest.json") + ": not valid JSON");
    }

    @Test
    void histogramBinsAreRoundSharedAndCoverOutliers() {
        double[] a = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};
        double[] b = new double[200];
        for (int i = 0; i < b.length; i++) {
            b[i] = i / 200.0;
        }
        b[0] = -50; // one outlier each way, beyond the 1st/99th percentile
        b[199] = 50;
        HistogramBins bins = HistogramBins.covering(List.of(a, b));
        assertThat(bins.width()).isEqualTo(0.05);
        assertThat(bins.underflow()).isTrue();
        assertThat(bins.overflow()).isTrue();
        assertThat(bins.labels()).startsWith("<0.00", "0.00", "0.05").endsWith("0.95", "≥1.00"); // 1.0 lies at the end of the regular bins
        double[] pa = bins.percentages(a);
        assertThat(java.util.Arrays.stream(pa).sum()).isCloseTo(100, within(1e-9));
        assertThat(pa[0]).isZero();
        assertThat(bins.percentages(b)[0]).isCloseTo(0.5, within(1e-9));
        assertThat(bins.percentages(b)[bins.size() - 1]).isCloseTo(0.5, within(1e-9));
        // all values equal: one-unit span around them
        HistogramBins same = HistogramBins.covering(List.of(new double[] {0, 0, 0}));
        assertThat(same.percentages(new double[] {0, 0})).containsOnlyOnce(100.0);
        assertThat(same.labels()).contains("0.00").noneMatch(l -> l.contains("-0.00"));
    }
}
