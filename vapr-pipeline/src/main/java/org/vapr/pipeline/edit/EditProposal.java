package org.vapr.pipeline.edit;

import java.util.List;
import org.vapr.core.record.Span;

/**
 * An editor's answer: the rejected text, the character spans it changed (in the rejected text) and the
 * replacement values it used (for the penalty lists), or a failure when it found nothing to edit.
 *
 * @param rejected the proposed rejected answer, {@code null} on failure
 * @param spans    changed character ranges of {@code rejected}
 * @param values   replacement values, lowercase (e.g. {@code five}, {@code blue}, {@code no})
 * @param failure  why no edit was made, {@code null} on success
 * @param usage    what producing this proposal cost (LLM calls and tokens); {@link Usage#NONE} for the rule editor
 */
public record EditProposal(String rejected, List<Span> spans, List<String> values, String failure, Usage usage) {
    public EditProposal {
        spans = spans == null ? List.of() : List.copyOf(spans);
        values = values == null ? List.of() : List.copyOf(values);
        usage = usage == null ? Usage.NONE : usage;
    }

    public static EditProposal of(String rejected, List<Span> spans, List<String> values) {
        return new EditProposal(rejected, spans, values, null, Usage.NONE);
    }

    public static EditProposal failed(String why) {
        return new EditProposal(null, List.of(), List.of(), why, Usage.NONE);
    }

    /** The same proposal with its cost. */
    public EditProposal withUsage(Usage newUsage) {
        return new EditProposal(rejected, spans, values, failure, newUsage);
    }

    /**
     * Remote calls made for one proposal and the tokens they used.
     *
     * @param calls            chat requests answered (journal replays included)
     * @param promptTokens     prompt tokens the server reported
     * @param completionTokens completion tokens the server reported
     */
    public record Usage(int calls, long promptTokens, long completionTokens) {
        /** No remote call. */
        public static final Usage NONE = new Usage(0, 0, 0);

        /** Both usages together. */
        public Usage plus(Usage other) {
            return new Usage(calls + other.calls, promptTokens + other.promptTokens,
                    completionTokens + other.completionTokens);
        }
    }

    public boolean ok() {
        return failure == null && rejected != null;
    }
}
