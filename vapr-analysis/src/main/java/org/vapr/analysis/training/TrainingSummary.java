package org.vapr.analysis.training;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;

/**
 * The JSON form of a training report: the same figures as the HTML page, one {@link RunSummary} per run in the
 * order given. Equal runs give equal bytes.
 *
 * @param nearZeroRef the |Δref| threshold of {@link DeltaSummary#nearZeroRefShare()}
 * @param saturation  the reward accuracy of {@link RunSummary#accuracySaturationStep()}
 * @param runs        one summary per run
 */
public record TrainingSummary(double nearZeroRef, double saturation, List<RunSummary> runs) {
    public TrainingSummary {
        runs = List.copyOf(runs);
    }

    /** The summary of {@code runs}. */
    public static TrainingSummary of(List<TrainingRun> runs) {
        return new TrainingSummary(DeltaSummary.NEAR_ZERO, RunSummary.SATURATION, runs.stream().map(RunSummary::of).toList());
    }

    /** Pretty-printed JSON with a trailing newline. */
    public String toJson() {
        try {
            return Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize the training summary", e);
        }
    }

    /** Writes {@link #toJson()} to {@code target} atomically. */
    public void write(Path target) throws IOException {
        AtomicFiles.writeString(target, toJson());
    }
}
