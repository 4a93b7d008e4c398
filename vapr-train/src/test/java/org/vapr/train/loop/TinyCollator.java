package org.vapr.train.loop;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.vapr.train.data.EncodedTurn;
import org.vapr.train.data.RowCollator;
import org.vapr.train.data.TokenBlock;

/** Pads rows with id 0 and gives every image the same 2×2 grey pixels. */
public final class TinyCollator implements RowCollator {
    @Override
    public TokenBlock collate(NDManager manager, List<EncodedTurn> rows) {
        int b = rows.size();
        int t = rows.stream().mapToInt(EncodedTurn::length).max().orElse(1);
        int[] tokens = new int[b * t];
        float[] mask = new float[b * t];
        int[] lengths = new int[b];
        for (int i = 0; i < b; i++) {
            EncodedTurn r = rows.get(i);
            int p = 0;
            for (int id : r.promptIds()) {
                tokens[i * t + p++] = id;
            }
            for (int id : r.completionIds()) {
                mask[i * t + p] = 1;
                tokens[i * t + p++] = id;
            }
            lengths[i] = r.completionIds().length;
        }
        return new TokenBlock(manager.full(new Shape(b, 3, 2, 2), 0.25f), manager.create(tokens, new Shape(b, t)),
                manager.create(mask, new Shape(b, t)), lengths);
    }
}
