package org.vapr.pipeline.select;

/**
 * A sampled candidate: a line of {@code sampled.jsonl}. Lines are written in sampler order, so the first
 * {@code n} lines of a larger sample are the sample of size {@code n} (same seed).
 *
 * @param order 0-based position in the sampler order
 */
public record SampledCandidate(int order, String sourceId, int turn, String image, String category, String prompt,
                               String answer) {

    /** The candidate without its order. */
    public Candidate candidate() {
        return new Candidate(sourceId, turn, image, category, prompt, answer);
    }
}
