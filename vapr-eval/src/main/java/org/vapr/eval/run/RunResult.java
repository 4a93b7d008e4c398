package org.vapr.eval.run;

import java.nio.file.Path;
import java.util.List;
import org.vapr.eval.ScoreReport;
import org.vapr.eval.ScoredRun;

/**
 * What one {@code vapr eval run} produced.
 *
 * @param report            the scores as written to {@code scores.json}
 * @param run               every scored item
 * @param predictionFiles   the answer files written (one per data file)
 * @param asked             questions sent to the model
 * @param failed            questions the backend could not answer (missing predictions)
 * @param answerSeconds     wall time spent answering
 * @param questionsPerSecond asked / answerSeconds
 */
public record RunResult(ScoreReport report, ScoredRun run, List<Path> predictionFiles, int asked, int failed,
                        double answerSeconds, double questionsPerSecond) {
    public RunResult {
        predictionFiles = List.copyOf(predictionFiles);
    }
}
