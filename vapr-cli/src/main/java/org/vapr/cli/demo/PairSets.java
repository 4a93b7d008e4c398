package org.vapr.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vapr.core.InputException;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;
import org.vapr.core.record.LlavaRecord;
import org.vapr.core.record.Message;
import org.vapr.core.record.PreferencePair;

/**
 * The demo's three datasets cut to the same turns: pairs are matched by their id (stable for a source record and
 * turn, whatever the editor), the turns every dataset kept are taken in the first dataset's order, and the same ids
 * are written for each, so the datasets have equal size and differ only in their rejected answers.
 *
 * @param lines  per dataset key: pair id → the {@code pairs.jsonl} line, in file order
 * @param common the ids present in every dataset, in the first dataset's order
 */
record PairSets(Map<String, Map<String, String>> lines, List<String> common) {

    /** A training/evaluation split of the common ids. */
    record Split(List<String> train, List<String> eval) {
    }

    /**
     * {@code {n, yes}}: the pairs of a pairs file (VaPR JSONL) whose chosen and rejected answers open with opposite
     * "yes"/"no", and how many of those prefer the "yes".
     */
    static long[] yesNo(Path pairsFile) throws IOException {
        long n = 0;
        long yes = 0;
        for (String line : Files.readAllLines(pairsFile)) {
            if (line.isBlank()) {
                continue;
            }
            Boolean prefersYes = prefersYes(Json.mapper().readTree(line));
            if (prefersYes != null) {
                n++;
                yes += prefersYes ? 1 : 0;
            }
        }
        return new long[] {n, yes};
    }

    /** Whether a yes/no pair prefers "yes" (true) or "no" (false); null when its answers do not open with opposite ones. */
    private static Boolean prefersYes(JsonNode pair) {
        String chosen = firstWord(pair.path("chosen").asText());
        String rejected = firstWord(pair.path("rejected").asText());
        if (chosen.equals("yes") && rejected.equals("no")) {
            return true;
        }
        return chosen.equals("no") && rejected.equals("yes") ? false : null;
    }

    private static String firstWord(String answer) {
        String[] words = answer.strip().toLowerCase(java.util.Locale.ROOT).split("[^a-z]+", 2);
        return words.length == 0 ? "" : words[0];
    }

    /** Reads the datasets (key → {@code pairs.jsonl}); the first one sets the order. */
    static PairSets read(Map<String, Path> files) throws IOException {
        Map<String, Map<String, String>> lines = new LinkedHashMap<>();
        for (Map.Entry<String, Path> e : files.entrySet()) {
            Map<String, String> byId = new LinkedHashMap<>();
            int n = 0;
            for (String line : Files.readAllLines(e.getValue())) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode id = Json.mapper().readTree(line).get("id");
                if (id == null || !id.isTextual()) {
                    throw new InputException(e.getValue() + ": line " + n + ": no pair id (field id)");
                }
                byId.putIfAbsent(id.asText(), line);
            }
            lines.put(e.getKey(), byId);
        }
        Set<String> common = new LinkedHashSet<>(lines.values().iterator().next().keySet());
        for (Map<String, String> m : lines.values()) {
            common.retainAll(m.keySet());
        }
        return new PairSets(lines, List.copyOf(common));
    }

    /**
     * {@code ids} with the yes/no pairs balanced by answer: of the ids whose pair in dataset {@code reference} prefers
     * "yes" over "no" or "no" over "yes", the first {@code min(#yes, #no)} of each kind (in the given order) are kept,
     * every other id too. Balance each split on its own: balancing the whole list and then cutting it leaves the
     * surplus of one kind at the end, and the cut then puts it into one split.
     */
    List<String> balanceYesNo(String reference, List<String> ids) throws IOException {
        List<String> yes = new ArrayList<>();
        List<String> no = new ArrayList<>();
        for (String id : ids) {
            Boolean prefersYes = prefersYes(Json.mapper().readTree(lines.get(reference).get(id)));
            if (prefersYes != null) {
                (prefersYes ? yes : no).add(id);
            }
        }
        int keep = Math.min(yes.size(), no.size());
        Set<String> dropped = new LinkedHashSet<>(yes.subList(keep, yes.size()));
        dropped.addAll(no.subList(keep, no.size()));
        return ids.stream().filter(id -> !dropped.contains(id)).toList();
    }

    /** The last {@code evalShare} of the common ids (at least one when there are two or more) held out. */
    Split split(double evalShare) {
        int eval = common.size() < 2 ? 0 : Math.max(1, (int) Math.round(common.size() * evalShare));
        int train = common.size() - eval;
        return new Split(common.subList(0, train), common.subList(train, common.size()));
    }

    /** Writes dataset {@code key}'s pairs with the given ids, in that order. */
    void write(String key, List<String> ids, Path file) throws IOException {
        write(key, ids, Map.of(), file);
    }

    /** The same, adding {@code contrast_image} to the pairs that have one in {@code contrast} (id → path). */
    void write(String key, List<String> ids, Map<String, String> contrast, Path file) throws IOException {
        Map<String, String> m = lines.get(key);
        StringBuilder b = new StringBuilder();
        for (String id : ids) {
            String image = contrast.get(id);
            if (image == null) {
                b.append(m.get(id)).append('\n');
            } else {
                com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(m.get(id));
                o.put("contrast_image", image);
                b.append(Json.mapper().writeValueAsString(o)).append('\n');
            }
        }
        AtomicFiles.writeString(file, b.toString());
    }

    /** A LLaVA-format corpus of the pairs' chosen answers (one record per pair), for the SFT-on-VaPR baseline. */
    static void writeChosenCorpus(Path pairs, Path corpus) throws IOException {
        List<LlavaRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(pairs)) {
            if (line.isBlank()) {
                continue;
            }
            PreferencePair p = Json.mapper().readValue(line, PreferencePair.class);
            records.add(new LlavaRecord(p.id(), p.image(), List.of(Message.human("<image>\n" + p.prompt()), Message.gpt(p.chosen()))));
        }
        AtomicFiles.writeString(corpus, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(records) + "\n");
    }
}
