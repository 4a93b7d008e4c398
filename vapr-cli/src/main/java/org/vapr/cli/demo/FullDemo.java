package org.vapr.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.vapr.analysis.AnalysisSettings;
import org.vapr.analysis.BiasAnalysis;
import org.vapr.analysis.BiasReport;
import org.vapr.analysis.read.SourceFormat;
import org.vapr.analysis.report.HtmlReport;
import org.vapr.analysis.report.ReportJson;
import org.vapr.analysis.stats.BiasStatistics;
import org.vapr.analysis.training.TrainingRun;
import org.vapr.cli.demo.DemoSummary.DatasetBias;
import org.vapr.cli.demo.DemoSummary.ModelFigures;
import org.vapr.cli.demo.DemoSummary.ScalingPoint;
import org.vapr.cli.demo.DemoSummary.StageTiming;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.RunManifest;
import org.vapr.core.manifest.Tally;
import org.vapr.eval.Benchmark;
import org.vapr.eval.BenchmarkScoring;
import org.vapr.eval.ScoreReport;
import org.vapr.eval.ScoredRun;
import org.vapr.eval.backend.InProcessBackend;
import org.vapr.eval.parse.ChoiceParser;
import org.vapr.eval.parse.PopeParser;
import org.vapr.eval.score.Bootstrap;
import org.vapr.eval.run.BenchmarkRun;
import org.vapr.eval.run.RunRequest;
import org.vapr.eval.run.RunResult;
import org.vapr.pipeline.BuildPipeline;
import org.vapr.pipeline.BuildReport;
import org.vapr.pipeline.edit.Editor;
import org.vapr.pipeline.edit.PovidStyleEditor;
import org.vapr.pipeline.edit.RuleEditor;
import org.vapr.train.model.VlmConfig;
import org.vapr.train.model.WorldVlm;
import org.vapr.train.objective.DpoLossType;
import org.vapr.train.run.DpoRun;
import org.vapr.train.run.LlavaTurns;
import org.vapr.train.run.Overrides;
import org.vapr.train.run.QaTurn;
import org.vapr.train.run.RunControl;
import org.vapr.train.run.SftRun;
import org.vapr.train.run.TrainingPreset;
import org.vapr.train.text.WordTokenizer;
import org.vapr.world.BenchmarkKind;
import org.vapr.world.BenchmarkSynthesizer;
import org.vapr.world.SceneOracle;
import org.vapr.world.SynthOptions;
import org.vapr.world.SynthReport;
import org.vapr.world.WorldSynthesizer;

/**
 * The complete demo as a library: one method per stage, each writing into its own subdirectory of the output
 * directory with its manifest, in the order {@link #run()} calls them:
 * <ol>
 *   <li>{@link #synthesizeWorld()} → {@code world/}; {@link #synthesizeBenchmarks()} → {@code benchmarks/{pope,naturalbench,mc}/};</li>
 *   <li>{@link #writeSftCorpus()} → {@code datasets/sft/} (the SFT corpus: the SFT categories' turns of the first
 *       {@code scenes} scenes); {@link #writePairPool()} → {@code datasets/pair-scenes/} (the same categories' turns of
 *       the plan's pair scenes, which SFT never sees, and which the pairs are sampled from);
 *       {@link #buildDataset(String, Editor)} → {@code datasets/build-{vapr,povid}/} (SIMA-style after the SFT);</li>
 *   <li>{@link #trainSft()} → {@code models/sft/} and {@link #writeBaseModel()} → {@code models/base/} (SFT's untrained init);
 *       while a validation POPE ({@code benchmarks/validation-pope/}, scored in {@code eval/sft-check-<n>/}) finds the
 *       model still answering "yes" to everything, one more epoch each into {@code models/sft-extra-<n>/};</li>
 *   <li>{@link #equalizeAndAnalyze()} → {@code datasets/}: the three datasets cut to the same turns, held-out VaPR eval
 *       pairs, bias statistics and the comparison page;</li>
 *   <li>{@link #trainSftOnVapr()} → {@code models/sft_on_vapr/}; {@link #trainDpo(String, Path, Path)} →
 *       {@code dpo/{vapr,povid,sima}/}; {@link #scalingRuns()} → {@code scaling/};</li>
 *   <li>{@link #evaluate(String, Path)} → {@code eval/<model>/{pope,naturalbench,mc}/};</li>
 *   <li>{@link #writeReport()} → {@code report.html}, {@code summary.json}, {@code manifest.json}.</li>
 * </ol>
 * The same settings and seed give the same files apart from timings (the engine must run with the same thread count).
 */
public final class FullDemo {
    /** The dataset keys, in report order. */
    public static final List<String> DATASETS = List.of("vapr", "povid", "sima");
    /** The model keys, in report order. */
    public static final List<String> MODELS = List.of("base", "sft", "sft_on_vapr", "dpo_vapr", "dpo_povid", "dpo_sima");

    static final Map<String, String> DATASET_LABELS = Map.of("vapr", "VaPR", "povid", "POVID-style", "sima", "SIMA-style");
    static final Map<String, String> MODEL_LABELS = Map.of("base", "Base (untrained)", "sft", "SFT", "sft_on_vapr",
            "SFT on VaPR", "dpo_vapr", "DPO VaPR", "dpo_povid", "DPO POVID-style", "dpo_sima", "DPO SIMA-style");

    /** Opens the SIMA-style self-sampling editor on a model directory (the CLI's {@code --editor self-sample}). */
    @FunctionalInterface
    public interface SelfSampleEditors {
        /** The editor; closed by the demo when it is {@link AutoCloseable}. */
        Editor open(Path modelDir, Path imageRoot) throws IOException;
    }

