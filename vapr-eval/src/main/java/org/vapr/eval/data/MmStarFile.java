package org.vapr.eval.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MMStar ({@code Lin-Chen/MMStar}, released as parquet: read a JSON/JSONL export of it):
 * {@code {"index", "question", "answer": letter, "category", "l2_category"}} with the options inside the question
 * ({@code "... Options: A: x, B: y, C: z, D: w"}). The options are split out of the question text; the category is
 * {@code category}, the subcategory {@code l2_category} (the score is the mean over the 18 subcategories). For
 * {@code vapr eval run}, {@code image} must name an image file (export the images to files; inline bytes are not read).
 */
public final class MmStarFile {
    private static final Pattern OPTION = Pattern.compile("(?:^|[\\s,(])([A-F])[:.]\\s");

    private MmStarFile() {
    }

    /** Reads one file. */
    public static BenchmarkData read(Path file) {
        List<EvalItem> items = new ArrayList<>();
        for (SourceRecord r : JsonRecords.read(file)) {
            String id = r.has("question_id") ? r.text("question_id") : r.text("index");
            String question = r.text("question");
            List<String> options = options(question);
            String answer = r.text("answer").strip().toUpperCase(Locale.ROOT);
            int count = options.isEmpty() ? 4 : options.size();
            if (answer.length() != 1 || answer.charAt(0) < 'A' || answer.charAt(0) - 'A' >= count) {
                throw r.problem("answer", "expected an option letter, got \"" + r.text("answer") + "\"");
            }
            items.add(new EvalItem(id, null, null, null, r.imagePath("image"), question, options, answer, r.text("category"),
                    r.text("l2_category"), null));
        }
        return BenchmarkData.of(items);
    }

    /** The options listed after {@code Options:} in a question, in letter order; empty when there are none. */
    static List<String> options(String question) {
        int at = question.lastIndexOf("Options:");
        if (at < 0) {
            return List.of();
        }
        String tail = question.substring(at + "Options:".length());
        Matcher m = OPTION.matcher(tail);
        List<int[]> marks = new ArrayList<>();
        char expected = 'A';
        while (m.find()) {
            if (m.group(1).charAt(0) == expected) {
                marks.add(new int[] {m.start(1), m.end()});
                expected++;
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            int end = i + 1 < marks.size() ? marks.get(i + 1)[0] : tail.length();
            String text = tail.substring(marks.get(i)[1], end).strip();
            if (text.endsWith(",")) {
                text = text.substring(0, text.length() - 1).strip();
            }
            out.add(text);
        }
        return out;
    }
}
