package org.vapr.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of a predictions file by item id, for the LLM-judge benchmarks: LLaVA's answer-file format (JSONL,
 * or a JSON array, with {@code question_id} and {@code text}), or one JSON object mapping id to answer (MM-Vet's
 * own results format, {@code {"v1_0": "answer", …}}).
 */
public final class PredictionTexts {

    private PredictionTexts() {
    }

    /** The answers in file order; a repeated id keeps its first answer. */
    public static Map<String, String> read(Path file) {
        List<SourceRecord> records = JsonRecords.read(file);
        if (records.size() == 1 && records.get(0).node().isObject() && !records.get(0).node().has("question_id")) {
            JsonNode obj = records.get(0).node();
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : obj.properties()) {
                if (!e.getValue().isTextual()) {
                    throw records.get(0).problem(e.getKey(), "expected the answer as a string (an {id: answer} object)");
                }
                out.put(e.getKey(), e.getValue().asText());
            }
            return Collections.unmodifiableMap(out);
        }
        Map<String, String> out = new LinkedHashMap<>();
        PredictionFile.read(file).byId().forEach((id, p) -> out.put(id, p.text()));
        return Collections.unmodifiableMap(out);
    }
}
