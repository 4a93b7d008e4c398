package org.vapr.train.data;

import java.nio.file.Path;

/**
 * A preference pair ready for DPO: one image and prompt, a chosen and a rejected completion.
 *
 * @param id           the pair id ({@code pairs.jsonl} {@code id})
 * @param image        the image file, absolute
 * @param promptIds    prompt token ids
 * @param chosenIds    chosen completion ids
 * @param rejectedIds  rejected completion ids
 */
public record EncodedPair(String id, Path image, int[] promptIds, int[] chosenIds, int[] rejectedIds) {

    /** The chosen side as a row. */
    public EncodedTurn chosen() {
        return new EncodedTurn(id, image, promptIds, chosenIds);
    }

    /** The rejected side as a row. */
    public EncodedTurn rejected() {
        return new EncodedTurn(id, image, promptIds, rejectedIds);
    }
}
