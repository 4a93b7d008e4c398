package org.vapr.train.loop;

import ai.djl.ndarray.NDManager;
import java.util.Map;

/** Work done at the end of each epoch without gradients: evaluation, log-probability dumps. */
public interface EpochEndEvaluation {

    /**
     * Evaluates after epoch {@code epoch} (1-based).
     *
     * @param manager a child manager closed afterwards
     * @return metrics to log (keys with TRL's {@code eval_} prefix), or an empty map
     */
    Map<String, Double> evaluate(int epoch, NDManager manager);
}
