package org.vapr.train.data;

import ai.djl.ndarray.NDArray;

/**
 * Rows padded into arrays for one forward pass. Arrays live in the manager the block was collated into (a child
 * manager closed after the step).
 *
 * @param pixels            {@code [B, 3, H, W]} float32 images
 * @param tokens            {@code [B, T]} int32 ids, right-padded with the pad id
 * @param completionMask    {@code [B, T]} float32, 1 where {@code tokens[b, t]} is a completion token (scored),
 *                          0 for prompt and padding
 * @param completionLengths completion token count per row
 */
public record TokenBlock(NDArray pixels, NDArray tokens, NDArray completionMask, int[] completionLengths) {

    /** Rows in the block. */
    public int rows() {
        return completionLengths.length;
    }
}
