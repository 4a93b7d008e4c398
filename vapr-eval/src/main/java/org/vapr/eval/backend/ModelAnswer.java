package org.vapr.eval.backend;

/**
 * A backend's answer to one item: the text, or why there is none (the endpoint failed after its retries).
 *
 * @param text  the answer, or {@code null}
 * @param error a one-line reason when {@code text} is {@code null}
 */
public record ModelAnswer(String text, String error) {
    /** An answer. */
    public static ModelAnswer of(String text) {
        return new ModelAnswer(text, null);
    }

    /** A failure. */
    public static ModelAnswer failed(String error) {
        return new ModelAnswer(null, error);
    }

    /** Whether there is an answer. */
    public boolean answered() {
        return text != null;
    }
}
