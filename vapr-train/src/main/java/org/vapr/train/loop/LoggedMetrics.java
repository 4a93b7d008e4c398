package org.vapr.train.loop;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code metrics.jsonl}: a logging step (window averages plus {@code learning_rate} and {@code grad_norm})
 * or an evaluation ({@code eval_}-prefixed keys).
 *
 * @param step    optimizer steps taken
 * @param epoch   fractional epoch ({@code step / steps per epoch}, 4 decimals)
 * @param metrics metric name → value
 */
public record LoggedMetrics(long step, double epoch, Map<String, Double> metrics) {

    /** The JSON object written to the file: {@code step}, {@code epoch} and the metrics (keys sorted by the mapper). */
    public Map<String, Object> toLine() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.put("epoch", epoch);
        line.putAll(metrics);
        return line;
    }
}
