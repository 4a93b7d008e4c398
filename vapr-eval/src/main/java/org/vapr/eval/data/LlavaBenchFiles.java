package org.vapr.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vapr.core.InputException;

/**
 * LLaVA-Bench (in-the-wild) from its official folder ({@code liuhaotian/llava-bench-in-the-wild}, or LLaVA's
 * {@code playground/data/eval/llava-bench-in-the-wild}): {@code questions.jsonl} ({@code question_id, image, text,
 * category}), {@code answers_gpt4.jsonl} (the reference answers, {@code question_id, text}) and {@code context.jsonl}
 * ({@code image, caption}, the caption a string or a list of lines). References are matched by question id,
 * contexts by image, as LLaVA's {@code eval_gpt_review_bench.py} does.
 */
public final class LlavaBenchFiles {
    /** The questions file's name. */
    public static final String QUESTIONS = "questions.jsonl";
    /** The reference answers file's name. */
    public static final String REFERENCES = "answers_gpt4.jsonl";
    /** The context captions file's name. */
    public static final String CONTEXT = "context.jsonl";

    private LlavaBenchFiles() {
    }

    /**
     * One question with everything the judge sees.
     *
     * @param questionId the question id (as text)
     * @param image      the image file name
     * @param question   the question text
     * @param category   {@code conv}, {@code detail} or {@code complex}
     * @param reference  the reference (GPT-4) answer: the judge's Assistant 1
     * @param context    the image's context caption(s), lines joined by newlines
     */
    public record Question(String questionId, String image, String question, String category, String reference,
                           String context) {
    }

    /** The three files of a benchmark folder, or of the folder holding {@code path} when it is a file. */
    public static List<Path> files(Path path) {
        Path dir = Files.isDirectory(path) ? path : path.toAbsolutePath().getParent();
        return List.of(dir.resolve(QUESTIONS), dir.resolve(REFERENCES), dir.resolve(CONTEXT));
    }

    /** Reads the questions in file order, each with its reference answer and context. */
    public static List<Question> read(Path path) {
        List<Path> files = files(path);
        for (Path f : files) {
            if (!Files.isRegularFile(f)) {
                throw new InputException(f + ": no such file (LLaVA-Bench needs " + QUESTIONS + ", " + REFERENCES
                        + " and " + CONTEXT + " in one folder)");
            }
        }
        Map<String, String> references = new HashMap<>();
        for (SourceRecord r : JsonRecords.read(files.get(1))) {
            references.putIfAbsent(r.text("question_id"), r.text("text"));
        }
        Map<String, String> contexts = new HashMap<>();
        for (SourceRecord r : JsonRecords.read(files.get(2))) {
            contexts.putIfAbsent(r.text("image"), caption(r));
        }
        List<Question> out = new ArrayList<>();
        for (SourceRecord r : JsonRecords.read(files.get(0))) {
            String id = r.text("question_id");
            String image = r.text("image");
            String reference = references.get(id);
            if (reference == null) {
                throw r.problem("question_id", "no reference answer with this id in " + files.get(1));
            }
            String context = contexts.get(image);
            if (context == null) {
                throw r.problem("image", "no context for image '" + image + "' in " + files.get(2));
            }
            out.add(new Question(id, image, r.text("text"), r.text("category"), reference, context));
        }
        return out;
    }

    private static String caption(SourceRecord r) {
        JsonNode c = r.node().get("caption");
        if (c != null && c.isArray()) {
            List<String> lines = new ArrayList<>();
            for (JsonNode line : c) {
                if (!line.isTextual()) {
                    throw r.problem("caption", "expected a list of strings");
                }
                lines.add(line.asText());
            }
            return String.join("\n", lines);
        }
        return r.text("caption");
    }
}
