package org.vapr.eval.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.vapr.core.InputException;
import org.vapr.core.InputProblem;

/**
 * ConTextual's released data: {@code contextual_val.csv} / {@code contextual_test.csv} of
 * {@code rohan598/ConTextual} (columns {@code image_url, instruction, response, category}), or a JSON/JSONL export
 * with those fields (e.g. of the Hugging Face release). An item's id is its {@code id} or {@code question_id}
 * field when there is one, else its {@code image_url} (the official judge keys model responses by image URL),
 * else its 0-based row number. Rows without a reference response are dropped, as the official judge does.
 */
public final class ContextualFile {

    private ContextualFile() {
    }

    /**
     * One ConTextual item.
     *
     * @param id          the item id predictions are matched by
     * @param image       the image URL or path, or {@code null}
     * @param instruction the instruction
     * @param reference   the human reference response
     * @param category    its category ({@code time}, {@code shopping}, …), or {@code null}
     */
    public record Question(String id, String image, String instruction, String reference, String category) {
    }

    /**
     * The items of a file.
     *
     * @param file      the file read
     * @param questions the items with a reference, in file order
     * @param dropped   rows without a reference response
     */
    public record Contents(Path file, List<Question> questions, int dropped) {
    }

    /**
     * The data file a path stands for: the path itself, or in a folder its one .csv file, else its one .json/.jsonl
     * file.
     */
    public static Path file(Path path) {
        if (!Files.isDirectory(path)) {
            return path;
        }
        try (Stream<Path> s = Files.list(path)) {
            List<Path> found = s.filter(f -> {
                String n = f.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(f) && !n.equals("manifest.json")
                        && (n.endsWith(".csv") || n.endsWith(".json") || n.endsWith(".jsonl"));
            }).sorted().toList();
            List<Path> csv = found.stream().filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")).toList();
            if (csv.size() == 1) {
                return csv.get(0);
            }
            if (found.size() != 1) {
                throw new InputException(path + ": expected one ConTextual .csv/.json/.jsonl file in the folder, found "
                        + found.size() + " (give the file itself)");
            }
            return found.get(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the items. */
    public static Contents read(Path path) {
        Path file = file(path);
        List<Question> out = new ArrayList<>();
        int dropped = 0;
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            CsvTable t = CsvTable.read(file);
            int instruction = required(t, "instruction");
            int response = required(t, "response");
            int url = t.column("image_url");
            int category = t.column("category");
            int id = t.column("id") >= 0 ? t.column("id") : t.column("question_id");
            for (int r = 0; r < t.rows().size(); r++) {
                List<String> row = t.rows().get(r);
                if (row.get(response).isBlank()) {
                    dropped++;
                    continue;
                }
                String key = id >= 0 ? row.get(id) : url >= 0 ? row.get(url) : Integer.toString(r);
                out.add(new Question(key, url >= 0 ? row.get(url) : null, row.get(instruction), row.get(response),
                        category >= 0 ? row.get(category) : null));
            }
        } else {
            List<SourceRecord> records = JsonRecords.read(file);
            for (int r = 0; r < records.size(); r++) {
                SourceRecord rec = records.get(r);
                String reference = rec.has("response") ? rec.text("response") : rec.optionalText("reference");
                if (reference == null || reference.isBlank()) {
                    dropped++;
                    continue;
                }
                String url = rec.optionalText("image_url");
                String key = rec.has("id") ? rec.text("id") : rec.has("question_id") ? rec.text("question_id")
                        : url != null ? url : Integer.toString(r);
                out.add(new Question(key, url, rec.text("instruction"), reference, rec.optionalText("category")));
            }
        }
        Set<String> seen = new HashSet<>();
        for (Question q : out) {
            if (!seen.add(q.id())) {
                throw new InputException(new InputProblem(file.toString(), -1, -1, "id", "duplicate item id '" + q.id()
                        + "'", false));
            }
        }
        return new Contents(file, List.copyOf(out), dropped);
    }

    private static int required(CsvTable t, String column) {
        int i = t.column(column);
        if (i < 0) {
            throw new InputException(t.file() + ": missing column '" + column + "' (expected image_url, instruction, "
                    + "response, category)");
        }
        return i;
    }
}
