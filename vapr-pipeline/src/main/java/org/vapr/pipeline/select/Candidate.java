package org.vapr.pipeline.select;

/**
 * A categorized turn: a line of {@code candidates.jsonl}.
 *
 * @param sourceId the LLaVA record id
 * @param turn     0-based question/answer index
 * @param image    image path relative to the image root
 * @param category category id (see {@link org.vapr.core.Category#id()})
 * @param prompt   the clean question
 * @param answer   the ground-truth answer
 */
public record Candidate(String sourceId, int turn, String image, String category, String prompt, String answer) {

    /** This candidate with its place in the sampler order. */
    public SampledCandidate at(int order) {
        return new SampledCandidate(order, sourceId, turn, image, category, prompt, answer);
    }
}