    /**
     * How to run.
     *
     * @param out         the demo directory
     * @param seed        the seed of every stage
     * @param threads     engine threads (recorded; the caller configures the engine before anything runs)
     * @param plan        the sizes
     * @param quiet       no progress bars
     * @param commandLine the command line, for the manifests
     * @param selfSample  opens the SIMA-style editor
     */
    public record Settings(Path out, long seed, int threads, DemoPlan plan, boolean quiet, String commandLine,
                           SelfSampleEditors selfSample) {
    }

    /** The benchmark files of the held-out scenes. */
    record BenchmarkFiles(List<Path> pope, Path naturalBench, Path mc) {
    }

    /**
     * One model's evaluations: POPE with LLaVA's short-answer instruction ({@code pope}) and with the bare question of
     * the original POPE files ({@code popeBare}), NaturalBench and multiple choice.
     */
    record ModelEval(ScoreReport pope, ScoreReport popeBare, ScoreReport naturalBench, ScoreReport mc, RunResult popeRun,
                     RunResult popeBareRun, RunResult nbRun, Rescored nbOptionText, Rescored mcOptionText) {
    }

    /** A benchmark's predictions scored again with another parser: the run, for paired comparisons, and its report. */
    record Rescored(ScoredRun run, ScoreReport report) {
    }

    /** Tokens generated per benchmark answer: enough for "Yes, there is a red circle." or a letter. */
    static final int EVAL_MAX_NEW_TOKENS = 12;

    private final Settings settings;
    private final DemoPlan plan;
    private final Path out;
    private final PrintWriter log;
    private final List<StageTiming> timings = new ArrayList<>();

    private SynthReport world;
    private Path sftCorpus;
    private WorldSentences sentenceBook;
    private Path sftScenes;
    private Path pairPool;
    private Path pairDistribution;
    private BenchmarkFiles benchmarks;
    private final Map<String, Path> builds = new LinkedHashMap<>();
    private final Map<String, Path> trainPairs = new LinkedHashMap<>();
    private Path evalPairs;
    private final Map<String, DatasetBias> bias = new LinkedHashMap<>();
    private final Map<String, Path> modelDirs = new LinkedHashMap<>();
    private final Map<String, Long> steps = new LinkedHashMap<>();
    private final Map<String, TrainingRun> dpoRuns = new LinkedHashMap<>();
    private final Map<String, ModelEval> evals = new LinkedHashMap<>();
    private final List<ScalingPoint> scaling = new ArrayList<>();

    public FullDemo(Settings settings, PrintWriter log) {
        this.settings = settings;
        this.plan = settings.plan();
        this.out = settings.out();
        this.log = log;
    }

