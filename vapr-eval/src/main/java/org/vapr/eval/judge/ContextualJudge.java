package org.vapr.eval.judge;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;

/**
 * ConTextual (context-sensitive text-rich visual reasoning): the judge sees the instruction, the reference response
 * and the model's response and answers {@code Judgement: Yes} or {@code Judgement: No}. The score is 100 · the share
 * of yes; a reply without a judgement is a parse failure, counted, and scores as no. The prompt is written after
 * the benchmark's description of its GPT-4 judge (it is not a verbatim copy of the benchmark's prompt).
 */
public final class ContextualJudge {
    /** The judge's instructions. */
    public static final String SYSTEM = "You are an expert judge of whether a response correctly and adequately answers an "
            + "instruction about an image that contains text. You are given the instruction, a reference response written by a "
            + "human who saw the image, and a model's response. The image itself is not shown to you: use the reference response "
            + "as the ground truth. Decide whether the model's response is acceptable, that is, it agrees with the reference on "
            + "everything the instruction asks for. Reply with one line: 'Judgement: Yes' or 'Judgement: No'.";
    private static final Pattern JUDGEMENT = Pattern.compile("judg(?:e)?ment\\s*:\\s*\\**\\s*(yes|no)\\b", Pattern.CASE_INSENSITIVE);

    private ContextualJudge() {
    }

    /** The judge request (temperature 0). */
    public static ChatRequest request(String instruction, String reference, String response) {
        String content = "Instruction: " + instruction + "\nReference response: " + reference + "\nModel response: " + response
                + "\n\nIs the model response acceptable? Answer 'Judgement: Yes' or 'Judgement: No'.";
        return new ChatRequest(List.of(ChatMessage.system(SYSTEM), ChatMessage.user(content)), null, 0.0, 64);
    }

    /** The judgement in a reply (the first {@code Judgement: yes|no}), empty when there is none. */
    public static Optional<Boolean> parse(String reply) {
        Matcher m = JUDGEMENT.matcher(reply);
        return m.find() ? Optional.of(m.group(1).equalsIgnoreCase("yes")) : Optional.empty();
    }

    /**
     * One judged item.
     *
     * @param id         the item
     * @param category   its category (e.g. {@code time}, {@code shopping}), or {@code null}
     * @param acceptable the judgement (false when unparsed)
     * @param parsed     whether the reply held a judgement
     * @param reply      the judge's raw reply
     */
    public record Judgement(String id, String category, boolean acceptable, boolean parsed, String reply) {
    }

    /** 100 · the share of acceptable responses. */
    public static double score(List<Judgement> judgements) {
        return judgements.isEmpty() ? Double.NaN
                : 100.0 * judgements.stream().filter(Judgement::acceptable).count() / judgements.size();
    }

    /** Parse failures among judgements. */
    public static int failures(List<Judgement> judgements) {
        return (int) judgements.stream().filter(j -> !j.parsed()).count();
    }
}
