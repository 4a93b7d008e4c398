package org.vapr.eval.judge;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.vapr.core.InputException;
import org.vapr.core.io.Digests;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.RunManifest;
import org.vapr.eval.data.ContextualFile;
import org.vapr.eval.data.LlavaBenchFiles;
import org.vapr.eval.data.MmVetFile;
import org.vapr.eval.data.PredictionTexts;
import org.vapr.eval.score.Interval;
import org.vapr.llm.ChatCaller;
import org.vapr.llm.ChatResult;

/**
 * Scores a predictions file on an LLM-judge benchmark: reads the benchmark's official files and the predictions
 * (all before the first call), asks the judge about every item through a {@link JudgeRunner}, and writes
 * {@code OUT/reviews.jsonl} (one line per item in benchmark order: the judge's reply and the parsed scores),
 * {@code OUT/scores.json} (the {@link JudgeReport}) and, last, {@code OUT/manifest.json} (judge model, base URL,
 * prompt hashes, counts, tokens). An item without a prediction is judged as an empty answer and counted. A judge
 * that refuses (or stays unreachable after the client's retries) stops the run with the client's
 * {@link org.vapr.llm.LlmException}, before anything but the emptied manifest slot is touched.
 */
public final class JudgeRun {
    /** The reviews file's name. */
    public static final String REVIEWS = "reviews.jsonl";
    /** The scores file's name. */
    public static final String SCORES = "scores.json";

    private JudgeRun() {
    }

    /**
     * What to judge.
     *
     * @param benchmark   the benchmark
     * @param data        its file or folder (LLaVA-Bench: the folder of questions.jsonl, answers_gpt4.jsonl and
     *                    context.jsonl, or one of them; MM-Vet: mm-vet.json or its folder; ConTextual: the CSV,
     *                    JSON or JSONL file, or a folder holding just one)
     * @param predictions the model's answers (LLaVA answer-file JSONL, or an {@code {id: answer}} object)
     * @param out         the output folder
     * @param judgeModel  the judge's model name, for the report
     * @param baseUrl     the judge's API root without credentials, for the manifest
     * @param parallelism judge calls in flight at most
     * @param bootstrap   bootstrap replicates for 95% intervals, 0 for none
     * @param seed        the bootstrap seed
     */
    public record Job(JudgeBenchmark benchmark, Path data, Path predictions, Path out, String judgeModel, String baseUrl,
                      int parallelism, int bootstrap, long seed) {
    }

    /** The SHA-256 of the benchmark's judge prompt (system message and instructions). */
    public static String promptHash(JudgeBenchmark b) {
        return switch (b) {
            case LLAVA_BENCH -> Digests.sha256(LlavaBenchJudge.SYSTEM + "\n" + LlavaBenchJudge.RULE);
            case MM_VET -> Digests.sha256(MmVetJudge.PROMPT);
            case CONTEXTUAL -> Digests.sha256(ContextualJudge.SYSTEM);
        };
    }

