package org.vapr.pipeline.select;

/**
 * One kept question/answer turn: a line of {@code turns.jsonl}.
 *
 * @param sourceId the LLaVA record id
 * @param turn     0-based index of the question/answer pair in the conversation
 * @param image    image path relative to the image root
 * @param prompt   the clean question (no {@code <image>}, no format suffix)
 * @param answer   the ground-truth answer as written in the corpus
 */
public record Turn(String sourceId, int turn, String image, String prompt, String answer) {
}
