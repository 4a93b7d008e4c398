package org.vapr.pipeline.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlWriter;
import org.vapr.core.record.PreferencePair;

/**
 * Writes finished pairs in the trainers' formats (see REFERENCE.md): {@code trl/train.jsonl} (TRL vision DPO,
 * conversational with typed content, one image part per image), {@code llamafactory/vapr.json} with its
 * {@code llamafactory/dataset_info.json} entry (sharegpt, ranking, one {@code <image>} per image), and
 * {@code llava-next/vapr.json} (prompt {@code "<image>\n" + question}).
 *
 * <p>Image paths: the caller maps the corpus path; the builder writes absolute paths (resolved against the
 * image root) when an image root is given and the corpus-relative path otherwise, the same in every format.
 */
public final class TrainerExports {
    /** Dataset name used in {@code dataset_info.json}. */
    public static final String DATASET_NAME = "vapr";

    private TrainerExports() {
    }

    record Part(String type, String text) {
    }

    record Msg(String role, List<Part> content) {
    }

    record TrlRow(List<String> images, List<Msg> prompt, List<Msg> chosen, List<Msg> rejected) {
    }

    record Turn(String from, String value) {
    }

    record SharegptRow(List<Turn> conversations, Turn chosen, Turn rejected, List<String> images) {
    }

    record NextRow(String id, String prompt, String chosen, String rejected, String image) {
    }

    /**
     * Writes all three formats under {@code outDir}.
     *
     * @param imagePath maps the corpus image path to the path written in the exports
     * @return the files written
     */
    public static List<Path> write(Path outDir, List<PreferencePair> pairs, Function<String, String> imagePath)
            throws IOException {
        List<Path> out = new ArrayList<>();
        Path trl = outDir.resolve("trl").resolve("train.jsonl");
        try (JsonlWriter w = JsonlWriter.open(trl)) {
            for (PreferencePair p : pairs) {
                w.write(trl(p, imagePath.apply(p.image())));
            }
        }
        out.add(trl);
        Path lf = outDir.resolve("llamafactory").resolve("vapr.json");
        writeArray(lf, pairs, p -> sharegpt(p, imagePath.apply(p.image())));
        out.add(lf);
        Path info = outDir.resolve("llamafactory").resolve("dataset_info.json");
        AtomicFiles.writeString(info, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(datasetInfo()) + "\n");
        out.add(info);
        Path next = outDir.resolve("llava-next").resolve("vapr.json");
        writeArray(next, pairs, p -> new NextRow(p.id(), "<image>\n" + p.prompt(), p.chosen(), p.rejected(),
                imagePath.apply(p.image())));
        out.add(next);
        return out;
    }

    static TrlRow trl(PreferencePair p, String image) {
        List<Msg> prompt = List.of(new Msg("user", List.of(new Part("image", null), new Part("text", p.prompt()))));
        return new TrlRow(List.of(image), prompt,
                List.of(new Msg("assistant", List.of(new Part("text", p.chosen())))),
                List.of(new Msg("assistant", List.of(new Part("text", p.rejected())))));
    }

    static SharegptRow sharegpt(PreferencePair p, String image) {
        return new SharegptRow(List.of(new Turn("human", "<image>" + p.prompt())), new Turn("gpt", p.chosen()),
                new Turn("gpt", p.rejected()), List.of(image));
    }

    /** The LLaMA-Factory {@code dataset_info.json} content. */
    public static Map<String, Object> datasetInfo() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("messages", "conversations");
        columns.put("chosen", "chosen");
        columns.put("rejected", "rejected");
        columns.put("images", "images");
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("file_name", "vapr.json");
        entry.put("formatting", "sharegpt");
        entry.put("ranking", true);
        entry.put("columns", columns);
        return Map.of(DATASET_NAME, entry);
    }

    private static <T> void writeArray(Path target, List<PreferencePair> pairs, Function<PreferencePair, T> row)
            throws IOException {
        AtomicFiles.write(target, (OutputStream o) -> {
            if (pairs.isEmpty()) {
                o.write("[]\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            o.write('[');
            o.write('\n');
            for (int i = 0; i < pairs.size(); i++) {
                o.write(Json.mapper().writeValueAsBytes(row.apply(pairs.get(i))));
                o.write(i + 1 < pairs.size() ? ",\n".getBytes(StandardCharsets.UTF_8) : "\n".getBytes(StandardCharsets.UTF_8));
            }
            o.write(']');
            o.write('\n');
        });
    }
}
