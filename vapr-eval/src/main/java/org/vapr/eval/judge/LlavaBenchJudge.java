package org.vapr.eval.judge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;

/**
 * LLaVA-Bench (in-the-wild): the judge reads the image's context captions, the question, Assistant 1 = the
 * reference answer and Assistant 2 = the model's answer, and puts two 1–10 scores on its first line. The relative
 * score is 100 · mean(model) / mean(reference), per category ({@code conv}, {@code detail}, {@code complex}) and
 * over all. As in the official summary, a reply whose first line does not hold exactly two numbers counts as
 * (−1, −1) in the means; we also count these parse failures.
 */
public final class LlavaBenchJudge {
    /** The judge's system message. */
    public static final String SYSTEM = "You are a helpful and precise assistant for checking the quality of the answer.";
    /** The judge's instructions (LLaVA's rule for LLaVA-Bench). */
    public static final String RULE = "We would like to request your feedback on the performance of two AI assistants in response to "
            + "the user question displayed above. The user asks the question on observing an image. For your reference, the visual "
            + "content in the image is represented with a few sentences describing the image. \n"
            + "Please rate the helpfulness, relevance, accuracy, level of details of their responses. Each assistant receives an "
            + "overall score on a scale of 1 to 10, where a higher score indicates better overall performance.\n"
            + "Please first output a single line containing only two values indicating the scores for Assistant 1 and 2, "
            + "respectively. The two scores are separated by a space.\n"
            + "In the subsequent line, please provide a comprehensive explanation of your evaluation, avoiding any potential bias "
            + "and ensuring that the order in which the responses were presented does not affect your judgment.";

    private LlavaBenchJudge() {
    }

    /**
     * The two scores of one review.
     *
     * @param reference Assistant 1's (the reference answer's) score, −1 when unparsed
     * @param model     Assistant 2's (the model's) score, −1 when unparsed
     * @param parsed    whether the first line held two numbers
     */
    public record ScorePair(double reference, double model, boolean parsed) {
        /** The official stand-in for an unreadable review. */
        public static final ScorePair FAILED = new ScorePair(-1, -1, false);
    }

    /** The judge request (temperature 0.2, at most 1024 tokens, as in the official script). */
    public static ChatRequest request(String context, String question, String reference, String answer) {
        String content = "[Context]\n" + context + "\n\n[Question]\n" + question + "\n\n[Assistant 1]\n" + reference
                + "\n\n[End of Assistant 1]\n\n[Assistant 2]\n" + answer + "\n\n[End of Assistant 2]\n\n[System]\n" + RULE + "\n\n";
        return new ChatRequest(List.of(ChatMessage.system(SYSTEM), ChatMessage.user(content)), null, 0.2, 1024);
    }

    /** Reads the scores from a review: its first line, commas read as spaces, split on single spaces, exactly two numbers. */
    public static ScorePair parse(String review) {
        try {
            String first = review.split("\n", -1)[0].replace(',', ' ');
            String[] parts = first.split(" ", -1);
            if (parts.length != 2) {
                return ScorePair.FAILED;
            }
            return new ScorePair(Double.parseDouble(parts[0].strip()), Double.parseDouble(parts[1].strip()), true);
        } catch (NumberFormatException e) {
            return ScorePair.FAILED;
        }
    }

    /**
     * One judged item.
     *
     * @param questionId the question
     * @param category   {@code conv}, {@code detail} or {@code complex}
     * @param review     the judge's raw reply
     * @param scores     the parsed scores
     */
    public record Review(String questionId, String category, String review, ScorePair scores) {
    }

    /**
     * The summary of one category.
     *
     * @param category       the category, or {@code all}
     * @param count          reviews
     * @param relativeScore  100 · mean(model) / mean(reference)
     * @param referenceScore 10 · mean(reference)
     * @param modelScore     10 · mean(model)
     * @param parseFailures  reviews counted as (−1, −1)
     */
    public record CategoryScore(String category, int count, double relativeScore, double referenceScore, double modelScore,
                                int parseFailures) {
    }

    /** Per category in first-seen order, then {@code all}. */
    public static List<CategoryScore> summarize(List<Review> reviews) {
        Map<String, List<Review>> by = new LinkedHashMap<>();
        for (Review r : reviews) {
            by.computeIfAbsent(r.category(), k -> new ArrayList<>()).add(r);
        }
        List<CategoryScore> out = new ArrayList<>();
        by.forEach((k, v) -> out.add(summary(k, v)));
        if (!reviews.isEmpty()) {
            out.add(summary("all", reviews));
        }
        return out;
    }

    private static CategoryScore summary(String category, List<Review> reviews) {
        double ref = 0;
        double model = 0;
        int failures = 0;
        for (Review r : reviews) {
            ref += r.scores().reference();
            model += r.scores().model();
            failures += r.scores().parsed() ? 0 : 1;
        }
        int n = reviews.size();
        return new CategoryScore(category, n, 100 * (model / n) / (ref / n), 10 * ref / n, 10 * model / n, failures);
    }
}
