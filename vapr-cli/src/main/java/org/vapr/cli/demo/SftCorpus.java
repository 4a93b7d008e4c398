package org.vapr.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.vapr.core.InputException;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.Tally;

/**
 * The demo's SFT corpus: the world corpus restricted to the turns of some question categories, by the world's own
 * {@code labels.jsonl}. A record keeps its image and the kept turns in order; the first kept question carries the
 * {@code <image>} marker, as in LLaVA. Records with no kept turn are dropped; turns are counted by category.
 */
final class SftCorpus {
    private static final String IMAGE = "<image>";

    private SftCorpus() {
    }

    /**
     * Writes the restricted corpus to {@code out} (LLaVA JSON, image paths unchanged: relative to the world directory).
     *
     * @return turns kept and dropped, by category ({@code kept.CATEGORY}, {@code dropped.CATEGORY})
     */
    static Tally write(Path corpus, Path labels, List<String> categories, Path out) throws IOException {
        return write(corpus, labels, categories, 0, Long.MAX_VALUE, out);
    }

    /**
     * As {@link #write(Path, Path, List, Path)}, over the records of scenes {@code [fromScene, toScene)} only: a
     * world corpus holds its scenes in order, one image record each, a text-only record after the scene it follows.
     */
    static Tally write(Path corpus, Path labels, List<String> categories, long fromScene, long toScene, Path out)
            throws IOException {
        Map<String, String> category = new HashMap<>();
        int line = 0;
        for (String text : Files.readAllLines(labels)) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode n = Json.mapper().readTree(text);
            if (!n.hasNonNull("id") || !n.hasNonNull("turn") || !n.hasNonNull("expected")) {
                throw new InputException(labels + ": line " + line + ": needs id, turn and expected");
            }
            category.put(n.get("id").asText() + "#" + n.get("turn").asInt(), n.get("expected").asText());
        }
        Tally tally = new Tally();
        ArrayNode kept = Json.mapper().createArrayNode();
        long images = 0;
        for (JsonNode record : Json.mapper().readTree(corpus.toFile())) {
            long scene = sceneOf(record, images);
            images += record.hasNonNull("image") ? 1 : 0;
            if (scene < fromScene || scene >= toScene) {
                continue;
            }
            JsonNode conversations = record.path("conversations");
            ArrayNode turns = Json.mapper().createArrayNode();
            for (int i = 0; i + 1 < conversations.size(); i += 2) {
                String cat = category.getOrDefault(record.path("id").asText() + "#" + (i / 2), "unlabelled");
                if (!categories.contains(cat)) {
                    tally.add("dropped." + cat);
                    continue;
                }
                tally.add("kept." + cat);
                ObjectNode question = conversations.get(i).deepCopy();
                String value = question.path("value").asText().replace(IMAGE + "\n", "").replace(IMAGE, "").strip();
                question.put("value", turns.isEmpty() && record.hasNonNull("image") ? IMAGE + "\n" + value : value);
                turns.add(question);
                turns.add(conversations.get(i + 1).deepCopy());
            }
            if (!turns.isEmpty()) {
                ObjectNode copy = record.deepCopy();
                copy.set("conversations", turns);
                kept.add(copy);
            }
        }
        AtomicFiles.writeString(out, Json.mapper().writeValueAsString(kept));
        return tally;
    }

    /**
     * Writes every record of scenes {@code [fromScene, toScene)}, whatever its questions, to {@code out}: the part of a
     * world corpus a smaller world of the same seed would have been (the world draws each scene from its index).
     *
     * @return the records written
     */
    static int writeScenes(Path corpus, long fromScene, long toScene, Path out) throws IOException {
        ArrayNode kept = Json.mapper().createArrayNode();
        long images = 0;
        for (JsonNode record : Json.mapper().readTree(corpus.toFile())) {
            long scene = sceneOf(record, images);
            images += record.hasNonNull("image") ? 1 : 0;
            if (scene >= fromScene && scene < toScene) {
                kept.add(record);
            }
        }
        AtomicFiles.writeString(out, Json.mapper().writeValueAsString(kept));
        return kept.size();
    }

    /**
     * The scene index of {@code record} after {@code imagesBefore} image records: an image record is the next scene; a
     * text-only record belongs to the scene before it (the world writes it after that scene's record), or to scene 0.
     */
    private static long sceneOf(JsonNode record, long imagesBefore) {
        return record.hasNonNull("image") ? imagesBefore : Math.max(imagesBefore - 1, 0);
    }
}
