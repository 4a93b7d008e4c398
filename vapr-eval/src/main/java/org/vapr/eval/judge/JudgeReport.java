package org.vapr.eval.judge;

import java.util.List;
import java.util.Locale;
import org.vapr.eval.score.Interval;

/**
 * The outcome of judging a benchmark: what {@code scores.json} holds. Scores are on the benchmarks' 0–100 scale.
 *
 * @param benchmark          the benchmark's command-line name
 * @param judgeModel         the judge model
 * @param items              items judged
 * @param missingPredictions items the predictions file has no answer for (judged as an empty answer)
 * @param unknownPredictions answers whose id is not in the benchmark (ignored)
 * @param droppedItems       data rows without a reference (ConTextual), not judged
 * @param parseFailures      judge replies that could not be parsed (LLaVA-Bench: counted as (−1, −1); MM-Vet:
 *                           items with no readable reply in 5 attempts, scored 0; ConTextual: scored as no)
 * @param calls              judge requests answered
 * @param promptTokens       prompt tokens the judge server counted
 * @param completionTokens   completion tokens the judge server counted
 * @param bootstrap          bootstrap replicates behind the intervals (0: none)
 * @param seed               the bootstrap seed
 * @param scores             per category (LLaVA-Bench, ConTextual) or capability (MM-Vet), then the overall row
 *                           ({@code all}; MM-Vet: {@code total}, listed first as in MM-Vet's own table)
 */
public record JudgeReport(String benchmark, String judgeModel, int items, int missingPredictions, int unknownPredictions,
                          int droppedItems, int parseFailures, long calls, long promptTokens, long completionTokens,
                          int bootstrap, long seed, List<Score> scores) {

    /**
     * One row of scores.
     *
     * @param name           the category, capability, {@code all} or {@code total}
     * @param count          items in it
     * @param score          LLaVA-Bench: the relative score 100 · mean(model) / mean(reference); MM-Vet: 100 · mean
     *                       correctness; ConTextual: 100 · share judged acceptable
     * @param ci95           the bootstrap 95% interval of {@code score}, or {@code null} without a bootstrap
     * @param parseFailures  unparsable judge replies among its items
     * @param referenceScore LLaVA-Bench only: 10 · mean score of the reference answers, else {@code null}
     * @param modelScore     LLaVA-Bench only: 10 · mean score of the model's answers, else {@code null}
     */
    public record Score(String name, int count, double score, Interval ci95, int parseFailures, Double referenceScore,
                        Double modelScore) {
    }

    /** The one-screen table printed by {@code vapr eval judge}. */
    public String table() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%s judged by %s: %d items, %d missing predictions, %d parse failures%n",
                JudgeBenchmark.of(benchmark).title(), judgeModel, items, missingPredictions, parseFailures));
        boolean llava = benchmark.equals(JudgeBenchmark.LLAVA_BENCH.id());
        b.append(String.format(Locale.ROOT, "%-28s %6s %7s %17s %8s", "category", "items", "score", "95% CI", "unparsed"));
        b.append(llava ? String.format(Locale.ROOT, " %9s %7s%n", "reference", "model") : System.lineSeparator());
        for (Score s : scores) {
            String ci = s.ci95() == null ? "-" : String.format(Locale.ROOT, "[%.1f, %.1f]", s.ci95().low(), s.ci95().high());
            b.append(String.format(Locale.ROOT, "%-28s %6d %7.1f %17s %8d", s.name(), s.count(), s.score(), ci, s.parseFailures()));
            if (llava) {
                b.append(String.format(Locale.ROOT, " %9.1f %7.1f", s.referenceScore(), s.modelScore()));
            }
            b.append(System.lineSeparator());
        }
        b.append(String.format(Locale.ROOT, "judge calls: %d, tokens: %d prompt + %d completion%n", calls, promptTokens,
                completionTokens));
        return b.toString();
    }
}
