package org.vapr.train.data;

import ai.djl.ndarray.NDManager;
import java.util.List;

/** Pads encoded rows (and loads their images) into a {@link TokenBlock} for one forward pass. */
public interface RowCollator {

    /** The block for {@code rows}, in that order, with arrays attached to {@code manager}. */
    TokenBlock collate(NDManager manager, List<EncodedTurn> rows);
}
