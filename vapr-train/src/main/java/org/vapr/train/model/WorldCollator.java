package org.vapr.train.model;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.vapr.train.data.EncodedTurn;
import org.vapr.train.data.RowCollator;
import org.vapr.train.data.TokenBlock;

/**
 * Pads rows for {@link WorldVlm}: images from a {@link PixelCache}, tokens right-padded with the pad id to the
 * longest row, rows longer than the model's text length cut at the end (the completion loses its tail).
 */
public final class WorldCollator implements RowCollator {
    private final int imageSize;
    private final int padId;
    private final int maxLength;
    private final PixelCache pixels;

    public WorldCollator(int imageSize, int padId, int maxLength, PixelCache pixels) {
        if (pixels.size() != imageSize) {
            throw new IllegalArgumentException("pixel cache size " + pixels.size() + " differs from image size " + imageSize);
        }
        this.imageSize = imageSize;
        this.padId = padId;
        this.maxLength = maxLength;
        this.pixels = pixels;
    }

    @Override
    public TokenBlock collate(NDManager manager, List<EncodedTurn> rows) {
        int b = rows.size();
        int t = 1;
        for (EncodedTurn r : rows) {
            t = Math.max(t, Math.min(maxLength, r.length()));
        }
        int plane = 3 * imageSize * imageSize;
        float[] image = new float[b * plane];
        int[] tokens = new int[b * t];
        float[] mask = new float[b * t];
        int[] completionLengths = new int[b];
        java.util.Arrays.fill(tokens, padId);
        for (int i = 0; i < b; i++) {
            EncodedTurn r = rows.get(i);
            System.arraycopy(pixels.pixels(r.image()), 0, image, i * plane, plane);
            int pos = 0;
            for (int id : r.promptIds()) {
                if (pos < t) {
                    tokens[i * t + pos++] = id;
                }
            }
            for (int id : r.completionIds()) {
                if (pos < t) {
                    tokens[i * t + pos] = id;
                    mask[i * t + pos] = 1f;
                    completionLengths[i]++;
                    pos++;
                }
            }
        }
        return new TokenBlock(manager.create(image, new Shape(b, 3, imageSize, imageSize)),
                manager.create(tokens, new Shape(b, t)), manager.create(mask, new Shape(b, t)), completionLengths);
    }
}
