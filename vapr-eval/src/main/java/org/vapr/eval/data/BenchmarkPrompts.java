package org.vapr.eval.data;

import java.util.List;
import org.vapr.eval.Benchmark;

/**
 * The prompt a model sees for one benchmark item, built as the official evaluation harnesses build it, so scores
 * stay comparable with published ones:
 * <ul>
 *   <li>POPE: the question as is, plus LLaVA's {@value #SHORT_ANSWER} on a new line (LLaVA-1.5's
 *       {@code llava_pope_test.jsonl}; turn it off for the bare question of the original POPE files);</li>
 *   <li>NaturalBench: the question, a space and {@value #NATURALBENCH_YES_NO} or {@value #NATURALBENCH_CHOICE}
 *       (the official {@code SUFFIX_FOR_VQA});</li>
 *   <li>multiple choice (SEED-Bench, CV-Bench, MMMU, MathVista): the question, one {@code A. option} line per option,
 *       then {@value #CHOICE_LETTER} (LLaVA-1.5's SEED/MMBench prompt); MMStar's options are already inside its
 *       question ({@code Options: A: …}), so only the instruction is added;</li>
 *   <li>world-qa: the corpus question without its {@code <image>} tag, suffix kept.</li>
 * </ul>
 */
public final class BenchmarkPrompts {
    /** LLaVA-1.5's instruction for short answers. */
    public static final String SHORT_ANSWER = "Answer the question using a single word or phrase.";
    /** NaturalBench's suffix for yes/no questions. */
    public static final String NATURALBENCH_YES_NO = "Please answer Yes or No.";
    /** NaturalBench's suffix for multiple-choice questions. */
    public static final String NATURALBENCH_CHOICE = "Please output the letter corresponding to the correct option.";
    /** LLaVA-1.5's instruction for multiple-choice questions. */
    public static final String CHOICE_LETTER = "Answer with the option's letter from the given choices directly.";

    private BenchmarkPrompts() {
    }

    /**
     * The prompt of one item.
     *
     * @param popeShortAnswer POPE only: append {@link #SHORT_ANSWER} (LLaVA's evaluation does)
     */
    public static String prompt(Benchmark benchmark, EvalItem item, boolean popeShortAnswer) {
        String q = item.question().strip();
        return switch (benchmark) {
            case POPE -> popeShortAnswer ? q + "\n" + SHORT_ANSWER : q;
            case NATURALBENCH -> q + " " + ("multiple_choice".equals(item.questionType()) ? NATURALBENCH_CHOICE : NATURALBENCH_YES_NO);
            case MMSTAR -> q + "\n" + CHOICE_LETTER;
            case WORLD_QA -> worldQuestion(item.question());
            default -> multipleChoice(q, item.options());
        };
    }

    /** A question, its options as {@code A. text} lines, and {@link #CHOICE_LETTER}. */
    public static String multipleChoice(String question, List<String> options) {
        StringBuilder b = new StringBuilder(question.strip());
        for (int i = 0; i < options.size(); i++) {
            b.append('\n').append((char) ('A' + i)).append(". ").append(options.get(i).strip());
        }
        return b.append('\n').append(CHOICE_LETTER).toString();
    }

    /** A corpus question without the {@code <image>} tag (and the blank lines around it). */
    public static String worldQuestion(String raw) {
        return raw.replace("<image>", "").strip();
    }

    /** A corpus question without {@code <image>} and without the short-answer instruction: what a verifier reads. */
    public static String bareQuestion(String raw) {
        return worldQuestion(raw).replace(SHORT_ANSWER, "").strip();
    }
}
