package org.vapr.core.record;

import java.util.List;

/**
 * How a rejected answer was made.
 *
 * @param editor             editor kind, e.g. {@code rules} or {@code openai}
 * @param model              the editor model (e.g. {@code gpt-4o}), or the rule-set name for the rule editor
 * @param spans              changed character ranges of the rejected answer
 * @param wordEditDistance   word-level Levenshtein distance between chosen and rejected
 * @param tokenLengthDelta   tokens(chosen) − tokens(rejected) with the builder's tokenizer
 * @param attempts           editor attempts used (1 = first try accepted)
 */
public record EditInfo(String editor, String model, List<Span> spans, int wordEditDistance, int tokenLengthDelta,
                       int attempts) {
    public EditInfo {
        spans = List.copyOf(spans);
    }
}
