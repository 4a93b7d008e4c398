package org.vapr.eval.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.core.Verdict;
import org.vapr.core.io.JsonlWriter;
import org.vapr.core.manifest.RunManifest;
import org.vapr.eval.Benchmark;
import org.vapr.eval.BenchmarkScoring;
import org.vapr.eval.ScoreReport;
import org.vapr.eval.ScoredRun;
import org.vapr.eval.backend.ImageQuestion;
import org.vapr.eval.backend.ModelAnswer;
import org.vapr.eval.backend.ModelBackend;
import org.vapr.eval.data.BenchmarkData;
import org.vapr.eval.data.BenchmarkPrompts;
import org.vapr.eval.data.EvalItem;
import org.vapr.eval.data.Prediction;
import org.vapr.eval.data.PredictionFile;
import org.vapr.eval.data.WorldQaFile;
import org.vapr.eval.score.Bootstrap;
import org.vapr.eval.score.ScoredItem;
import org.vapr.eval.score.WorldQaScores;

/**
 * One {@code vapr eval run}: reads the benchmark's files, builds each item's prompt ({@link BenchmarkPrompts}),
 * has the backend answer all of them, and writes to the output directory
 * <ul>
 *   <li>{@code predictions.jsonl} — LLaVA's answer-file format ({@code question_id}, {@code prompt}, {@code text},
 *       {@code model_id}); with several data files one {@code predictions_<data file name>.jsonl} per file, so
 *       {@code vapr eval score} re-scores them as they are; unanswered items are left out (scored as missing);</li>
 *   <li>{@code items.jsonl} — every item with its answer, parsed answer and correctness (world-qa: the oracle's verdict);</li>
 *   <li>{@code scores.json} — the {@link ScoreReport} with bootstrap intervals;</li>
 *   <li>{@code manifest.json} — options, input hashes (data, model files), backend, counts and throughput.</li>
 * </ul>
 * Everything but the manifest's timing ({@code throughput}, start/end) is a function of the inputs, the model and
 * the seed: with a greedy in-process model, two runs give the same bytes. Images are resolved against
 * {@code --images}, by default the data file's directory; an image reference without an extension also matches
 * {@code .jpg} and {@code .png}.
 */
public final class BenchmarkRun {
    private BenchmarkRun() {
    }

    /** A line of an answer file. */
    record AnswerLine(Object questionId, String prompt, String text, String modelId) {
    }

