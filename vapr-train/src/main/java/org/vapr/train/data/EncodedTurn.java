package org.vapr.train.data;

import java.nio.file.Path;

/**
 * One training row before padding: the image, the prompt ids (chat template applied, question included) and the
 * completion ids (answer plus end-of-turn). Only completion tokens are scored.
 *
 * @param id            the row's id (record id and turn, or pair id)
 * @param image         the image file, absolute
 * @param promptIds     prompt token ids
 * @param completionIds completion token ids
 */
public record EncodedTurn(String id, Path image, int[] promptIds, int[] completionIds) {

    /** Prompt plus completion length. */
    public int length() {
        return promptIds.length + completionIds.length;
    }
}
