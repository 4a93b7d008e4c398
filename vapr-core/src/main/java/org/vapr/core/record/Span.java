package org.vapr.core.record;

/**
 * A character range {@code [from, to)} of the rejected answer that the editor changed.
 *
 * @param from first changed character (inclusive)
 * @param to   end of the change (exclusive)
 */
public record Span(int from, int to) {
    public Span {
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("bad span [" + from + ", " + to + ")");
        }
    }
}
