package org.vapr.train.data;

import java.nio.file.Path;

/**
 * A preference pair ready for DPO: one image and prompt, a chosen and a rejected completion, and optionally a contrast
 * image on which the chosen completion is wrong (mDPO's conditional preference).
 *
 * @param id           the pair id ({@code pairs.jsonl} {@code id})
 * @param image        the image file, absolute
 * @param promptIds    prompt token ids
 * @param chosenIds    chosen completion ids
 * @param rejectedIds  rejected completion ids
 * @param contrastImage the contrast image, absolute, or {@code null}
 */
public record EncodedPair(String id, Path image, int[] promptIds, int[] chosenIds, int[] rejectedIds, Path contrastImage) {

    /** A pair without a contrast image. */
    public EncodedPair(String id, Path image, int[] promptIds, int[] chosenIds, int[] rejectedIds) {
        this(id, image, promptIds, chosenIds, rejectedIds, null);
    }

    /** The chosen completion on the contrast image, as a row; only when {@link #contrastImage} is set. */
    public EncodedTurn chosenOnContrast() {
        if (contrastImage == null) {
            throw new IllegalStateException("pair " + id + " has no contrast image");
        }
        return new EncodedTurn(id, contrastImage, promptIds, chosenIds);
    }

    /** The chosen side as a row. */
    public EncodedTurn chosen() {
        return new EncodedTurn(id, image, promptIds, chosenIds);
    }

    /** The rejected side as a row. */
    public EncodedTurn rejected() {
        return new EncodedTurn(id, image, promptIds, rejectedIds);
    }
}
