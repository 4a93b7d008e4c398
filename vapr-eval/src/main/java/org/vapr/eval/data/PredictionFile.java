package org.vapr.eval.data;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The predictions of one answer file (JSONL, also a JSON array) by question id. A question id seen twice keeps its
 * first answer and is counted in {@link #duplicates()}.
 *
 * @param file        the file
 * @param byId        the answers in file order
 * @param duplicates  lines whose question id was already seen
 */
public record PredictionFile(Path file, Map<String, Prediction> byId, int duplicates) {

    /** Reads an answer file; a line without {@code question_id} or {@code text} is an {@link org.vapr.core.InputException}. */
    public static PredictionFile read(Path file) {
        Map<String, Prediction> byId = new LinkedHashMap<>();
        int duplicates = 0;
        for (SourceRecord r : JsonRecords.read(file)) {
            if (!r.node().isObject()) {
                throw r.problem("", "expected a JSON object, got " + SourceRecord.kind(r.node()));
            }
            String id = r.text("question_id");
            String text = r.text("text");
            Prediction p = new Prediction(id, text, r.optionalText("prompt"), r.optionalText("model_id"));
            if (byId.putIfAbsent(id, p) != null) {
                duplicates++;
            }
        }
        return new PredictionFile(file, Collections.unmodifiableMap(byId), duplicates);
    }
}
