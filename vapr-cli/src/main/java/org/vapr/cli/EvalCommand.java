package org.vapr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.vapr.eval.Benchmark;
import org.vapr.eval.BenchmarkScoring;
import org.vapr.eval.ScoreReport;
import org.vapr.eval.ScoreTable;
import org.vapr.eval.ScoredRun;
import org.vapr.eval.parse.ChoiceParser;
import org.vapr.eval.parse.PopeParser;
import org.vapr.core.AnswerVerifier;
import org.vapr.core.manifest.RunManifest;
import org.vapr.eval.backend.EndpointBackend;
import org.vapr.eval.backend.InProcessBackend;
import org.vapr.eval.backend.ModelBackend;
import org.vapr.eval.data.WorldQaFile;
import org.vapr.eval.run.BenchmarkRun;
import org.vapr.eval.run.RunRequest;
import org.vapr.eval.run.RunResult;
import org.vapr.eval.score.Bootstrap;
import org.vapr.pipeline.run.CallJournal;
import org.vapr.pipeline.run.JournaledChatCaller;
import org.vapr.pipeline.select.RuleSet;
import org.vapr.train.run.EngineThreads;
import org.vapr.world.SceneOracle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code vapr eval}: benchmark evaluation. {@code score} re-scores existing predictions against a benchmark's
 * official files; {@code run} has a model (in-process model directory or OpenAI-compatible endpoint) answer a
 * benchmark and scores it; {@code judge} scores predictions on an LLM-judge benchmark (LLaVA-Bench, MM-Vet,
 * ConTextual) with a judge model.
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate models on published benchmarks from their official files.",
        subcommands = {
            EvalCommand.Score.class,
            EvalCommand.Run.class,
            EvalCommand.Judge.class,
            EvalCommand.Scaling.class,
        })