    /** Judges, writes the three files and returns the report. */
    public static JudgeReport execute(Job job, ChatCaller judge, RunManifest manifest) throws IOException {
        Map<String, String> answers = PredictionTexts.read(job.predictions());
        Counting counting = new Counting(judge);
        JudgeRunner runner = new JudgeRunner(counting, job.parallelism());
        JudgeBootstrap boot = job.bootstrap() == 0 ? null : new JudgeBootstrap(job.bootstrap(), job.seed(), 0.95);
        Set<String> ids = new HashSet<>();
        int[] missing = {0};
        Function<String, String> answerOf = id -> {
            ids.add(id);
            String a = answers.get(id);
            if (a == null) {
                missing[0]++;
                return "";
            }
            return a;
        };
        List<Object> lines;
        List<JudgeReport.Score> scores;
        int failures;
        int dropped = 0;
        List<Path> inputs = new ArrayList<>();
        switch (job.benchmark()) {
            case LLAVA_BENCH -> {
                List<LlavaBenchFiles.Question> qs = nonEmpty(LlavaBenchFiles.read(job.data()), job.data());
                inputs.addAll(LlavaBenchFiles.files(job.data()));
                List<JudgeRunner.LlavaBenchCase> cases = qs.stream().map(q -> new JudgeRunner.LlavaBenchCase(q.questionId(),
                        q.category(), q.context(), q.question(), q.reference(), answerOf.apply(q.questionId()))).toList();
                begin(job);
                List<LlavaBenchJudge.Review> reviews = runner.llavaBench(cases);
                lines = List.copyOf(reviews);
                scores = llavaScores(reviews, boot);
                failures = (int) reviews.stream().filter(r -> !r.scores().parsed()).count();
            }
            case MM_VET -> {
                List<MmVetFile.Question> qs = nonEmpty(MmVetFile.read(job.data()), job.data());
                inputs.add(MmVetFile.file(job.data()));
                List<JudgeRunner.MmVetCase> cases = qs.stream().map(q -> new JudgeRunner.MmVetCase(q.id(), q.question(),
                        q.answer(), answerOf.apply(q.id()), q.capabilities())).toList();
                begin(job);
                List<MmVetJudge.Grade> grades = runner.mmVet(cases);
                lines = List.copyOf(grades);
                scores = mmVetScores(grades, boot);
                failures = MmVetJudge.failures(grades);
            }
            case CONTEXTUAL -> {
                ContextualFile.Contents c = ContextualFile.read(job.data());
                List<ContextualFile.Question> qs = nonEmpty(c.questions(), job.data());
                dropped = c.dropped();
                inputs.add(c.file());
                List<JudgeRunner.ContextualCase> cases = qs.stream().map(q -> new JudgeRunner.ContextualCase(q.id(),
                        q.category(), q.instruction(), q.reference(), answerOf.apply(q.id()))).toList();
                begin(job);
                List<ContextualJudge.Judgement> judgements = runner.contextual(cases);
                lines = List.copyOf(judgements);
                scores = contextualScores(judgements, boot);
                failures = ContextualJudge.failures(judgements);
            }
            default -> throw new IllegalStateException("unreachable");
        }
        int unknown = (int) answers.keySet().stream().filter(id -> !ids.contains(id)).count();
        JudgeReport report = new JudgeReport(job.benchmark().id(), job.judgeModel(), lines.size(), missing[0], unknown,
                dropped, failures, counting.calls.get(), counting.prompt.get(), counting.completion.get(), job.bootstrap(),
                job.seed(), scores);
        try (BufferedWriter w = Files.newBufferedWriter(job.out().resolve(REVIEWS), StandardCharsets.UTF_8)) {
            for (Object line : lines) {
                w.write(Json.mapper().writeValueAsString(line));
                w.write('\n');
            }
        }
        Files.writeString(job.out().resolve(SCORES),
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n", StandardCharsets.UTF_8);
        for (int i = 0; i < inputs.size(); i++) {
            manifest.input(inputs.size() == 1 ? "data" : "data_" + inputs.get(i).getFileName().toString()
                    .replaceFirst("\\.jsonl?$", ""), inputs.get(i));
        }
        manifest.input("predictions", job.predictions());
        manifest.hash("judge_prompt", promptHash(job.benchmark()));
        manifest.seed("bootstrap", job.seed());
        Map<String, Object> judgeInfo = new LinkedHashMap<>();
        judgeInfo.put("model", job.judgeModel());
        judgeInfo.put("base_url", job.baseUrl());
        judgeInfo.put("parallelism", job.parallelism());
        manifest.put("judge", judgeInfo);
        manifest.count("items", report.items()).count("missing_predictions", report.missingPredictions())
                .count("unknown_predictions", unknown).count("dropped_items", dropped)
                .count("parse_failures", failures).count("judge_calls", report.calls());
        manifest.put("tokens", Map.of("prompt", report.promptTokens(), "completion", report.completionTokens()));
        manifest.write(job.out());
        return report;
    }

    private static <T> List<T> nonEmpty(List<T> items, Path data) {
        if (items.isEmpty()) {
            throw new InputException(data + ": no benchmark items");
        }
        return items;
    }

    private static void begin(Job job) throws IOException {
        Files.createDirectories(job.out());
        RunManifest.invalidate(job.out());
    }

    static List<JudgeReport.Score> llavaScores(List<LlavaBenchJudge.Review> reviews, JudgeBootstrap boot) {
        Map<String, Interval> ci = boot == null ? Map.of() : boot.intervals(reviews, LlavaBenchJudge.Review::category, s -> {
            Map<String, Double> m = new LinkedHashMap<>();
            LlavaBenchJudge.summarize(s).forEach(c -> m.put(c.category(), c.relativeScore()));
            return m;
        });
        return LlavaBenchJudge.summarize(reviews).stream().map(c -> new JudgeReport.Score(c.category(), c.count(),
                c.relativeScore(), ci.get(c.category()), c.parseFailures(), c.referenceScore(), c.modelScore())).toList();
    }

    static List<JudgeReport.Score> mmVetScores(List<MmVetJudge.Grade> grades, JudgeBootstrap boot) {
        Map<String, Interval> ci = boot == null ? Map.of() : boot.intervals(grades, g -> "", MmVetJudge::summarize);
        List<JudgeReport.Score> out = new ArrayList<>();
        MmVetJudge.summarize(grades).forEach((name, score) -> {
            List<MmVetJudge.Grade> in = name.equals("total") ? grades
                    : grades.stream().filter(g -> g.capabilities().contains(name)).toList();
            int failed = (int) in.stream().filter(MmVetJudge.Grade::failed).count();
            out.add(new JudgeReport.Score(name, in.size(), score, ci.get(name), failed, null, null));
        });
        return out;
    }

    static List<JudgeReport.Score> contextualScores(List<ContextualJudge.Judgement> judgements, JudgeBootstrap boot) {
        Function<List<ContextualJudge.Judgement>, Map<String, Double>> statistic = s -> {
            Map<String, Double> m = new LinkedHashMap<>();
            byCategory(s).forEach((k, v) -> m.put(k, ContextualJudge.score(v)));
            m.put("all", ContextualJudge.score(s));
            return m;
        };
        Map<String, Interval> ci = boot == null ? Map.of()
                : boot.intervals(judgements, j -> String.valueOf(j.category()), statistic);
        List<JudgeReport.Score> out = new ArrayList<>();
        Map<String, List<ContextualJudge.Judgement>> groups = byCategory(judgements);
        groups.put("all", judgements);
        groups.forEach((k, v) -> out.add(new JudgeReport.Score(k, v.size(), ContextualJudge.score(v), ci.get(k),
                ContextualJudge.failures(v), null, null)));
        return out;
    }

    private static Map<String, List<ContextualJudge.Judgement>> byCategory(List<ContextualJudge.Judgement> judgements) {
        Map<String, List<ContextualJudge.Judgement>> by = new java.util.TreeMap<>();
        for (ContextualJudge.Judgement j : judgements) {
            if (j.category() != null) {
                by.computeIfAbsent(j.category(), k -> new ArrayList<>()).add(j);
            }
        }
        return new LinkedHashMap<>(by);
    }

    /** Counts the judge's calls and tokens. */
    private static final class Counting implements ChatCaller {
        private final ChatCaller inner;
        final AtomicLong calls = new AtomicLong();
        final AtomicLong prompt = new AtomicLong();
        final AtomicLong completion = new AtomicLong();

        Counting(ChatCaller inner) {
            this.inner = inner;
        }

        @Override
        public ChatResult call(String key, org.vapr.llm.ChatRequest request) {
            ChatResult r = inner.call(key, request);
            calls.incrementAndGet();
            if (r.usage() != null) {
                prompt.addAndGet(r.usage().promptTokens());
                completion.addAndGet(r.usage().completionTokens());
            }
            return r;
        }
    }
}
