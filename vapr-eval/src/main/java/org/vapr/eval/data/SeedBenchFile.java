package org.vapr.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SEED-Bench's {@code SEED-Bench.json}: {@code {"question_type": {name: id}, "questions": [{"question_id",
 * "question", "choice_a" … "choice_d", "answer", "question_type_id", "data_type"}]}}; a JSON array or JSON
 * Lines of the question records is accepted too. Only {@code data_type == "image"} questions are SEED-I; video
 * questions are skipped and counted. The category is the question type's name (its id when the map is absent).
 */
public final class SeedBenchFile {
    private static final List<String> CHOICES = List.of("choice_a", "choice_b", "choice_c", "choice_d");

    private SeedBenchFile() {
    }

    /** Reads the image questions of one file. */
    public static BenchmarkData read(Path file) {
        List<SourceRecord> records = JsonRecords.read(file);
        Map<String, String> typeNames = new HashMap<>();
        if (records.size() == 1 && records.get(0).node().has("questions")) {
            SourceRecord top = records.get(0);
            JsonNode types = top.node().get("question_type");
            if (types != null && types.isObject()) {
                types.properties().forEach(e -> typeNames.put(e.getValue().asText(), e.getKey()));
            }
            JsonNode qs = top.node().get("questions");
            if (!qs.isArray()) {
                throw top.problem("questions", "expected an array, got " + SourceRecord.kind(qs));
            }
            records = new ArrayList<>();
            for (int i = 0; i < qs.size(); i++) {
                records.add(new SourceRecord(file, i, false, "questions[" + i + "]", qs.get(i)));
            }
        }
        List<EvalItem> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (SourceRecord r : records) {
            String dataType = r.optionalText("data_type");
            if (dataType != null && !dataType.equals("image")) {
                skipped.add(r.text("question_id"));
                continue;
            }
            List<String> options = new ArrayList<>();
            for (String c : CHOICES) {
                options.add(r.text(c));
            }
            String answer = r.text("answer").strip().toUpperCase(Locale.ROOT);
            if (!List.of("A", "B", "C", "D").contains(answer)) {
                throw r.problem("answer", "expected a letter A-D, got \"" + r.text("answer") + "\"");
            }
            String typeId = r.optionalText("question_type_id");
            String category = typeId == null ? null : typeNames.getOrDefault(typeId, typeId);
            items.add(new EvalItem(r.text("question_id"), null, null, null, r.optionalText("data_id"),
                    r.text("question"), options, answer, category, null, null));
        }
        return new BenchmarkData(items, skipped, skipped.isEmpty() ? null : "video questions (SEED-I scores images only)");
    }
}
