package org.vapr.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MMMU ({@code MMMU/MMMU}, parquet per subject: read JSON/JSONL exports, one file or several):
 * {@code {"id": "validation_Art_Theory_12", "question", "options", "answer", "question_type"}}; {@code options}
 * is a JSON list or the release's Python-literal string. The subject is the {@code subject} field when present,
 * otherwise the middle of the id. Open questions ({@code question_type == "open"}) are skipped and counted: this
 * scorer covers the multiple-choice part only. For {@code vapr eval run}, {@code image_1} must name an image file
 * (the first image is the one shown).
 */
public final class MmmuFile {
    private MmmuFile() {
    }

    /** Reads one file. */
    public static BenchmarkData read(Path file) {
        List<EvalItem> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (SourceRecord r : JsonRecords.read(file)) {
            String id = r.text("id");
            String type = r.optionalText("question_type");
            if ("open".equals(type)) {
                skipped.add(id);
                continue;
            }
            List<String> options = options(r);
            String answer = r.text("answer").strip().toUpperCase(Locale.ROOT);
            if (answer.length() != 1 || answer.charAt(0) < 'A' || answer.charAt(0) - 'A' >= options.size()) {
                throw r.problem("answer", "expected one of the " + options.size() + " option letters, got \"" + r.text("answer") + "\"");
            }
            String subject = r.has("subject") ? r.text("subject") : subjectOf(id);
            items.add(new EvalItem(id, null, null, null, r.imagePath("image_1"), r.text("question"), options, answer, subject, null, null));
        }
        return new BenchmarkData(items, skipped, skipped.isEmpty() ? null : "open questions (only multiple choice is scored)");
    }

    private static List<String> options(SourceRecord r) {
        JsonNode v = r.node().get("options");
        if (v == null || v.isNull()) {
            throw r.problem("options", "missing");
        }
        List<String> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(o -> out.add(o.asText()));
        } else if (v.isTextual()) {
            List<String> parsed = PythonListLiteral.parse(v.asText());
            if (parsed == null) {
                throw r.problem("options", "expected a list of strings");
            }
            out.addAll(parsed);
        } else {
            throw r.problem("options", "expected a list, got " + SourceRecord.kind(v));
        }
        if (out.isEmpty()) {
            throw r.problem("options", "empty");
        }
        return out;
    }

    /** {@code validation_Art_Theory_12} → {@code Art_Theory}. */
    static String subjectOf(String id) {
        int first = id.indexOf('_');
        int last = id.lastIndexOf('_');
        return first >= 0 && last > first ? id.substring(first + 1, last) : id;
    }
}
