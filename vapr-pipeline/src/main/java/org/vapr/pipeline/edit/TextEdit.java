package org.vapr.pipeline.edit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.vapr.core.record.Span;

/**
 * A set of non-overlapping replacements on a text; applying them gives the edited text and the changed
 * character spans in the edited text's coordinates (an insertion's span covers the inserted text, a deletion's
 * span is empty at the deletion point).
 */
final class TextEdit {
    private record Replacement(int from, int to, String text) {
    }

    private final String original;
    private final List<Replacement> replacements = new ArrayList<>();

    TextEdit(String original) {
        this.original = original;
    }

    /** Replaces {@code [from, to)} of the original; returns false (and does nothing) if it overlaps another. */
    boolean replace(int from, int to, String text) {
        for (Replacement r : replacements) {
            if (from < r.to() && r.from() < to || (from == to && from == r.from()) || (r.from() == r.to() && r.from() == from)) {
                return false;
            }
        }
        replacements.add(new Replacement(from, to, text));
        return true;
    }

    boolean isEmpty() {
        return replacements.isEmpty();
    }

    String original() {
        return original;
    }

    /** The edited text and its spans. */
    Result apply() {
        List<Replacement> sorted = new ArrayList<>(replacements);
        sorted.sort(Comparator.comparingInt(Replacement::from));
        StringBuilder b = new StringBuilder();
        List<Span> spans = new ArrayList<>();
        int pos = 0;
        for (Replacement r : sorted) {
            b.append(original, pos, r.from());
            int start = b.length();
            b.append(r.text());
            spans.add(new Span(start, b.length()));
            pos = r.to();
        }
        b.append(original.substring(pos));
        return new Result(b.toString(), spans);
    }

    /** Edited text with spans. */
    record Result(String text, List<Span> spans) {
    }
}
