package org.vapr.eval.score;

/**
 * One benchmark item with the model's answer, the parsed answer and whether it is right: a line of the per-item
 * output ({@code --items}), from which every score can be recomputed.
 *
 * @param questionId  the item's id
 * @param split       POPE's split, or {@code null}
 * @param group       NaturalBench's group, or {@code null}
 * @param position    NaturalBench's position in the group, or {@code null}
 * @param category    the category scores are broken down by, or {@code null}
 * @param subcategory the finer category, or {@code null}
 * @param gold        the gold answer ({@code yes}/{@code no}, {@code 1}/{@code 0}, or a letter)
 * @param response    the model's raw answer, or {@code null} when the predictions file has none for this item
 * @param parsed      the parsed answer ({@code yes}/{@code no}; {@code 1}/{@code 0}/{@code -1}; a letter), or
 *                    {@code null} when there is no answer or it is unparsable
 * @param correct     whether the parsed answer equals the gold one
 * @param missing     whether the predictions file has no answer for this item (it counts as wrong)
 * @param verdict     world-qa only: the world oracle's verdict on the answer ({@code true}, {@code false},
 *                    {@code unknown}); {@code null} for other benchmarks and for missing answers
 */
public record ScoredItem(String questionId, String split, String group, String position, String category,
                         String subcategory, String gold, String response, String parsed, boolean correct,
                         boolean missing, String verdict) {

    /** An item of a benchmark without an oracle. */
    public ScoredItem(String questionId, String split, String group, String position, String category,
                      String subcategory, String gold, String response, String parsed, boolean correct, boolean missing) {
        this(questionId, split, group, position, category, subcategory, gold, response, parsed, correct, missing, null);
    }

    /** Whether there was an answer but it could not be parsed. */
    public boolean unparsable() {
        return !missing && (parsed == null || parsed.equals("-1"));
    }
}
