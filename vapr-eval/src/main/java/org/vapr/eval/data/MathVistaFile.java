package org.vapr.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MathVista ({@code testmini.json}: an object keyed by {@code pid}; a JSON array or JSON Lines export of the
 * parquet release is accepted too): {@code {"pid", "question", "choices": [...], "answer": the choice's text,
 * "question_type": "multi_choice"|"free_form"}}. Only multiple-choice items are read (free-form ones are skipped
 * and counted); the gold letter is the position of {@code answer} among {@code choices}. The category is
 * {@code metadata.task} when present.
 */
public final class MathVistaFile {
    private MathVistaFile() {
    }

    /** Reads the multiple-choice items of one file. */
    public static BenchmarkData read(Path file) {
        List<EvalItem> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (SourceRecord r : JsonRecords.readKeyed(file)) {
            if (!"multi_choice".equals(r.optionalText("question_type"))) {
                skipped.add(r.has("pid") ? r.text("pid") : String.valueOf(r.key()));
                continue;
            }
            String id = r.has("pid") ? r.text("pid") : r.key();
            if (id == null) {
                throw r.problem("pid", "missing");
            }
            JsonNode choices = r.node().get("choices");
            if (choices == null || !choices.isArray() || choices.isEmpty()) {
                throw r.problem("choices", choices == null ? "missing" : "expected a non-empty array");
            }
            List<String> options = new ArrayList<>();
            choices.forEach(c -> options.add(c.asText()));
            String answer = r.text("answer");
            int at = options.indexOf(answer);
            if (at < 0) {
                at = options.stream().map(String::strip).toList().indexOf(answer.strip());
            }
            if (at < 0) {
                throw r.problem("answer", "\"" + answer + "\" is not one of the choices");
            }
            JsonNode task = r.node().at("/metadata/task");
            items.add(new EvalItem(id, null, null, null, r.optionalText("image"), r.text("question"), options,
                    String.valueOf((char) ('A' + at)), task.isMissingNode() || task.isNull() ? null : task.asText(), null, null));
        }
        return new BenchmarkData(items, skipped, skipped.isEmpty() ? null : "free-form questions (only multiple choice is scored)");
    }
}