    /**
     * Runs and writes everything; the manifest (already holding the command's options) gets the rest and is written last.
     *
     * @throws InputException on a bad data record or a missing image
     */
    public static RunResult execute(RunRequest request, ModelBackend backend, RunManifest manifest) throws IOException {
        Benchmark benchmark = request.benchmark();
        Path out = request.out();
        Files.createDirectories(out);
        RunManifest.invalidate(out);
        List<BenchmarkData> data = new ArrayList<>();
        for (Path file : request.dataFiles()) {
            BenchmarkData d = benchmark == Benchmark.WORLD_QA
                    ? WorldQaFile.read(file, request.labels(), request.worldTurns(), request.categories())
                    : benchmark.read(file);
            data.add(limit(d, request.limit(), benchmark));
        }
        List<ImageQuestion> questions = new ArrayList<>();
        for (int f = 0; f < data.size(); f++) {
            Path root = request.images() != null ? request.images() : parentOf(request.dataFiles().get(f));
            for (EvalItem it : data.get(f).items()) {
                questions.add(new ImageQuestion(image(root, it, request.dataFiles().get(f)),
                        BenchmarkPrompts.prompt(benchmark, it, request.popeShortAnswer())));
            }
        }
        long start = System.nanoTime();
        List<ModelAnswer> answers = questions.isEmpty() ? List.of() : backend.answer(questions);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (answers.size() != questions.size()) {
            throw new IllegalStateException("the backend gave " + answers.size() + " answers to " + questions.size() + " questions");
        }

        List<Path> predictionFiles = new ArrayList<>();
        List<PredictionFile> predictions = new ArrayList<>();
        int k = 0;
        int failed = 0;
        for (int f = 0; f < data.size(); f++) {
            Path file = out.resolve(data.size() == 1 ? "predictions.jsonl" : "predictions_" + stem(request.dataFiles().get(f)) + ".jsonl");
            if (predictionFiles.contains(file)) {
                throw new InputException(request.dataFiles().get(f) + ": two data files share the name " + file.getFileName());
            }
            Map<String, Prediction> byId = new LinkedHashMap<>();
            try (JsonlWriter w = JsonlWriter.open(file)) {
                for (EvalItem it : data.get(f).items()) {
                    ModelAnswer a = answers.get(k);
                    String prompt = questions.get(k).prompt();
                    k++;
                    if (!a.answered()) {
                        failed++;
                        continue;
                    }
                    w.write(new AnswerLine(questionId(it.id()), prompt, a.text(), backend.modelId()));
                    byId.putIfAbsent(it.id(), new Prediction(it.id(), a.text(), prompt, backend.modelId()));
                }
            }
            predictionFiles.add(file);
            predictions.add(new PredictionFile(file, Collections.unmodifiableMap(byId), 0));
        }

        ScoredRun run = benchmark == Benchmark.WORLD_QA
                ? scoreWorld(data.get(0), predictions.get(0), request)
                : BenchmarkScoring.score(benchmark, request.dataFiles(), data, predictions, request.parser(), request.choiceParser());
        Bootstrap boot = request.bootstrapSamples() == 0 ? null : Bootstrap.of(request.bootstrapSamples(), request.seed());
        List<Path> relative = predictionFiles.stream().map(Path::getFileName).toList();
        ScoreReport report = ScoreReport.of(run, request.dataFiles(), relative, boot, null, null);
        report.writeJson(out.resolve("scores.json"));
        run.writeItems(out.resolve("items.jsonl"));

        for (int f = 0; f < request.dataFiles().size(); f++) {
            manifest.input(request.dataFiles().size() == 1 ? "data" : "data_" + f, request.dataFiles().get(f));
        }
        if (request.labels() != null) {
            manifest.input("labels", request.labels());
        }
        for (Map.Entry<String, Path> e : backend.inputFiles().entrySet()) {
            manifest.input(e.getKey(), e.getValue());
        }
        manifest.seed("bootstrap", request.seed());
        manifest.put("benchmark", benchmark.id());
        manifest.put("backend", backend.describe());
        Map<String, Object> prompt = new LinkedHashMap<>();
        if (benchmark == Benchmark.POPE) {
            prompt.put("pope_short_answer", request.popeShortAnswer());
        }
        if (benchmark == Benchmark.POPE || benchmark == Benchmark.WORLD_QA) {
            prompt.put("parser", request.parser().id());
        } else {
            prompt.put("parser", request.choiceParser().id());
        }
        if (benchmark == Benchmark.WORLD_QA) {
            prompt.put("world_turns", request.worldTurns().name().toLowerCase(java.util.Locale.ROOT));
        }
        manifest.put("prompt", prompt);
        manifest.count("items", questions.size());
        manifest.count("answered", questions.size() - failed);
        manifest.count("failed", failed);
        manifest.count("skipped", data.stream().mapToLong(BenchmarkData::skipped).sum());
        manifest.put("primary_score", Map.of("name", report.primary(), "value", primaryValue(report)));
        manifest.put("outputs", outputs(predictionFiles));
        Map<String, Object> throughput = new LinkedHashMap<>();
        throughput.put("answer_seconds", Math.round(seconds * 1000) / 1000.0);
        throughput.put("questions_per_second", seconds > 0 ? Math.round(questions.size() / seconds * 100) / 100.0 : 0.0);
        manifest.put("throughput", throughput);
        manifest.write(out);
        return new RunResult(report, run, predictionFiles, questions.size(), failed, seconds,
                seconds > 0 ? questions.size() / seconds : 0);
    }