final class EvalCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code vapr eval score}: scores a predictions file (LLaVA answer-file format) against a benchmark. */
    @Command(name = "score", mixinStandardHelpOptions = true,
            description = {
                "Score predictions in LLaVA's answer-file format (JSONL with question_id and text) against a benchmark's files.",
                "Prints a table of scores (in percent) with bootstrap 95% intervals; --json writes every score as fractions.",
                "A missing prediction counts as wrong; unknown question ids are counted and ignored.",
                "Data: pope = coco_pope_{random,popular,adversarial}.json (give each, or a folder); naturalbench = JSONL export of "
                    + "BaiqiL/NaturalBench (ids <Index>_q0_i0 … <Index>_q1_i1); seed = SEED-Bench.json (image questions); "
                    + "cvbench = test.jsonl; mmstar, mmmu = JSON/JSONL exports of the parquet releases (MMMU: multiple choice only); "
                    + "mathvista = testmini.json (multiple choice only)."
            })
    static final class Score implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--benchmark", required = true, paramLabel = "NAME",
                description = "pope, naturalbench, seed, cvbench, mmstar, mmmu or mathvista.")
        String benchmark;

        @Option(names = "--data", required = true, paramLabel = "FILE", arity = "1..*",
                description = "The benchmark's file(s); a folder stands for its .json/.jsonl files in name order "
                        + "(manifest.json, scenes.jsonl and labels.jsonl excepted).")
        List<Path> data;

        @Option(names = "--predictions", required = true, paramLabel = "FILE", arity = "1..*",
                description = "One answer file for all data files, or one per data file (in the same order).")
        List<Path> predictions;

        @Option(names = "--parser", paramLabel = "NAME",
                description = {"POPE: official (default; LLaVA's eval_pope.py) or lmms-eval (exact yes/no).",
                    "Multiple choice and NaturalBench: official (default; the option letter only) or option-text (the letter, "
                        + "else the one option whose text the answer contains, as VLMEvalKit's exact matching)."})
        String parser;

        @Option(names = "--json", paramLabel = "FILE", description = "Write the report (scores as fractions, intervals, counts) as JSON.")
        Path json;

        @Option(names = "--items", paramLabel = "FILE", description = "Write every item with its parsed answer as JSONL.")
        Path items;

        @Mixin
        BootstrapOptions resampling;

        @Option(names = "--compare", paramLabel = "FILE", arity = "1..*",
                description = "Second predictions file(s) on the same items: paired bootstrap of (second − first) with p-values.")
        List<Path> compare;

        @Override
        public Integer call() throws IOException {
            Benchmark b;
            try {
                b = Benchmark.of(benchmark);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--benchmark: unknown benchmark '" + benchmark
                        + "' (expected pope, naturalbench, seed, cvbench, mmstar, mmmu or mathvista)");
            }
            AnswerParsers parsers = AnswerParsers.of(spec, b, parser);
            if (b == Benchmark.WORLD_QA) {
                throw new ParameterException(spec.commandLine(), "--benchmark world-qa needs the world's oracle: use vapr eval run");
            }
            resampling.check(spec);
            List<Path> dataFiles = expand(data);
            ScoredRun run = score(b, dataFiles, predictions, parsers);
            ScoredRun other = compare == null ? null : score(b, dataFiles, compare, parsers);
            Bootstrap boot = resampling.samples == 0 ? null : Bootstrap.of(resampling.samples, resampling.seed);
            if (other != null && boot == null) {
                boot = Bootstrap.of(1000, resampling.seed);
            }
            ScoreReport report = ScoreReport.of(run, dataFiles, predictions, boot, other, compare);
            spec.commandLine().getOut().print(ScoreTable.render(report));
            if (json != null) {
                report.writeJson(json);
                spec.commandLine().getOut().println("json: " + json);
            }
            if (items != null) {
                run.writeItems(items);
                spec.commandLine().getOut().println("items: " + items);
            }
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }

        private ScoredRun score(Benchmark b, List<Path> dataFiles, List<Path> predictionFiles, AnswerParsers p) {
            try {
                return BenchmarkScoring.score(b, dataFiles, predictionFiles, p.pope(), p.choice());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        /** Files vapr writes beside benchmark files (vapr synth --benchmark), never benchmark data themselves. */
        private static final java.util.Set<String> NOT_DATA = java.util.Set.of("manifest.json", "scenes.jsonl", "labels.jsonl");

        static List<Path> expand(List<Path> paths) throws IOException {
            List<Path> out = new ArrayList<>();
            for (Path p : paths) {
                if (Files.isDirectory(p)) {
                    try (Stream<Path> s = Files.list(p)) {
                        s.filter(f -> {
                            String n = f.getFileName().toString();
                            return Files.isRegularFile(f) && (n.endsWith(".json") || n.endsWith(".jsonl"))
                                    && !NOT_DATA.contains(n);
                        }).sorted().forEach(out::add);
                    }
                } else {
                    out.add(p);
                }
            }
            return out;
        }
    }

    /** {@code vapr eval run}: a model answers a benchmark; answers, scored items, scores and a manifest are written. */
    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {
                "Have a model answer a benchmark, then score it: --model MODEL_DIR (a vapr train model, in-process, batched greedy "
                    + "decoding) or --endpoint URL --model-name NAME (an OpenAI-compatible vision server such as vLLM; key from "
                    + "OPENAI_API_KEY, a dummy is fine; temperature 0).",
                "Writes DIR/predictions.jsonl (LLaVA answer-file format; one predictions_<data file>.jsonl per data file when "
                    + "several), DIR/items.jsonl (every item with its parsed answer), DIR/scores.json and DIR/manifest.json; prints "
                    + "the score table.",
                "Prompts as the official harnesses build them: POPE the question plus LLaVA's 'Answer the question using a single "
                    + "word or phrase.' (--no-short-answer to drop it); NaturalBench the question plus 'Please answer Yes or No.' "
                    + "or 'Please output the letter corresponding to the correct option.'; multiple choice the question, 'A. option' "
                    + "lines and 'Answer with the option's letter from the given choices directly.'",
                "world-qa: the short-answer turns of a world corpus (vapr synth, e.g. a held-out world made with another seed), "
                    + "judged by the world's oracle (scenes.jsonl beside the corpus, or --scenes) and by exact match; accuracy per "
                    + "category (labels.jsonl beside the corpus, or --labels; otherwise vapr's categorizer rules) and the yes-ratio."
            })
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--benchmark", required = true, paramLabel = "NAME",
                description = "pope, naturalbench, seed, cvbench, mmstar, mmmu, mathvista or world-qa.")
        String benchmark;

        @Option(names = "--data", required = true, paramLabel = "FILE", arity = "1..*",
                description = "The benchmark's file(s) (as for vapr eval score); a folder stands for its .json/.jsonl files. world-qa: the corpus (llava.json).")
        List<Path> data;

        @Option(names = "--images", paramLabel = "DIR", description = "Image root the data's image paths are relative to (default: each data file's folder).")
        Path images;

        @Option(names = "--model", paramLabel = "MODEL_DIR", description = "A model directory written by vapr train (in-process).")
        Path model;

        @Option(names = "--endpoint", paramLabel = "URL", description = "An OpenAI-compatible API root, e.g. http://localhost:8000/v1.")
        String endpoint;

        @Option(names = "--model-name", paramLabel = "NAME", description = "With --endpoint: the served model's name.")
        String modelName;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
        Path out;

        @Option(names = "--batch-size", paramLabel = "N", defaultValue = "64", description = "In-process: rows per forward pass (default: ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8", description = "Endpoint: requests in flight (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--threads", paramLabel = "N", defaultValue = "0", description = "In-process: PyTorch threads (0: PyTorch's default).")
        int threads;

        @Option(names = "--max-new-tokens", paramLabel = "N",
                description = "Longest answer in tokens (default: 32 in-process, 128 for an endpoint, as LLaVA's eval).")
        Integer maxNewTokens;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
                description = "Ask only the first N items of each data file (NaturalBench: whole groups); 0 = all.")
        int limit;

        @Option(names = "--no-short-answer", negatable = false,
                description = "POPE: ask the bare question, without LLaVA's 'Answer the question using a single word or phrase.'")
        boolean noShortAnswer;

        @Option(names = "--parser", paramLabel = "NAME",
                description = {"POPE and world-qa yes/no answers: official (default; LLaVA's eval_pope.py) or lmms-eval (exact yes/no).",
                    "Multiple choice and NaturalBench: official (default; the option letter only) or option-text (the letter, "
                        + "else the one option whose text the answer contains, as VLMEvalKit's exact matching)."})
        String parser;

        @Option(names = "--scenes", paramLabel = "FILE", description = "world-qa: the world's scenes.jsonl (default: beside the corpus).")
        Path scenes;

        @Option(names = "--labels", paramLabel = "FILE", description = "world-qa: the world's labels.jsonl (default: beside the corpus, if present).")
        Path labels;

        @Option(names = "--world-turns", paramLabel = "WHICH", defaultValue = "short",
                description = "world-qa: short (short-answer turns, default) or all (long answers too).")
        String worldTurns;

        @Mixin
        BootstrapOptions resampling;

        @Override
        public Integer call() throws IOException {
            Benchmark b = benchmark();
            validate(b);
            List<Path> dataFiles = Score.expand(data);
            if (dataFiles.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "--data: no .json/.jsonl files in " + data);
            }
            if (b == Benchmark.WORLD_QA && dataFiles.size() != 1) {
                throw new ParameterException(spec.commandLine(), "--benchmark world-qa takes one corpus file in --data, got " + dataFiles.size());
            }
            AnswerParsers parsers = AnswerParsers.of(spec, b, parser);
            AnswerVerifier verifier = null;
            Path labelsFile = null;
            WorldQaFile.CategoryFunction categories = null;
            WorldQaFile.Turns turns = WorldQaFile.Turns.valueOf(worldTurns.toUpperCase(java.util.Locale.ROOT));
            if (b == Benchmark.WORLD_QA) {
                Path corpus = dataFiles.get(0);
                Path scenesFile = scenes != null ? scenes : corpus.toAbsolutePath().getParent().resolve("scenes.jsonl");
                if (Files.isRegularFile(scenesFile)) {
                    verifier = SceneOracle.load(scenesFile);
                } else if (scenes != null) {
                    throw new org.vapr.core.InputException(scenes + ": scenes file not found");
                }
                labelsFile = labels != null ? labels : WorldQaFile.labelsOf(corpus);
                RuleSet rules = RuleSet.defaults();
                categories = rules::categorize;
            }
            RunRequest request = new RunRequest(b, dataFiles, images, out, limit, !noShortAnswer, parsers.pope(), parsers.choice(),
                    resampling.samples, resampling.seed,
                    turns, labelsFile, verifier, categories);
            RunManifest manifest = RunManifest.start("eval run");
            manifest.option("benchmark", b.id()).option("data", dataFiles.stream().map(Path::toString).toList())
                    .option("images", images == null ? null : images.toString()).option("out", out.toString())
                    .option("limit", limit).option("bootstrap", resampling.samples).option("seed", resampling.seed);
            if (verifier != null) {
                manifest.option("scenes", scenes != null ? scenes.toString() : "beside the corpus");
            }
            RunResult result;
            try (ModelBackend backend = backend()) {
                result = BenchmarkRun.execute(request, backend, manifest);
            }
            java.io.PrintWriter o = spec.commandLine().getOut();
            o.print(ScoreTable.render(result.report()));
            o.printf(java.util.Locale.ROOT, "asked: %d, failed: %d, %.2f questions/s (%.1f s)%n", result.asked(), result.failed(),
                    result.questionsPerSecond(), result.answerSeconds());
            for (Path p : result.predictionFiles()) {
                o.println("predictions: " + p);
            }
            o.println("items:       " + out.resolve("items.jsonl"));
            o.println("scores:      " + out.resolve("scores.json"));
            o.println("manifest:    " + out.resolve("manifest.json"));
            o.flush();
            return ExitCode.OK;
        }

        private Benchmark benchmark() {
            try {
                return Benchmark.of(benchmark);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--benchmark: unknown benchmark '" + benchmark
                        + "' (expected pope, naturalbench, seed, cvbench, mmstar, mmmu, mathvista or world-qa)");
            }
        }

        private void validate(Benchmark b) {
            if ((model == null) == (endpoint == null)) {
                throw new ParameterException(spec.commandLine(), "give either --model MODEL_DIR or --endpoint URL --model-name NAME");
            }
            if (endpoint != null && (modelName == null || modelName.isBlank())) {
                throw new ParameterException(spec.commandLine(), "--endpoint needs --model-name NAME");
            }
            if (model != null && modelName != null) {
                throw new ParameterException(spec.commandLine(), "--model-name applies to --endpoint only");
            }
            if (endpoint != null && !endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
                throw new ParameterException(spec.commandLine(), "--endpoint: expected an http(s) URL, got '" + endpoint + "'");
            }
            if (batchSize < 1 || concurrency < 1 || (maxNewTokens != null && maxNewTokens < 1)) {
                throw new ParameterException(spec.commandLine(), "--batch-size, --concurrency and --max-new-tokens must be at least 1");
            }
            resampling.check(spec);
            if (limit < 0 || threads < 0) {
                throw new ParameterException(spec.commandLine(), "--limit and --threads must be 0 or more");
            }
            AnswerParsers.of(spec, b, parser);
            if (noShortAnswer && b != Benchmark.POPE) {
                throw new ParameterException(spec.commandLine(), "--no-short-answer applies to --benchmark pope only");
            }
            if (b != Benchmark.WORLD_QA && (scenes != null || labels != null || !worldTurns.equals("short"))) {
                throw new ParameterException(spec.commandLine(), "--scenes, --labels and --world-turns apply to --benchmark world-qa only");
            }
            if (!worldTurns.equals("short") && !worldTurns.equals("all")) {
                throw new ParameterException(spec.commandLine(), "--world-turns: expected short or all, got '" + worldTurns + "'");
            }
            if (model != null && !Files.isDirectory(model)) {
                throw new org.vapr.core.InputException(model + ": model directory not found");
            }
        }

        private ModelBackend backend() {
            if (model != null) {
                EngineThreads.configure(threads);
                return InProcessBackend.open(model, batchSize, maxNewTokens == null ? 32 : maxNewTokens);
            }
            return EndpointBackend.open(endpoint, modelName, concurrency, maxNewTokens == null ? 128 : maxNewTokens, System.getenv());
        }
    }

    /** {@code vapr eval judge}: an LLM judge scores predictions on LLaVA-Bench (in-the-wild), MM-Vet or ConTextual. */
    @Command(name = "judge", mixinStandardHelpOptions = true,
            description = {
                "Score predictions on an LLM-judge benchmark with the judges' prompts: llava-bench (relative score 100 * "
                    + "mean(model) / mean(reference) per category and overall), mmvet (100 * mean correctness, per capability; "
                    + "5 attempts with rising temperature, then 0) or contextual (100 * share judged acceptable).",
                "The judge is any OpenAI-compatible chat server (default OpenAI; --base-url for vLLM, Ollama, a proxy); the key "
                    + "comes from OPENAI_API_KEY only (any value for a local server). Calls are retried with backoff; a server "
                    + "that refuses (bad key, unknown model) or stays unreachable ends the run with exit code 5.",
                "Data: llava-bench = the folder of questions.jsonl, answers_gpt4.jsonl and context.jsonl; mmvet = mm-vet.json "
                    + "(or its folder); contextual = contextual_val.csv / contextual_test.csv (image_url, instruction, response, "
                    + "category) or a JSON/JSONL export with those fields (id = id, else image_url).",
                "Predictions: LLaVA's answer-file format (JSONL with question_id and text), or an {id: answer} JSON object "
                    + "(MM-Vet's results format). A missing prediction is judged as an empty answer and counted.",
                "Writes DIR/reviews.jsonl (the judge's reply and parsed scores per item), DIR/scores.json (per category and "
                    + "overall, parse failures, bootstrap 95%% intervals) and DIR/manifest.json (judge model, base URL, prompt "
                    + "hash, counts, tokens); prints the score table.",
                "Every answered call is journaled in DIR/" + Judge.JOURNAL + " before it is used: run the same command again "
                    + "after a crash or a stop and only the calls not yet answered are paid for (a changed prediction is asked "
                    + "again). A journal made with another benchmark, judge model or base URL is refused; --restart discards it."
            })
    static final class Judge implements Callable<Integer> {
        /** The judge-call journal's file name in the out dir. */
        static final String JOURNAL = "judge-journal.jsonl";

        @Spec
        CommandSpec spec;

        @Option(names = "--benchmark", required = true, paramLabel = "NAME", description = "llava-bench, mmvet or contextual.")
        String benchmark;

        @Option(names = "--data", required = true, paramLabel = "FILE_OR_DIR", description = "The benchmark's file or folder.")
        Path data;

        @Option(names = "--predictions", required = true, paramLabel = "FILE", description = "The model's answers.")
        Path predictions;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
        Path out;

        @Option(names = "--judge-model", paramLabel = "NAME", defaultValue = "gpt-4o", description = "The judge model (default: ${DEFAULT-VALUE}).")
        String judgeModel;

        @Option(names = "--base-url", paramLabel = "URL",
                description = "The judge's OpenAI-compatible API root, e.g. http://localhost:8000/v1 (default: OPENAI_BASE_URL, else OpenAI).")
        String baseUrl;

        @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8", description = "Judge requests in flight (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--rpm", paramLabel = "N", defaultValue = "0", description = "Requests per minute limit, 0 for none (default: ${DEFAULT-VALUE}).")
        int rpm;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Limit on one HTTP attempt (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Mixin
        BootstrapOptions resampling;

        @Option(names = "--restart", description = "Discard the judge-call journal in DIR instead of resuming from it (calls are paid again).")
        boolean restart;

        /** Tests only: the factor on retry waits (0: retry at once). */
        @Option(names = "--retry-delay-scale", hidden = true, defaultValue = "1")
        double retryDelayScale;

        @Override
        public Integer call() throws IOException {
            org.vapr.eval.judge.JudgeBenchmark b;
            try {
                b = org.vapr.eval.judge.JudgeBenchmark.of(benchmark);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--benchmark: " + e.getMessage());
            }
            resampling.check(spec);
            if (concurrency < 1 || timeoutSeconds < 1 || rpm < 0 || !(retryDelayScale >= 0)) {
                throw new ParameterException(spec.commandLine(), "--concurrency and --timeout must be at least 1, --rpm 0 or more");
            }
            if (judgeModel.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--judge-model must not be blank");
            }
            if (baseUrl != null && !baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
                throw new ParameterException(spec.commandLine(), "--base-url: expected an http(s) URL, got '" + baseUrl + "'");
            }
            java.util.Map<String, String> env = environment();
            String key = env.get("OPENAI_API_KEY");
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("OPENAI_API_KEY is not set (for a local vLLM or Ollama judge "
                        + "any value works: export OPENAI_API_KEY=dummy)");
            }
            if (!Files.exists(data)) {
                throw new org.vapr.core.InputException(data + ": no such file or directory (--data)");
            }
            if (!Files.isRegularFile(predictions)) {
                throw new org.vapr.core.InputException(predictions + ": no such file (--predictions)");
            }
            org.vapr.llm.ChatSettings settings = org.vapr.llm.ChatSettings.fromEnvironment(env, baseUrl, judgeModel)
                    .withRequestTimeout(java.time.Duration.ofSeconds(timeoutSeconds));
            org.vapr.llm.Resilience resilience = org.vapr.llm.Resilience.defaults()
                    .withLimits(rpm, 0, Math.max(concurrency, 1)).withDelayScale(retryDelayScale);
            String shownUrl = withoutCredentials(settings.baseUrl());
            RunManifest manifest = RunManifest.start("eval judge");
            manifest.option("benchmark", b.id()).option("data", data.toString()).option("predictions", predictions.toString())
                    .option("out", out.toString()).option("judge_model", judgeModel).option("base_url", shownUrl)
                    .option("concurrency", concurrency).option("rpm", rpm).option("timeout", timeoutSeconds)
                    .option("bootstrap", resampling.samples).option("seed", resampling.seed);
            org.vapr.eval.judge.JudgeReport report;
            JournaledChatCaller journaled;
            Files.createDirectories(out);
            java.util.Map<String, String> fingerprint = new java.util.TreeMap<>(java.util.Map.of("command", "eval judge",
                    "benchmark", b.id(), "judge_model", judgeModel, "base_url", shownUrl,
                    "judge_prompt", org.vapr.eval.judge.JudgeRun.promptHash(b)));
            try (CallJournal journal = CallJournal.open(out.resolve(JOURNAL),
                         fingerprint, restart);
                 org.vapr.llm.ChatClient client = new org.vapr.llm.ChatClient(settings, resilience)) {
                if (journal.tornLinesRecovered() > 0) {
                    spec.commandLine().getErr().println("warning: " + out.resolve(JOURNAL)
                            + ": cut off a torn last line (the previous run was stopped mid-write)");
                }
                journaled = new JournaledChatCaller(journal, client);
                manifest.option("restart", restart);
                report = org.vapr.eval.judge.JudgeRun.execute(new org.vapr.eval.judge.JudgeRun.Job(b, data, predictions, out,
                        judgeModel, shownUrl, concurrency, resampling.samples, resampling.seed), journaled, manifest);
            }
            // the manifest again, now with what the journal saved (it stays the last file written)
            manifest.count("judge_calls_made", journaled.callsMade()).count("judge_calls_replayed", journaled.callsReplayed())
                    .count("judge_calls_changed_request", journaled.requestMismatches()).write(out);
            java.io.PrintWriter o = spec.commandLine().getOut();
            o.print(report.table());
            o.printf(java.util.Locale.ROOT, "judge calls: %d made, %d replayed from %s%n", journaled.callsMade(),
                    journaled.callsReplayed(), out.resolve(JOURNAL));
            if (report.unknownPredictions() > 0 || report.droppedItems() > 0) {
                o.printf(java.util.Locale.ROOT, "ignored: %d predictions for unknown ids, %d data rows without a reference%n",
                        report.unknownPredictions(), report.droppedItems());
            }
            o.println("reviews:  " + out.resolve(org.vapr.eval.judge.JudgeRun.REVIEWS));
            o.println("scores:   " + out.resolve(org.vapr.eval.judge.JudgeRun.SCORES));
            o.println("manifest: " + out.resolve("manifest.json"));
            o.flush();
            return ExitCode.OK;
        }

        /**
         * The environment the command line was created with: {@link CommandLineFactory} hands it to the objects its
         * factory creates (tests inject their own), so ask the factory for one.
         */
        private java.util.Map<String, String> environment() {
            try {
                return spec.commandLine().getFactory().create(BuildOptions.Editing.class).environment;
            } catch (Exception e) {
                return System.getenv();
            }
        }

        /** The API root without user info, query or fragment, for the manifest and messages. */
        static String withoutCredentials(java.net.URI uri) {
            try {
                return new java.net.URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
            } catch (java.net.URISyntaxException e) {
                return uri.getScheme() + "://" + uri.getHost();
            }
        }
    }

    /** {@code vapr eval scaling}: one score of models trained on datasets of several sizes, as a plot with intervals. */
    @Command(name = "scaling", mixinStandardHelpOptions = true,
            description = {
                "Plot one score against training-set size (the paper's 3K / 10K / 30K study) from the scores.json files "
                    + "vapr eval score, run or judge wrote: one line per series (e.g. per preference dataset) with its "
                    + "bootstrap 95%% intervals, and reference models (e.g. the SFT starting point) as levels.",
                "All files must score the same benchmark with the same parser (and judge). The score is the files' "
                    + "headline score unless --score names another (e.g. adversarial/f1, average/yes_ratio, q_acc).",
                "Writes DIR/scaling.html (a self-contained page: the plot and a table), DIR/scaling.json (every point, "
                    + "with the file it came from) and DIR/manifest.json (the inputs' SHA-256); prints the table."
            })
    static final class Scaling implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--point", required = true, paramLabel = "SERIES:SIZE=SCORES",
                description = "A model of a series trained on SIZE examples (3000, 3K, 1.5M), scored in SCORES (a "
                        + "scores.json or the folder holding it); repeat for every point, e.g. --point vapr:3K=runs/vapr-3k/pope.")
        List<String> points;

        @Option(names = "--reference", paramLabel = "NAME=SCORES",
                description = "A single model drawn as a level with its interval, e.g. --reference SFT=runs/sft/pope; repeatable.")
        List<String> references = new ArrayList<>();

        @Option(names = "--score", paramLabel = "NAME", description = "The score to plot (default: the files' headline score).")
        String score;

        @Option(names = "--log-x", description = "A logarithmic size axis (for sizes such as 3K / 10K / 30K).")
        boolean logX;

        @Option(names = "--title", paramLabel = "TEXT", description = "The plot's title (default: benchmark and score).")
        String title;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
        Path out;

        @Override
        public Integer call() throws IOException {
            List<org.vapr.eval.ScalingCurves.PointFile> pointFiles = new ArrayList<>();
            for (String p : points) {
                pointFiles.add(point(p));
            }
            List<org.vapr.eval.ScalingCurves.ReferenceFile> referenceFiles = new ArrayList<>();
            for (String r : references) {
                int eq = r.indexOf('=');
                if (eq <= 0 || eq == r.length() - 1) {
                    throw new ParameterException(spec.commandLine(), "--reference: expected NAME=SCORES, got '" + r + "'");
                }
                referenceFiles.add(new org.vapr.eval.ScalingCurves.ReferenceFile(r.substring(0, eq), Path.of(r.substring(eq + 1))));
            }
            org.vapr.eval.ScalingCurves curves;
            try {
                curves = org.vapr.eval.ScalingCurves.read(pointFiles, referenceFiles, score);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--point: " + e.getMessage());
            }
            RunManifest manifest = RunManifest.start("eval scaling");
            manifest.option("points", points).option("references", references).option("score", curves.score())
                    .option("log_x", logX).option("out", out.toString());
            if (title != null) {
                manifest.option("title", title);
            }
            for (org.vapr.eval.ScalingCurves.Curve c : curves.curves()) {
                for (org.vapr.eval.ScalingCurves.Point p : c.points()) {
                    manifest.input("point/" + c.name() + "/" + p.size(), Path.of(p.source()));
                }
            }
            for (org.vapr.eval.ScalingCurves.Reference r : curves.references()) {
                manifest.input("reference/" + r.name(), Path.of(r.source()));
            }
            Files.createDirectories(out);
            curves.writeJson(out.resolve("scaling.json"));
            org.vapr.core.io.AtomicFiles.writeString(out.resolve("scaling.html"), ScalingPage.render(curves, title, logX));
            manifest.count("series", curves.curves().size()).count("points", pointFiles.size())
                    .count("references", referenceFiles.size()).put("outputs", List.of("scaling.html", "scaling.json"))
                    .write(out);
            java.io.PrintWriter o = spec.commandLine().getOut();
            o.print(curves.table());
            o.println("plot:     " + out.resolve("scaling.html"));
            o.println("json:     " + out.resolve("scaling.json"));
            o.println("manifest: " + out.resolve("manifest.json"));
            o.flush();
            return ExitCode.OK;
        }

        private org.vapr.eval.ScalingCurves.PointFile point(String p) {
            int eq = p.indexOf('=');
            int colon = eq < 0 ? -1 : p.lastIndexOf(':', eq);
            if (eq < 0 || colon <= 0 || eq == p.length() - 1) {
                throw new ParameterException(spec.commandLine(), "--point: expected SERIES:SIZE=SCORES, got '" + p + "'");
            }
            String size = p.substring(colon + 1, eq);
            long n = parseSize(size);
            if (n < 1) {
                throw new ParameterException(spec.commandLine(), "--point: size '" + size + "' in '" + p
                        + "' is not a whole number of at least 1 (3000, 3K, 1.5M)");
            }
            return new org.vapr.eval.ScalingCurves.PointFile(p.substring(0, colon), n, Path.of(p.substring(eq + 1)));
        }

        /** 3000, 3_000, 3,000, 3K, 2.5k, 1.5M; -1 when not a whole number. */
        static long parseSize(String s) {
            String t = s.strip().replace("_", "").replace(",", "");
            double factor = 1;
            if (!t.isEmpty() && (t.endsWith("k") || t.endsWith("K"))) {
                factor = 1e3;
                t = t.substring(0, t.length() - 1);
            } else if (!t.isEmpty() && (t.endsWith("m") || t.endsWith("M"))) {
                factor = 1e6;
                t = t.substring(0, t.length() - 1);
            }
            if (!t.matches("[0-9]+(\\.[0-9]+)?")) {
                return -1;
            }
            java.math.BigDecimal v = new java.math.BigDecimal(t).multiply(java.math.BigDecimal.valueOf(factor));
            try {
                return v.longValueExact();
            } catch (ArithmeticException notWhole) {
                return -1;
            }
        }
    }

    /** The parsers {@code --parser} selects: POPE's for POPE and world-qa, the multiple-choice one for the others. */
    record AnswerParsers(PopeParser pope, ChoiceParser choice) {
        static AnswerParsers of(CommandSpec spec, Benchmark b, String name) {
            if (name == null) {
                return new AnswerParsers(PopeParser.OFFICIAL, ChoiceParser.OFFICIAL);
            }
            try {
                if (b == Benchmark.POPE || b == Benchmark.WORLD_QA) {
                    return new AnswerParsers(PopeParser.of(name), ChoiceParser.OFFICIAL);
                }
                return new AnswerParsers(PopeParser.OFFICIAL, ChoiceParser.of(name));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--parser: " + e.getMessage() + " for --benchmark " + b.id());
            }
        }
    }
}
