package org.vapr.core.record;

/**
 * One VaPR preference pair: a line of {@code pairs.jsonl}.
 *
 * @param id       the pair id (stable for a given source record and turn)
 * @param sourceId the id of the LLaVA record the turn came from
 * @param turn     0-based index of the question/answer pair within its conversation
 * @param image    image path relative to the image root
 * @param category one of the ten category ids
 * @param prompt   the question, without {@code <image>} and format suffixes
 * @param chosen   the ground-truth answer (extended into a sentence where the builder does so)
 * @param rejected the hard negative
 * @param edit     how the rejected answer was made
 */
public record PreferencePair(String id, String sourceId, int turn, String image, String category, String prompt,
                             String chosen, String rejected, EditInfo edit) {
}