    private static Object primaryValue(ScoreReport r) {
        ScoreReport.Row row = r.score(r.primary());
        return row == null || row.value() == null ? "undefined" : row.value();
    }

    private static List<String> outputs(List<Path> predictionFiles) {
        List<String> names = new ArrayList<>();
        predictionFiles.forEach(p -> names.add(p.getFileName().toString()));
        names.add("items.jsonl");
        names.add("scores.json");
        return names;
    }

    /** The first {@code limit} items (NaturalBench: rounded up to whole groups of four); 0 keeps all. */
    static BenchmarkData limit(BenchmarkData d, int limit, Benchmark benchmark) {
        if (limit == 0 || d.items().size() <= limit) {
            return d;
        }
        int n = benchmark == Benchmark.NATURALBENCH ? Math.min(d.items().size(), (limit + 3) / 4 * 4) : limit;
        return new BenchmarkData(d.items().subList(0, n), d.skippedIds(), d.skippedReason());
    }

    private static Path parentOf(Path file) {
        Path p = file.toAbsolutePath().getParent();
        return p == null ? Path.of(".") : p;
    }

    /** The image file of an item under {@code root}. */
    static Path image(Path root, EvalItem it, Path dataFile) {
        if (it.image() == null || it.image().isBlank()) {
            throw new InputException(dataFile + ": question_id '" + it.id() + "': no image reference (field image)");
        }
        Path p = root.resolve(it.image());
        if (Files.isRegularFile(p)) {
            return p;
        }
        if (!it.image().contains(".")) {
            for (String ext : List.of(".jpg", ".png")) {
                Path q = root.resolve(it.image() + ext);
                if (Files.isRegularFile(q)) {
                    return q;
                }
            }
        }
        throw new InputException(dataFile + ": question_id '" + it.id() + "': image " + p + " not found (set --images to the image root)");
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.indexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** A numeric id as a number (POPE's question ids are integers), any other as text. */
    private static Object questionId(String id) {
        if (!id.isEmpty() && id.length() < 18 && id.chars().allMatch(Character::isDigit) && (id.equals("0") || id.charAt(0) != '0')) {
            return Long.parseLong(id);
        }
        return id;
    }

    /** Scores world-qa answers: oracle verdict first, exact match when the oracle cannot decide. */
    static ScoredRun scoreWorld(BenchmarkData data, PredictionFile predictions, RunRequest request) {
        List<ScoredItem> items = new ArrayList<>();
        int missing = 0;
        int unparsable = 0;
        for (EvalItem it : data.items()) {
            Prediction p = predictions.byId().get(it.id());
            if (p == null) {
                missing++;
                items.add(new ScoredItem(it.id(), null, null, null, it.category(), it.subcategory(), it.gold(), null, null,
                        false, true, null));
                continue;
            }
            String parsed = WorldQaScores.yesNo(it.gold()) ? request.parser().parse(p.text()) : WorldQaScores.normalize(p.text());
            if (parsed == null) {
                unparsable++;
            }
            Verdict v = request.verifier().verify(it.image(), Category.fromId(it.category()).orElse(null),
                    BenchmarkPrompts.bareQuestion(it.question()), p.text());
            boolean exact = parsed != null && parsed.equals(WorldQaScores.normalize(it.gold()));
            boolean correct = v == Verdict.TRUE || (v == Verdict.UNKNOWN && exact);
            items.add(new ScoredItem(it.id(), null, null, null, it.category(), it.subcategory(), it.gold(), p.text(), parsed,
                    correct, false, v.name().toLowerCase(java.util.Locale.ROOT)));
        }
        List<List<ScoredItem>> units = items.stream().map(List::of).toList();
        return new ScoredRun(Benchmark.WORLD_QA, null, items, units, missing, 0, 0, unparsable, data.skipped(), data.skippedReason());
    }
}
