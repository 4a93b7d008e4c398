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
 */
public record EditProposal(String rejected, List<Span> spans, List<String> values, String failure) {
    public EditProposal {
        spans = spans == null ? List.of() : List.copyOf(spans);
        values = values == null ? List.of() : List.copyOf(values);
    }

    public static EditProposal of(String rejected, List<Span> spans, List<String> values) {
        return new EditProposal(rejected, spans, values, null);
    }

    public static EditProposal failed(String why) {
        return new EditProposal(null, List.of(), List.of(), why);
    }

    public boolean ok() {
        return failure == null && rejected != null;
    }
}
