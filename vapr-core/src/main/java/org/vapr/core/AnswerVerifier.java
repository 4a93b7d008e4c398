package org.vapr.core;

/**
 * Decides whether an answer is true of an image. The synthetic world's oracle implements it; the pipeline
 * uses any verifier it is handed to check that every rejected answer is really wrong.
 */
public interface AnswerVerifier {

    /** A verifier that knows nothing: every answer is {@link Verdict#UNKNOWN}. */
    AnswerVerifier NONE = (image, category, question, answer) -> Verdict.UNKNOWN;

    /**
     * @param image    the image path as written in the corpus ({@code image} field), relative to the image root
     * @param category the task category of the question
     * @param question the question with {@code <image>} and format suffixes removed
     * @param answer   the answer to judge (a short answer or a sentence)
     * @return whether the answer is true of the image, false, or undecidable by this verifier
     */
    Verdict verify(String image, Category category, String question, String answer);
}