    /** Runs every stage in order and returns the summary (also written to {@code summary.json}). */
    public DemoSummary run() throws IOException {
        Files.createDirectories(out);
        RunManifest.invalidate(out);
        RunManifest manifest = RunManifest.start(settings.commandLine());
        stage("synthesize world", () -> {
            synthesizeWorld();
            return null;
        });
        stage("synthesize benchmarks", () -> {
            synthesizeBenchmarks();
            return null;
        });
        if (!plan.sftCategories().isEmpty()) {
            stage("select the SFT corpus", this::writeSftCorpus);
        }
        if (plan.pairScenes() > 0) {
            stage("select the pair scenes", this::writePairPool);
        }
        stage("build VaPR pairs", () -> buildDataset("vapr", null));
        stage("build POVID-style pairs", () -> buildDataset("povid", new PovidStyleEditor(SceneOracle.load(world.scenesFile()))));
        stage("SFT on the world corpus", () -> {
            writeBaseModel();
            return trainSft();
        });
        stage("build SIMA-style pairs", () -> {
            Editor sampler = settings.selfSample().open(modelDirs.get("sft"), world.corpus().getParent());
            try {
                return buildDataset("sima", sampler);
            } finally {
                if (sampler instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        throw new IOException("closing the self-sample editor: " + e.getMessage(), e);
                    }
                }
            }
        });
        stage("equalize and analyze datasets", () -> {
            equalizeAndAnalyze();
            return null;
        });
        stage("SFT on VaPR chosen answers", this::trainSftOnVapr);
        for (String d : DATASETS) {
            stage("DPO on " + DATASET_LABELS.get(d), () -> trainDpo("dpo_" + d, trainPairs.get(d), out.resolve("dpo").resolve(d)));
        }
        stage("DPO scaling sweep", () -> {
            scalingRuns();
            return null;
        });
        for (String m : MODELS) {
            stage("evaluate " + MODEL_LABELS.get(m), () -> evaluate(m, modelDirs.get(m)));
        }
        stage("evaluate scaling runs", () -> {
            evaluateScaling();
            return null;
        });
        DemoSummary summary = stage("write report", this::writeReport);
        manifest.option("plan", plan.name()).option("pair_scenes", plan.pairScenes()).option("threads", settings.threads())
                .seed("seed", settings.seed())
                .put("outputs", List.of("report.html", "summary.json"));
        manifest.write(out);
        return summary;
    }

    /** The timed stages so far. */
    public List<StageTiming> timings() {
        return List.copyOf(timings);
    }

    // ---- stage 1: world and benchmarks ------------------------------------------------------------------------

    /** The training world in {@code world/}. */
    public SynthReport synthesizeWorld() throws IOException {
        SynthOptions options = SynthOptions.defaults().withSamples(plan.scenes() + plan.pairScenes()).withSeed(settings.seed())
                .withImageSize(plan.imageSize()).withYesShare(plan.yesShare()).withDifficulty(plan.difficulty());
        world = WorldSynthesizer.synthesize(out.resolve("world"), options);
        log.printf("      %,d records, %,d images (difficulty %s, yes share %.2f)%s%n", world.records(), world.images(),
                plan.difficulty().id, plan.yesShare(), plan.pairScenes() == 0 ? ""
                        : String.format(Locale.ROOT, "; scenes %,d+ are the pair scenes, which SFT never sees", plan.scenes()));
        return world;
    }

    /** POPE (three splits), NaturalBench and multiple choice from held-out scenes in {@code benchmarks/}. */
    public void synthesizeBenchmarks() throws IOException {
        Path root = out.resolve("benchmarks");
        Map<BenchmarkKind, List<Path>> files = new LinkedHashMap<>();
        for (BenchmarkKind kind : BenchmarkKind.values()) {
            int scenes = switch (kind) {
                case POPE -> plan.popeScenes();
                case NATURALBENCH -> plan.naturalBenchGroups();
                case MC -> plan.mcQuestions();
            };
            var report = BenchmarkSynthesizer.builder().setOut(root.resolve(kind.id)).setKind(kind).optScenes(scenes)
                    .optSeed(settings.seed()).optImageSize(plan.imageSize()).optDifficulty(plan.difficulty())
                    .optHeldOutFrom(out.resolve("world")).build().synthesize();
            files.put(kind, report.files());
            log.printf("      %s: %s%n", kind.id, report.counts());
        }
        benchmarks = new BenchmarkFiles(files.get(BenchmarkKind.POPE), files.get(BenchmarkKind.NATURALBENCH).get(0),
                files.get(BenchmarkKind.MC).get(0));
    }

    // ---- stage 2: datasets ------------------------------------------------------------------------------------

    /**
     * Builds one dataset into {@code datasets/build-<key>/} from the world with the same size and seed as the others,
     * so all three editors see the same sampled turns; {@code editor} null means the rule editor (VaPR).
     */
    public BuildReport buildDataset(String key, Editor editor) throws IOException {
        Path dir = out.resolve("datasets").resolve("build-" + key);
        boolean fromSft = !plan.pairShares().isEmpty();
        if (fromSft && sftCorpus == null) {
            writeSftCorpus();
        }
        Path input = plan.pairScenes() > 0 ? (pairPool != null ? pairPool : writePairPool()) : fromSft ? sftCorpus : world.corpus();
        BuildPipeline.Builder b = BuildPipeline.builder().setInput(input).setOut(dir)
                .optImages(world.corpus().getParent()).optSize(plan.pairs()).optSeed(settings.seed())
                .optVerifier(SceneOracle.load(world.scenesFile())).optCommandLine(settings.commandLine());
        if (fromSft) {
            b.optDistribution(writePairDistribution());
        }
        WorldSentences sentences = plan.worldSentences() ? worldSentences() : null;
        if (sentences != null) {
            b.optExtender(sentences.extender());
        }
        if (editor != null) {
            b.optEditor(editor);
        } else {
            // the rule editor's replacements restricted to the corpus' own answer words: "orange" in a world of six
            // other colors is a word the model never saw, an easy negative rather than a hard one
            Set<String> words = answerWords(fromSft ? sftCorpus : world.corpus());
            Editor rules = RuleEditor.restrictedTo(words);
            b.optEditor(sentences == null ? rules : sentences.editor(rules));
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("replacement_words", "the corpus' answer words");
            config.put("replacement_word_count", words.size());
            config.put("world_sentences", sentences != null);
            b.optManifestExtras(() -> Map.of("editor_config", config));
        }
        BuildReport r = b.build().run();
        builds.put(key, dir.resolve("pairs.jsonl"));
        log.printf("      %s: %,d sampled turns -> %,d pairs (mean word Levenshtein %.2f, token delta %.2f)%n",
                DATASET_LABELS.get(key), r.sampled(), r.pairs(), r.meanWordLevenshtein(), r.meanTokenLengthDelta());
        return r;
    }

    private WorldSentences worldSentences() throws IOException {
        if (sentenceBook == null) {
            sentenceBook = WorldSentences.read(world.corpus().resolveSibling("labels.jsonl"));
        }
        return sentenceBook;
    }

    /** The distinct lowercase words of a LLaVA corpus' answers (its {@code gpt} turns). */
    static Set<String> answerWords(Path corpus) throws IOException {
        Set<String> words = new TreeSet<>();
        for (JsonNode record : Json.mapper().readTree(corpus.toFile())) {
            for (JsonNode turn : record.path("conversations")) {
                if ("gpt".equals(turn.path("from").asText())) {
                    for (String w : turn.path("value").asText().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                        if (!w.isEmpty()) {
                            words.add(w);
                        }
                    }
                }
            }
        }
        return words;
    }

    /**
     * {@code datasets/pair-distribution.json}: the plan's pair categories and shares, the builder's {@code --distribution};
     * written once, for the first dataset built.
     */
    private Path writePairDistribution() throws IOException {
        if (pairDistribution == null) {
            Path file = out.resolve("datasets").resolve("pair-distribution.json");
            Files.createDirectories(file.getParent());
            AtomicFiles.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(plan.pairShares()) + "\n");
            pairDistribution = file;
        }
        return pairDistribution;
    }

    /**
     * Cuts the three datasets to the turns all of them kept (in VaPR's order), holds out the last {@code evalShare} of
     * them as VaPR evaluation pairs, writes {@code datasets/<key>.train.jsonl}, {@code datasets/vapr.eval.jsonl}, the
     * bias statistics ({@code bias.json}, {@code bias-report.html}) and the manifest.
     */
    public void equalizeAndAnalyze() throws IOException {
        Path dir = out.resolve("datasets");
        RunManifest manifest = RunManifest.start(settings.commandLine());
        PairSets sets = PairSets.read(builds);
        PairSets.Split split = sets.split(plan.evalShare());
        if (plan.balanceYesNo()) { // each split on its own, so both prefer "yes" as often as "no"
            split = new PairSets.Split(sets.balanceYesNo("vapr", split.train()), sets.balanceYesNo("vapr", split.eval()));
        }
        int setAside = sets.common().size() - split.train().size() - split.eval().size();
        if (setAside > 0) {
            log.printf("      yes/no pairs balanced by answer in each split: %,d turns set aside%n", setAside);
        }
        ContrastImages contrast = null;
        ContrastImages evalContrast = null;
        if (plan.conditionalWeight() > 0) {
            SceneOracle oracle = SceneOracle.load(world.scenesFile());
            contrast = ContrastImages.render(split.train(), sets.lines().get("vapr"), oracle, plan.difficulty(),
                    plan.imageSize(), settings.seed(), dir.resolve("contrast"), world.corpus().getParent());
            evalContrast = ContrastImages.render(split.eval(), sets.lines().get("vapr"), oracle, plan.difficulty(),
                    plan.imageSize(), settings.seed(), dir.resolve("contrast"), world.corpus().getParent());
            log.printf("      %,d contrast images (the smallest scene edit that makes the chosen answer wrong), %,d pairs "
                    + "without; %,d for the held-out pairs%n", contrast.made().total(), contrast.skipped().total(),
                    evalContrast.made().total());
        }
        for (String d : DATASETS) {
            Path f = dir.resolve(d + ".train.jsonl");
            sets.write(d, split.train(), contrast == null ? Map.of() : contrast.byId(), f);
            trainPairs.put(d, f);
            manifest.input("build_" + d, builds.get(d));
        }
        evalPairs = dir.resolve("vapr.eval.jsonl");
        sets.write("vapr", split.eval(), evalContrast == null ? Map.of() : evalContrast.byId(), evalPairs);
        log.printf("      %,d turns paired by all three editors: %,d training pairs each, %,d held-out VaPR eval pairs%n",
                sets.common().size(), split.train().size(), split.eval().size());
        Map<String, BiasReport> reports = new LinkedHashMap<>();
        for (String d : DATASETS) {
            BiasReport r = BiasAnalysis.analyze(trainPairs.get(d), AnalysisSettings.defaults().withFormat(SourceFormat.VAPR));
            reports.put(DATASET_LABELS.get(d), r);
            bias.put(d, datasetBias(DATASET_LABELS.get(d), r.overall(), PairSets.yesNo(trainPairs.get(d))));
        }
        ReportJson.write(dir.resolve("bias.json"), ReportJson.compare(reports));
        HtmlReport.write(dir.resolve("bias-report.html"), reports);
        manifest.seed("seed", settings.seed()).option("eval_share", plan.evalShare())
                .option("balance_yes_no", plan.balanceYesNo())
                .count("common_turns", sets.common().size()).count("yes_no_set_aside", setAside)
                .count("train_pairs", split.train().size())
                .count("eval_pairs", split.eval().size())
                .put("outputs", List.of("vapr.train.jsonl", "povid.train.jsonl", "sima.train.jsonl", "vapr.eval.jsonl",
                        "bias.json", "bias-report.html"));
        if (contrast != null) {
            manifest.counts("contrast_images_by_category", contrast.made())
                    .counts("no_contrast_image_by_category", contrast.skipped())
                    .counts("eval_contrast_images_by_category", evalContrast.made())
                    .counts("eval_no_contrast_image_by_category", evalContrast.skipped())
                    .put("contrast_images", "contrast/: per training and held-out pair, the scene with the fewest "
                            + "objects recolored or reshaped so that the chosen answer is wrong (vapr-world ContrastScenes)");
        }
        manifest.write(dir);
    }

    static DatasetBias datasetBias(String label, BiasStatistics s, long[] yesNo) {
        return new DatasetBias(label, s.pairs(), round(s.wordLevenshtein().mean()), round(s.wordLevenshtein().median()),
                round(s.wordLevenshteinDistinct().mean()),
                round(s.tokenLengthDelta().all().mean()), round(s.tokenLengthDelta().all().meanAbs()),
                round(s.tokenLengthDelta().all().chosenLonger()), round(s.tokenLengthDelta().all().chosenShorter()),
                round(s.duplicates().exactShare()), round(s.duplicates().nearShare()),
                round(s.lengths().chosenTokens().mean()), round(s.lengths().rejectedTokens().mean()), yesNo[0],
                yesNo[0] == 0 ? null : (Double) round((double) yesNo[1] / yesNo[0]));
    }

    // ---- stage 3: SFT -----------------------------------------------------------------------------------------

    private RunControl control() {
        return new RunControl(settings.seed(), settings.threads(), 1, 0, false, settings.quiet(), settings.commandLine(), List.of());
    }

    private Overrides dpoOverrides() {
        return new Overrides(plan.dpoEpochs(), plan.dpoLearningRate(), null, null, null, null, null, null, null, null, null,
                null, null, plan.dpoBeta());
    }

    /**
     * The SFT model in {@code models/sft/}: the untrained base ({@link #writeBaseModel()}) trained on the world corpus,
     * restricted to the plan's question categories ({@link #writeSftCorpus()}) when it names any; then, up to the
     * plan's {@code sftEscapeEpochs}, one more epoch into {@code models/sft-extra-<n>/} while the model is still on the
     * "always yes" plateau ({@link #stuckOnYes}); the last model is the SFT model of every later stage.
     */
    public SftRun.Result trainSft() throws IOException {
        Path dir = out.resolve("models").resolve("sft");
        Path data = plan.sftCategories().isEmpty() ? sftScenesCorpus() : sftCorpus != null ? sftCorpus : writeSftCorpus();
        Overrides o = new Overrides(plan.sftEpochs(), null, plan.sftBatch(), 1, null, null, null, null, null, null, null,
                null, null, null);
        SftRun.Result r = new SftRun(data, world.corpus().getParent(), dir, modelDirs.get("base"), null,
                TrainingPreset.WORLD, o, control()).run();
        modelDirs.put("sft", dir);
        steps.put("sft", r.steps());
        log.printf("      %,d rows, %,d steps, final loss %.3f%n", r.rows(), r.steps(), r.lastMetrics().getOrDefault("loss", Double.NaN));
        long total = r.steps();
        for (int extra = 1; extra <= plan.sftEscapeEpochs() && stuckOnYes(modelDirs.get("sft"), extra); extra++) {
            Path more = out.resolve("models").resolve("sft-extra-" + extra);
            Overrides one = new Overrides(1, null, plan.sftBatch(), 1, null, null, null, null, null, null, null, null, null, null);
            r = new SftRun(data, world.corpus().getParent(), more, modelDirs.get("sft"), null, TrainingPreset.WORLD, one,
                    control()).run();
            total += r.steps();
            modelDirs.put("sft", more);
            steps.put("sft", total);
            log.printf("      one more epoch into %s: %,d steps, final loss %.3f%n", out.relativize(more), r.steps(),
                    r.lastMetrics().getOrDefault("loss", Double.NaN));
        }
        return r;
    }

    /** The validation POPE's files, once made ({@link #stuckOnYes}). */
    private List<Path> validationPope;

    /** The seed offset of the validation POPE's held-out scenes (the benchmarks use the demo's seed itself). */
    static final long VALIDATION_SEED_OFFSET = 0x7A11DL;
    /** The validation yes-ratio at or above which the SFT model counts as still on the "always yes" plateau. */
    static final double PLATEAU_YES_RATIO = 0.95;

    /**
     * Whether the model answers "yes" to (almost) every question of a small POPE of held-out scenes drawn with another
     * seed than the benchmarks ({@code benchmarks/validation-pope/}, written on first use; its scores in
     * {@code eval/sft-check-<n>/}), so the check never looks at the test questions.
     */
    private boolean stuckOnYes(Path modelDir, int check) throws IOException {
        if (validationPope == null) { // made once per run, so a rerun into the same directory never reuses another seed's
            validationPope = BenchmarkSynthesizer.builder().setOut(out.resolve("benchmarks").resolve("validation-pope"))
                    .setKind(BenchmarkKind.POPE).optScenes(plan.popeScenes() / 4).optSeed(settings.seed() + VALIDATION_SEED_OFFSET)
                    .optImageSize(plan.imageSize()).optDifficulty(plan.difficulty()).optHeldOutFrom(out.resolve("world"))
                    .build().synthesize().files();
        }
        double yes;
        try (InProcessBackend backend = InProcessBackend.open(modelDir, plan.evalBatch(), EVAL_MAX_NEW_TOKENS)) {
            RunResult v = execute(Benchmark.POPE, validationPope, out.resolve("eval").resolve("sft-check-" + check), backend,
                    modelDir, true);
            yes = Estimate.of(v.report(), "average/yes_ratio").or();
        }
        boolean stuck = yes >= PLATEAU_YES_RATIO;
        log.printf(Locale.ROOT, "      validation POPE yes-ratio %.3f%s%n", yes, stuck ? ": still answering \"yes\" to everything" : "");
        return stuck;
    }

    /**
     * {@code datasets/sft/llava.json}: the world corpus' turns of the plan's SFT categories (by the world's
     * {@code labels.jsonl}), with a manifest counting the kept and dropped turns per category.
     */
    public Path writeSftCorpus() throws IOException {
        Tally turns = writeSceneTurns("sft", 0, plan.scenes());
        log.printf("      SFT corpus: %,d of %,d turns (%s)%n", kept(turns), turns.total(), String.join(", ", plan.sftCategories()));
        sftCorpus = out.resolve("datasets").resolve("sft").resolve("llava.json");
        return sftCorpus;
    }

    /**
     * {@code datasets/pair-scenes/llava.json}: the turns of the SFT categories of the plan's pair scenes (the world's
     * scenes after the SFT model's), which the three dataset builders sample their pairs from; with a manifest.
     */
    public Path writePairPool() throws IOException {
        Tally turns = writeSceneTurns("pair-scenes", plan.scenes(), (long) plan.scenes() + plan.pairScenes());
        log.printf("      pair scenes: %,d turns of %,d scenes the SFT model never sees%n", kept(turns), plan.pairScenes());
        pairPool = out.resolve("datasets").resolve("pair-scenes").resolve("llava.json");
        return pairPool;
    }

    /**
     * {@code datasets/<name>/llava.json}: the turns of the plan's SFT categories in world scenes
     * {@code [fromScene, toScene)}, with a manifest counting the kept and dropped turns per category.
     */
    private Tally writeSceneTurns(String name, long fromScene, long toScene) throws IOException {
        Path dir = out.resolve("datasets").resolve(name);
        Files.createDirectories(dir);
        RunManifest.invalidate(dir);
        RunManifest manifest = RunManifest.start(settings.commandLine());
        Path labels = world.corpus().resolveSibling("labels.jsonl");
        Tally turns = SftCorpus.write(world.corpus(), labels, plan.sftCategories(), fromScene, toScene, dir.resolve("llava.json"));
        manifest.input("data", world.corpus()).input("labels", labels).option("categories", plan.sftCategories())
                .option("scenes", fromScene + "-" + (toScene - 1))
                .option("images", world.corpus().getParent().toString()).counts("turns", turns);
        manifest.write(dir);
        return turns;
    }

    private static long kept(Tally turns) {
        return turns.asMap().entrySet().stream().filter(e -> e.getKey().startsWith("kept.")).mapToLong(Map.Entry::getValue).sum();
    }

    /**
     * The world corpus of the SFT model's scenes: the whole corpus without pair scenes, else its first
     * {@code scenes} scenes in {@code datasets/world-sft-scenes.llava.json}, written once: what a world of that size
     * would hold, so the tokenizer and the SFT data do not depend on the pair scenes.
     */
    private Path sftScenesCorpus() throws IOException {
        if (plan.pairScenes() == 0) {
            return world.corpus();
        }
        if (sftScenes == null) {
            Path file = out.resolve("datasets").resolve("world-sft-scenes.llava.json");
            Files.createDirectories(file.getParent());
            SftCorpus.writeScenes(world.corpus(), 0, plan.scenes(), file);
            sftScenes = file;
        }
        return sftScenes;
    }

    /**
     * The untrained base in {@code models/base/}, which the SFT run starts from: the corpus' tokenizer (as
     * {@link SftRun} builds it), {@link VlmConfig#world} with the plan's image size (48 px with 16 px patches puts each
     * grid cell of the demo world on one patch token) and the world preset's maximum length, initialised with the seed.
     */
    public Path writeBaseModel() throws IOException {
        Path dir = out.resolve("models").resolve("base");
        Files.createDirectories(dir);
        RunManifest.invalidate(dir);
        RunManifest manifest = RunManifest.start(settings.commandLine());
        List<QaTurn> turns = LlavaTurns.read(sftScenesCorpus(), world.corpus().getParent(), new Tally());
        WordTokenizer tokenizer = QaTurn.tokenizer(turns);
        VlmConfig c = VlmConfig.world(tokenizer.size());
        VlmConfig config = new VlmConfig(plan.imageSize(), c.patchSize(), c.dModel(), c.layers(), c.heads(), c.ffnHidden(),
                c.visionLayers(), c.vocabSize(), TrainingPreset.WORLD.maxLength(), c.ropeTheta(), c.normEps(), c.dropout(),
                c.tieEmbeddings());
        try (WorldVlm model = WorldVlm.create(config, tokenizer, settings.seed())) {
            model.save(dir);
        }
        manifest.input("data", sftScenesCorpus()).seed("seed", settings.seed()).option("note", "untrained: the SFT run's initialisation");
        manifest.write(dir);
        modelDirs.put("base", dir);
        steps.put("base", 0L);
        return dir;
    }

    /**
     * The paper's "SFT on VaPR" baseline in {@code models/sft_on_vapr/}: the SFT model trained further on the VaPR
     * training pairs' chosen answers, as many rows as DPO has pairs, with the DPO epochs and the same effective batch
     * (32), so it takes as many optimizer steps as one DPO run.
     */
    public SftRun.Result trainSftOnVapr() throws IOException {
        Path dir = out.resolve("models").resolve("sft_on_vapr");
        Path corpus = out.resolve("datasets").resolve("vapr.chosen.llava.json");
        PairSets.writeChosenCorpus(trainPairs.get("vapr"), corpus);
        TrainingPreset p = TrainingPreset.WORLD;
        Overrides o = new Overrides(plan.dpoEpochs(), plan.dpoLearningRate(), p.dpoMicroBatch() * p.dpoGradAccum(), 1, null, null, null, null,
                null, null, null, null, null, null);
        SftRun.Result r = new SftRun(corpus, world.corpus().getParent(), dir, modelDirs.get("sft"), null, p, o, control()).run();
        modelDirs.put("sft_on_vapr", dir);
        steps.put("sft_on_vapr", r.steps());
        log.printf("      %,d rows, %,d steps, final loss %.3f%n", r.rows(), r.steps(), r.lastMetrics().getOrDefault("loss", Double.NaN));
        return r;
    }

    // ---- stage 4: DPO -----------------------------------------------------------------------------------------

    /**
     * DPO (world preset; the plan's β, conditional weight, learning rate and epochs; LoRA or, per the plan, full
     * fine-tuning) from the SFT model on {@code pairs} into {@code dir}, with eval pairs and a dump.
     */
    public DpoRun.Result trainDpo(String key, Path pairs, Path dir) throws IOException {
        Path dump = dir.resolve("pair-dump.jsonl");
        DpoRun.Result r = DpoRun.builder().setModel(modelDirs.get("sft")).setPairs(pairs).setImages(world.corpus().getParent())
                .setOut(dir).setPreset(TrainingPreset.WORLD).setControl(control()).optEvalPairs(evalPairs).optDumpPairs(dump)
                .optLoss(DpoLossType.SIGMOID).optSftWeight(plan.dpoSftWeight()).optConditionalWeight(plan.conditionalWeight())
                .optFull(plan.dpoFull()).optOverrides(dpoOverrides()).build().run();
        modelDirs.put(key, dir.resolve("model"));
        steps.put(key, r.steps());
        TrainingRun run = TrainingRun.read(dir, dump, key.startsWith("dpo_") && DATASET_LABELS.containsKey(key.substring(4))
                ? DATASET_LABELS.get(key.substring(4)) : key);
        dpoRuns.put(key, run);
        Double train = lastEpochRewardAccuracy(run);
        log.printf(Locale.ROOT, "      %,d pairs, %,d steps, reward accuracy %.3f (train, last epoch) / %.3f (held-out VaPR)%n",
                r.pairs(), r.steps(), train == null ? Double.NaN : train, run.last("rewards/accuracies", true));
        return r;
    }

    /** DPO on nested prefixes of the VaPR training pairs ({@code scaling/vapr-<percent>/}); the full set is the main run. */
    public void scalingRuns() throws IOException {
        List<String> lines = Files.readAllLines(trainPairs.get("vapr"));
        for (double share : plan.scalingShares()) {
            if (share >= 1.0) {
                continue;
            }
            int n = Math.max(1, (int) Math.round(lines.size() * share));
            String name = "vapr-" + Math.round(share * 100);
            Path dir = out.resolve("scaling").resolve(name);
            Files.createDirectories(dir);
            Path subset = dir.resolve("pairs.jsonl");
            AtomicFiles.writeString(subset, String.join("\n", lines.subList(0, n)) + "\n");
            trainDpo("scaling_" + name, subset, dir.resolve("run"));
        }
    }

    // ---- stage 5: evaluation ----------------------------------------------------------------------------------

    /**
     * POPE (with LLaVA's short-answer instruction, and with the bare question into {@code pope_bare/}), NaturalBench
     * and MC for one model into {@code eval/<key>/}.
     */
    public ModelEval evaluate(String key, Path modelDir) throws IOException {
        Path dir = out.resolve("eval").resolve(key);
        ModelEval e;
        try (InProcessBackend backend = InProcessBackend.open(modelDir, plan.evalBatch(), EVAL_MAX_NEW_TOKENS)) {
            RunResult pope = execute(Benchmark.POPE, benchmarks.pope(), dir.resolve("pope"), backend, modelDir, true);
            RunResult bare = execute(Benchmark.POPE, benchmarks.pope(), dir.resolve("pope_bare"), backend, modelDir, false);
            RunResult nb = execute(Benchmark.NATURALBENCH, List.of(benchmarks.naturalBench()), dir.resolve("naturalbench"), backend, modelDir, true);
            RunResult mc = execute(Benchmark.SEED, List.of(benchmarks.mc()), dir.resolve("mc"), backend, modelDir, true);
            e = new ModelEval(pope.report(), bare.report(), nb.report(), mc.report(), pope, bare, nb,
                    rescoreByOptionText(Benchmark.NATURALBENCH, benchmarks.naturalBench(), dir.resolve("naturalbench")),
                    rescoreByOptionText(Benchmark.SEED, benchmarks.mc(), dir.resolve("mc")));
        }
        evals.put(key, e);
        log.printf(Locale.ROOT, "      POPE F1 %.3f acc %.3f yes %.3f (bare question: F1 %.3f acc %.3f yes %.3f) | NaturalBench acc %.3f G-Acc %.3f | MC %.3f%n",
                Estimate.of(e.pope(), "average/f1").or(), Estimate.of(e.pope(), "average/accuracy").or(),
                Estimate.of(e.pope(), "average/yes_ratio").or(), Estimate.of(e.popeBare(), "average/f1").or(),
                Estimate.of(e.popeBare(), "average/accuracy").or(), Estimate.of(e.popeBare(), "average/yes_ratio").or(),
                Estimate.of(e.naturalBench(), "acc").or(),
                Estimate.of(e.naturalBench(), "g_acc").or(), Estimate.of(e.mc(), "accuracy").or());
        log.printf(Locale.ROOT, "      option-text parser: NaturalBench acc %.3f G-Acc %.3f | MC %.3f%n",
                Estimate.of(e.nbOptionText().report(), "acc").or(), Estimate.of(e.nbOptionText().report(), "g_acc").or(),
                Estimate.of(e.mcOptionText().report(), "accuracy").or());
        return e;
    }

    /**
     * The predictions of {@code dir} scored again with the {@code option-text} parser (the world model was never taught to
     * answer with option letters; it names the option instead), into {@code scores_option_text.json} and
     * {@code items_option_text.jsonl} beside the official {@code scores.json}.
     */
    private Rescored rescoreByOptionText(Benchmark b, Path data, Path dir) throws IOException {
        List<Path> predictions = List.of(dir.resolve("predictions.jsonl"));
        ScoredRun run = BenchmarkScoring.score(b, List.of(data), predictions, PopeParser.OFFICIAL, ChoiceParser.OPTION_TEXT);
        Bootstrap boot = plan.bootstrapSamples() == 0 ? null : Bootstrap.of(plan.bootstrapSamples(), settings.seed());
        ScoreReport report = ScoreReport.of(run, List.of(data), List.of(Path.of("predictions.jsonl")), boot, null, null);
        report.writeJson(dir.resolve("scores_option_text.json"));
        run.writeItems(dir.resolve("items_option_text.jsonl"));
        // the run's manifest lists the two files and how they were made
        Path manifestFile = dir.resolve("manifest.json");
        ObjectNode manifest = (ObjectNode) Json.mapper().readTree(manifestFile.toFile());
        manifest.withArray("outputs").add("scores_option_text.json").add("items_option_text.jsonl");
        ObjectNode rescored = manifest.putObject("rescored");
        rescored.put("parser", ChoiceParser.OPTION_TEXT.id()).put("predictions", "predictions.jsonl");
        rescored.putArray("outputs").add("scores_option_text.json").add("items_option_text.jsonl");
        rescored.putObject("primary_score").put("name", report.primary())
                .put("value", Estimate.of(report, report.primary()).or());
        AtomicFiles.writeString(manifestFile, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
        return new Rescored(run, report);
    }

    private RunResult execute(Benchmark b, List<Path> files, Path dir, InProcessBackend backend, Path modelDir,
                              boolean popeShortAnswer) throws IOException {
        RunRequest req = new RunRequest(b, files, null, dir, 0, popeShortAnswer, PopeParser.OFFICIAL, ChoiceParser.OFFICIAL,
                plan.bootstrapSamples(),
                settings.seed(), null, null, null, null);
        RunManifest manifest = RunManifest.start(settings.commandLine());
        manifest.option("benchmark", b.id()).option("model", modelDir.toString()).option("bootstrap", plan.bootstrapSamples());
        if (b == Benchmark.POPE) {
            manifest.option("pope_short_answer", popeShortAnswer);
        }
        return BenchmarkRun.execute(req, backend, manifest);
    }

    /** Evaluates the scaling runs (the 100% point is the main VaPR-DPO model) and records the sweep. */
    public void evaluateScaling() throws IOException {
        int total = (int) Files.readAllLines(trainPairs.get("vapr")).size();
        for (double share : plan.scalingShares()) {
            String key = share >= 1.0 ? "dpo_vapr" : "scaling_vapr-" + Math.round(share * 100);
            ModelEval e = evals.containsKey(key) ? evals.get(key) : evaluate(key, modelDirs.get(key));
            int n = Math.max(1, (int) Math.round(total * share));
            scaling.add(new ScalingPoint(share, n, Estimate.of(e.pope(), "average/f1"), Estimate.of(e.popeBare(), "average/f1"),
                    Estimate.of(e.naturalBench(), "g_acc"),
                    lastEpochRewardAccuracy(dpoRuns.get(key))));
        }
    }

    // ---- stage 7: report --------------------------------------------------------------------------------------

    /** {@code report.html} and {@code summary.json}. */
    public DemoSummary writeReport() throws IOException {
        Map<String, ModelFigures> models = new LinkedHashMap<>();
        for (String m : MODELS) {
            models.put(m, figures(m));
        }
        List<DemoSummary.Comparison> comparisons = Findings.comparisons(evals, plan.bootstrapSamples(), settings.seed());
        List<DemoSummary.PairPreference> preferences = HeldOutPreferences.of(evalPairs, dumps());
        List<DemoSummary.PairPreference> imagePreferences = HeldOutPreferences.onImages(evalPairs, dumps());
        List<String> findings = Findings.describe(bias, models, comparisons, scaling, preferences, imagePreferences);
        List<StageTiming> t = new ArrayList<>(timings);
        DemoSummary summary = new DemoSummary(settings.seed(), plan, bias, models, comparisons, scaling, preferences,
                imagePreferences, findings, t);
        AtomicFiles.writeString(out.resolve("summary.json"),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(summary) + "\n");
        List<TrainingRun> runs = DATASETS.stream().map(d -> dpoRuns.get("dpo_" + d)).toList();
        AtomicFiles.writeString(out.resolve("report.html"), DemoReportPage.render(summary, runs, RunManifest.toolVersion()));
        return summary;
    }

    private ModelFigures figures(String m) {
        ModelEval e = evals.get(m);
        Map<String, DemoSummary.PopeSplit> splits = new LinkedHashMap<>();
        for (String s : List.of("random", "popular", "adversarial")) {
            splits.put(s, new DemoSummary.PopeSplit(Estimate.of(e.pope(), s + "/accuracy"), Estimate.of(e.pope(), s + "/f1"),
                    Estimate.of(e.pope(), s + "/yes_ratio")));
        }
        TrainingRun run = dpoRuns.get(m);
        return new ModelFigures(MODEL_LABELS.get(m), out.relativize(modelDirs.get(m)).toString().replace('\\', '/'),
                Estimate.of(e.pope(), "average/accuracy"), Estimate.of(e.pope(), "average/f1"),
                Estimate.of(e.pope(), "average/yes_ratio"), splits, Estimate.of(e.popeBare(), "average/accuracy"),
                Estimate.of(e.popeBare(), "average/f1"), Estimate.of(e.popeBare(), "average/yes_ratio"),
                Estimate.of(e.naturalBench(), "acc"),
                Estimate.of(e.naturalBench(), "q_acc"), Estimate.of(e.naturalBench(), "i_acc"),
                Estimate.of(e.naturalBench(), "g_acc"), Estimate.of(e.naturalBench(), "yes_ratio"),
                Estimate.of(e.naturalBench(), "yes_no/acc"), Estimate.of(e.naturalBench(), "multiple_choice/acc"),
                Estimate.of(e.mc(), "accuracy"), Estimate.of(e.nbOptionText().report(), "acc"),
                Estimate.of(e.nbOptionText().report(), "g_acc"), Estimate.of(e.mcOptionText().report(), "accuracy"),
                typeScores(e.mcOptionText().report()), run == null ? null : lastEpochRewardAccuracy(run),
                run == null ? null : finite(run.last("rewards/accuracies", true)),
                run == null ? null : lastEpochMean(run, "conditional/accuracies"), steps.getOrDefault(m, 0L));
    }

    private static Map<String, Estimate> typeScores(ScoreReport r) {
        Map<String, Estimate> out = new LinkedHashMap<>();
        for (ScoreReport.Row row : r.scores()) {
            if (row.name().startsWith("type/")) {
                out.put(row.name().substring("type/".length()), Estimate.of(r, row.name()));
            }
        }
        return out;
    }

    /** The three DPO runs' pair dumps, by model key. */
    private Map<String, Path> dumps() {
        Map<String, Path> dumps = new LinkedHashMap<>();
        for (String d : DATASETS) {
            dumps.put("dpo_" + d, out.resolve("dpo").resolve(d).resolve("pair-dump.jsonl"));
        }
        return dumps;
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    /** A stage body. */
    @FunctionalInterface
    interface StageBody<T> {
        T run() throws IOException;
    }

    private <T> T stage(String name, StageBody<T> body) throws IOException {
        log.printf("[%2d] %s%n", timings.size() + 1, name);
        log.flush();
        long start = System.nanoTime();
        T result = body.run();
        double seconds = Math.round((System.nanoTime() - start) / 1e8) / 10.0;
        timings.add(new StageTiming(name, seconds));
        log.printf(Locale.ROOT, "      done in %.1f s%n", seconds);
        log.flush();
        return result;
    }

    /**
     * The training reward accuracy of a run's last epoch: the mean over its logging steps (one step's batch alone is
     * too noisy, and the epoch's last batch may be partial), or {@code null} when none was logged.
     */
    static Double lastEpochRewardAccuracy(TrainingRun run) {
        return lastEpochMean(run, "rewards/accuracies");
    }

    /** The mean of a logged training metric over the last epoch's logging steps, or null when it was never logged. */
    static Double lastEpochMean(TrainingRun run, String metric) {
        List<org.vapr.analysis.training.LoggedStep> steps = run.steps().stream().filter(st -> st.has(metric)).toList();
        if (steps.isEmpty()) {
            return null;
        }
        double lastEpoch = steps.get(steps.size() - 1).epoch();
        double sum = 0;
        int n = 0;
        for (org.vapr.analysis.training.LoggedStep st : steps) {
            if (st.epoch() > lastEpoch - 1 + 1e-9) {
                sum += st.value(metric);
                n++;
            }
        }
        return finite(sum / n);
    }

    static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 10000) / 10000.0 : v;
    }
}
