package org.vapr.train.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vapr.train.loop.LoggedMetrics;
import org.vapr.train.loop.TrainingListener;

/** Keeps the last logged training metrics and the last evaluation, for the manifest and the summary. */
final class LastMetrics implements TrainingListener {
    Map<String, Double> train = new LinkedHashMap<>();
    Map<String, Double> eval = new LinkedHashMap<>();

    @Override
    public void onLog(LoggedMetrics metrics) {
        train = new java.util.TreeMap<>(metrics.metrics());
    }

    @Override
    public void onEvaluation(LoggedMetrics metrics) {
        eval = new java.util.TreeMap<>(metrics.metrics());
    }
}
