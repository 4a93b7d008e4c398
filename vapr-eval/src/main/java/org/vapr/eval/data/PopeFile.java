package org.vapr.eval.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * POPE question files ({@code coco_pope_random.json} and friends, JSON Lines despite the name):
 * {@code {"question_id", "image", "text", "label": "yes"|"no"}}. The split is the record's {@code category}
 * field when present (LLaVA's merged {@code llava_pope_test.jsonl}), otherwise the split named in the file
 * name (random, popular, adversarial), otherwise the file name without extension.
 */
public final class PopeFile {
    /** POPE's three splits in report order. */
    public static final List<String> SPLITS = List.of("random", "popular", "adversarial");

    private PopeFile() {
    }

    /** Reads one POPE file. */
    public static BenchmarkData read(Path file) {
        String fileSplit = splitOf(file);
        List<EvalItem> items = new ArrayList<>();
        for (SourceRecord r : JsonRecords.read(file)) {
            String id = r.text("question_id");
            String label = r.text("label").strip().toLowerCase(Locale.ROOT);
            if (!label.equals("yes") && !label.equals("no")) {
                throw r.problem("label", "expected \"yes\" or \"no\", got \"" + r.text("label") + "\"");
            }
            String split = r.has("category") ? r.text("category") : fileSplit;
            items.add(new EvalItem(id, split, null, null, r.optionalText("image"), r.text("text"), List.of(), label,
                    split, null, null));
        }
        return BenchmarkData.of(items);
    }

    static String splitOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (String s : SPLITS) {
            if (name.contains(s)) {
                return s;
            }
        }
        int dot = name.indexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
