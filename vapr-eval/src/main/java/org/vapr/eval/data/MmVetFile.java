package org.vapr.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * MM-Vet's {@code mm-vet.json}: one object keyed by question id ({@code v1_0}, …), each value holding
 * {@code imagename}, {@code capability} (a list such as {@code ["rec", "ocr"]}), {@code question} and
 * {@code answer} (the ground truth, possibly with {@code <AND>}/{@code <OR>}). A folder stands for its
 * {@code mm-vet.json}.
 */
public final class MmVetFile {
    /** The file's name in the release. */
    public static final String NAME = "mm-vet.json";

    private MmVetFile() {
    }

    /**
     * One MM-Vet question.
     *
     * @param id           the question id
     * @param image        the image file name
     * @param capabilities its capabilities
     * @param question     the question
     * @param answer       the ground truth
     */
    public record Question(String id, String image, List<String> capabilities, String question, String answer) {
    }

    /** The file a path stands for. */
    public static Path file(Path path) {
        return Files.isDirectory(path) ? path.resolve(NAME) : path;
    }

    /** Reads the questions in file order. */
    public static List<Question> read(Path path) {
        Path file = file(path);
        List<Question> out = new ArrayList<>();
        List<SourceRecord> whole = JsonRecords.read(file);
        if (whole.size() != 1 || !whole.get(0).node().isObject()) {
            throw new org.vapr.core.InputException(file + ": expected MM-Vet's one JSON object keyed by question id");
        }
        List<SourceRecord> records = new ArrayList<>();
        int index = 0;
        for (java.util.Map.Entry<String, JsonNode> e : whole.get(0).node().properties()) {
            SourceRecord r = new SourceRecord(file, index++, false, e.getKey(), e.getValue());
            if (!e.getValue().isObject()) {
                throw r.problem("", "expected an object with imagename, capability, question and answer");
            }
            records.add(r);
        }
        for (SourceRecord r : records) {
            JsonNode caps = r.node().get("capability");
            if (caps == null || !caps.isArray()) {
                throw r.problem("capability", caps == null ? "missing" : "expected a list of strings");
            }
            List<String> capabilities = new ArrayList<>();
            for (JsonNode c : caps) {
                if (!c.isTextual()) {
                    throw r.problem("capability", "expected a list of strings");
                }
                capabilities.add(c.asText());
            }
            out.add(new Question(r.key(), r.optionalText("imagename"), List.copyOf(capabilities), r.text("question"),
                    r.text("answer")));
        }
        return out;
    }
}
