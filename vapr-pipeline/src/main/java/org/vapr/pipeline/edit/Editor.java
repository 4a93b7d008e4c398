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
     * Which of the {@link Validator}'s checks the builder applies to this editor's proposals (default
     * {@link Checks#VAPR}). The baseline editors of the paper's comparison relax them: POVID-style negatives are
     * longer by design, SIMA-style self-sampled ones are kept even when identical to the chosen answer.
     */
    default Checks checks() {
        return Checks.VAPR;
    }

    /** The validation regimes an editor can ask for. */
    enum Checks {
        /** Every check: identity, spans, word-distance and token-length bounds, category, oracle. */
        VAPR,
        /** Every check but the distance and length bounds ({@code bounds: none} in the manifest). */
        UNBOUNDED,
        /** No check: any proposal with a text is kept, duplicates of the chosen answer included; no oracle. */
        NONE;

        /** The id written in the manifest. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Proposes a rejected answer.
     *
     * @throws IOException when a remote editor cannot be reached (the builder stops the run)
     */
    EditProposal propose(EditRequest request) throws IOException;
}
