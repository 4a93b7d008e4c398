package org.vapr.pipeline.edit;

import java.io.IOException;

/**
 * Makes a hard negative from a ground-truth answer: a minimal edit of the answer-critical span(s) that makes it
 * wrong while keeping wording, style and length. The builder calls {@link #propose} up to {@link #maxAttempts()}
 * times per pair; after a rejected proposal the next request carries the validator's reason as feedback (an
 * LLM editor puts it in its prompt; the rule editor varies its random choices). Implementations must be
 * deterministic for a given request (the rule editor) or at least journal their answers (LLM editors).
 */
public interface Editor {

    /** Editor kind recorded in {@code edit.editor}, e.g. {@code rules} or {@code openai}. */
    String name();

    /** Model or rule-set name recorded in {@code edit.model}. */
    String model();

    /** Attempts per pair before it is dropped with the last validation reason. */
    default int maxAttempts() {
        return 3;
    }

    /**
     * Proposes a rejected answer.
     *
     * @throws IOException when a remote editor cannot be reached (the builder stops the run)
     */
    EditProposal propose(EditRequest request) throws IOException;
}
