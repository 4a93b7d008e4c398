package org.vapr.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vapr.eval.parse.ChoiceParser;

/**
 * NaturalBench as a JSON Lines (or JSON array) export of the Hugging Face dataset {@code BaiqiL/NaturalBench}
 * (the release is parquet; export it with {@code datasets}' {@code to_json}): one record per group with
 * {@code Index}, {@code Image_0}, {@code Image_1}, {@code Question_0}, {@code Question_1},
 * {@code Image_0_Question_0} … {@code Image_1_Question_1} and {@code Question_Type} ({@code "Question Type"}
 * also accepted). Each group becomes four items in the official order (Q0,I0), (Q0,I1), (Q1,I0), (Q1,I1) with
 * ids {@code <Index>_q0_i0} … {@code <Index>_q1_i1}; the gold is positional, 1, 0, 0, 1, as in the official
 * scoring (the label columns are not read). Image columns may be paths or {@code {"path": …}} objects. A
 * multiple-choice question's options, where it lists them on lines of their own ({@code A. text}), become the item's
 * options (read only by the {@code option-text} parser; the prompt is the question as given).
 */
public final class NaturalBenchFile {
    /** The four positions of a group in official order, with their positional gold. */
    public static final List<String> POSITIONS = List.of("q0_i0", "q0_i1", "q1_i0", "q1_i1");
    private static final List<String> GOLD = List.of("1", "0", "0", "1");

    private NaturalBenchFile() {
    }

    /** Reads one export. */
    public static BenchmarkData read(Path file) {
        List<EvalItem> items = new ArrayList<>();
        int ordinal = 0;
        for (SourceRecord r : JsonRecords.read(file)) {
            String index = r.has("Index") ? r.text("Index") : String.valueOf(ordinal);
            ordinal++;
            String typeField = r.has("Question_Type") ? "Question_Type" : "Question Type";
            String type = r.has(typeField) ? r.text(typeField) : "yes_no";
            if (!type.equals("yes_no") && !type.equals("multiple_choice")) {
                throw r.problem(typeField, "expected \"yes_no\" or \"multiple_choice\", got \"" + type + "\"");
            }
            String[] questions = {r.text("Question_0"), r.text("Question_1")};
            List<List<String>> options = new ArrayList<>(2);
            for (String q : questions) {
                options.add(type.equals("multiple_choice") ? ChoiceParser.listedOptions(q) : List.of());
            }
            String[] images = {image(r, "Image_0"), image(r, "Image_1")};
            for (int p = 0; p < 4; p++) {
                int q = p / 2;
                int i = p % 2;
                items.add(new EvalItem(index + "_" + POSITIONS.get(p), null, index, POSITIONS.get(p), images[i],
                        questions[q], options.get(q), GOLD.get(p), type, null, type));
            }
        }
        return BenchmarkData.of(items);
    }

    private static String image(SourceRecord r, String field) {
        JsonNode v = r.node().get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isObject() && v.hasNonNull("path")) {
            return v.get("path").asText();
        }
        return null;
    }
}
