package org.vapr.eval.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlReader;
import org.vapr.core.io.LlavaReader;
import org.vapr.core.io.ReadItem;
import org.vapr.core.record.LlavaRecord;
import org.vapr.core.record.Message;

/**
 * World-qa questions: the question/answer turns of a LLaVA-format corpus written by {@code vapr synth} (a
 * held-out world, e.g. made with another seed), each asked on its own with its record's image. The item id is
 * {@code <record id>#<turn>}, the gold answer is the corpus answer, the category comes from the world's
 * {@code labels.jsonl} (next to the corpus) when it labels the turn, otherwise from the category function;
 * the subcategory is the record kind from the labels ({@code vqa}, {@code instruct_detail}, …). Left out and
 * counted: turns of records without an image, turns labelled with a drop reason (text-only, multiple choice, bbox,
 * OCR), and with {@link Turns#SHORT} every turn whose question lacks LLaVA's short-answer instruction.
 */
public final class WorldQaFile {

    /** Which turns to ask. */
    public enum Turns {
        /** Short-answer turns only (question with "Answer the question using a single word or phrase."). */
        SHORT,
        /** Every turn with an image (long answers are judged by the oracle; exact match rarely holds). */
        ALL
    }

    /** Names the task category of a turn the labels do not cover. */
    @FunctionalInterface
    public interface CategoryFunction {
        /** A category, or {@code null} when none applies (the turn is then {@code unlabeled}). */
        Category categoryOf(String question, String answer, String image);

        /** Names no category. */
        CategoryFunction NONE = (q, a, i) -> null;
    }

    private WorldQaFile() {
    }

    /** The labels file of a corpus: {@code labels.jsonl} in its directory, or {@code null} when there is none. */
    public static Path labelsOf(Path corpus) {
        Path p = corpus.toAbsolutePath().getParent().resolve("labels.jsonl");
        return Files.isRegularFile(p) ? p : null;
    }

    /**
     * Reads the questions.
     *
     * @param labels the world's {@code labels.jsonl}, or {@code null}
     */
    public static BenchmarkData read(Path corpus, Path labels, Turns turns, CategoryFunction categories) {
        Map<String, String[]> labelled = labels == null ? Map.of() : readLabels(labels);
        List<EvalItem> items = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        try (LlavaReader reader = LlavaReader.open(corpus)) {
            for (ReadItem item = reader.next(); item != null; item = reader.next()) {
                if (item instanceof ReadItem.Bad bad) {
                    throw new InputException(bad.problem());
                }
                LlavaRecord r = ((ReadItem.Ok) item).record();
                List<Message> c = r.conversations();
                int turn = 0;
                for (int i = 0; i + 1 < c.size(); i++) {
                    if (!c.get(i).isHuman() || c.get(i + 1).isHuman()) {
                        continue;
                    }
                    String id = r.id() + "#" + turn;
                    String[] label = labelled.get(r.id() + "#" + turn);
                    turn++;
                    String question = c.get(i).value();
                    String answer = c.get(i + 1).value();
                    i++;
                    String category = label == null ? null : Category.fromId(label[1]).map(Category::id).orElse(null);
                    boolean dropKind = label != null && category == null;
                    boolean shortTurn = question.contains(BenchmarkPrompts.SHORT_ANSWER);
                    if (!r.hasImage() || dropKind || (turns == Turns.SHORT && !shortTurn)) {
                        skipped.add(id);
                        continue;
                    }
                    if (category == null) {
                        Category guessed = categories.categoryOf(BenchmarkPrompts.bareQuestion(question), answer, r.image());
                        category = guessed == null ? "unlabeled" : guessed.id();
                    }
                    items.add(new EvalItem(id, null, null, null, r.image(), question, List.of(), answer.strip(), category,
                            label == null ? null : label[0], null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + corpus, e);
        }
        String reason = turns == Turns.SHORT ? "turns without an image, drop kinds, or long answers (world-qa asks short-answer turns)"
                : "turns without an image or of drop kinds";
        return new BenchmarkData(items, skipped, skipped.isEmpty() ? null : reason);
    }

    /** {@code id#turn → [kind, expected]}. */
    private static Map<String, String[]> readLabels(Path labels) {
        Map<String, String[]> out = new HashMap<>();
        try (JsonlReader in = JsonlReader.open(labels)) {
            for (JsonlReader.Line line; (line = in.next()) != null; ) {
                JsonNode n;
                try {
                    n = Json.mapper().readTree(line.bytes());
                } catch (IOException e) {
                    throw new InputException(labels + ": line " + line.number() + ": not JSON");
                }
                for (String field : List.of("id", "turn", "expected")) {
                    if (!n.hasNonNull(field)) {
                        throw new InputException(labels + ": line " + line.number() + ": field '" + field + "' is missing");
                    }
                }
                out.put(n.get("id").asText() + "#" + n.get("turn").asInt(), new String[] {n.path("kind").asText(null), n.get("expected").asText()});
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + labels, e);
        }
        return out;
    }
}
