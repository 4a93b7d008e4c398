package org.vapr.train.loop;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * One micro-batch's loss and metrics.
 *
 * @param loss    scalar loss (mean over the micro-batch), in the step's manager
 * @param metrics the metrics of this micro-batch ({@code loss} included, as a double); the loop averages them over
 *                the logging window with equal weight per micro-batch, as TRL does
 */
public record MicroBatchResult(NDArray loss, Map<String, Double> metrics) {
}
