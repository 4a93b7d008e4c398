package org.vapr.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CV-Bench ({@code nyu-visionx/CV-Bench}: {@code test.jsonl}, or a JSON/JSONL export of its parquet):
 * {@code {"idx", "type", "task", "question", "choices": [...], "answer": "(A)", "source": "ADE20K"|"COCO"|"Omni3D"}}.
 * The question id is {@code idx} ({@code question_id} when present); the category is the source, the subcategory
 * the task.
 */
public final class CvBenchFile {
    private static final Pattern LETTER = Pattern.compile("^\\(?([A-Z])\\)?$");

    private CvBenchFile() {
    }

    /** Reads one file. */
    public static BenchmarkData read(Path file) {
        List<EvalItem> items = new ArrayList<>();
        for (SourceRecord r : JsonRecords.read(file)) {
            String id = r.has("question_id") ? r.text("question_id") : r.text("idx");
            JsonNode choices = r.node().get("choices");
            if (choices == null || !choices.isArray() || choices.isEmpty()) {
                throw r.problem("choices", choices == null ? "missing" : "expected a non-empty array");
            }
            List<String> options = new ArrayList<>();
            choices.forEach(c -> options.add(c.asText()));
            Matcher m = LETTER.matcher(r.text("answer").strip());
            if (!m.matches() || m.group(1).charAt(0) - 'A' >= options.size()) {
                throw r.problem("answer", "expected an option letter such as \"(A)\", got \"" + r.text("answer") + "\"");
            }
            String source = r.text("source");
            items.add(new EvalItem(id, null, null, null, r.optionalText("filename"), r.text("question"), options,
                    m.group(1), source, r.optionalText("task"), null));
        }
        return BenchmarkData.of(items);
    }
}
