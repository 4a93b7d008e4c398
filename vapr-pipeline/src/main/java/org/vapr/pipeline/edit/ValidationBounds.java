package org.vapr.pipeline.edit;

import org.vapr.core.Category;

/**
 * Limits on how far a rejected answer may be from the chosen one: word-level Levenshtein distance and
 * |tokens(chosen) − tokens(rejected)| (o200k), tighter for short-answer categories than for captioning and
 * reasoning, whose edits touch 2–4 spans of a long answer.
 *
 * @param maxWordEdits      bound for object, color, size, background, spatial, counting, existence, referential
 * @param maxTokenDelta     token bound for those categories
 * @param maxWordEditsLong  bound for captioning and reasoning
 * @param maxTokenDeltaLong token bound for captioning and reasoning
 */
public record ValidationBounds(int maxWordEdits, int maxTokenDelta, int maxWordEditsLong, int maxTokenDeltaLong) {

    /** Defaults: 4 words / 3 tokens; 12 words / 6 tokens for captioning and reasoning. */
    public static ValidationBounds defaults() {
        return new ValidationBounds(4, 3, 12, 6);
    }

    static boolean isLong(Category c) {
        return c == Category.CAPTIONING || c == Category.REASONING;
    }

    public int maxWordEdits(Category c) {
        return isLong(c) ? maxWordEditsLong : maxWordEdits;
    }

    public int maxTokenDelta(Category c) {
        return isLong(c) ? maxTokenDeltaLong : maxTokenDelta;
    }
}
