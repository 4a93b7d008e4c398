package org.vapr.train.loop;

/** Writes every logging step and evaluation to {@code metrics.jsonl}, one JSON object per line. */
public final class MetricsFileWriter implements TrainingListener {
    private final AppendLog log;

    /** Writes to {@code log}; the loop must {@linkplain TrainingLoop#track track} it so a resume cuts it back. */
    public MetricsFileWriter(AppendLog log) {
        this.log = log;
    }

    @Override
    public void onLog(LoggedMetrics metrics) {
        log.write(metrics.toLine());
    }

    @Override
    public void onEvaluation(LoggedMetrics metrics) {
        log.write(metrics.toLine());
    }
}
