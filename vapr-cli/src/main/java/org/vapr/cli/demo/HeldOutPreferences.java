package org.vapr.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlReader;

/**
 * Which answer of each held-out VaPR pair a model prefers, per question category: the share of pairs whose chosen
 * answer has the higher summed log-probability, for the SFT model (the DPO runs' reference) and for each DPO policy at
 * its last epoch. All DPO runs of the demo dump the same held-out pairs, so the shares compare directly; they show
 * which skills a preference dataset moved (counting, color) and which it did not (existence), where the benchmarks
 * only ask some of them. Yes/no pairs are split by the chosen answer's polarity ({@code existence (chosen yes)},
 * {@code existence (chosen no)}): a model that prefers the "yes" sentence whatever the image ranks the first nearly
 * always right and the second mostly wrong, and the split shows that bias where the pooled share hides it.
 *
 * <p>{@link #onImages} asks the image-side question of the same pairs, where they have a contrast image (the scene
 * edited so that the chosen answer is wrong): the share whose chosen answer a model finds likelier on its own image
 * than on the contrast image, that is, how often the model reads the image the answer is about. A yes/no prior
 * cannot raise it.
 */
final class HeldOutPreferences {
    private HeldOutPreferences() {
    }

    /**
     * Reads the held-out pairs' categories and each run's dump.
     *
     * @param evalPairs the held-out pairs ({@code id}, {@code category})
     * @param dumps     per model key ({@code dpo_vapr}, …), its {@code pair-dump.jsonl}, in report order
     * @throws InputException when a dump names a pair the held-out file does not hold, or lacks a field
     */
    static List<DemoSummary.PairPreference> of(Path evalPairs, Map<String, Path> dumps) throws IOException {
        return tally(evalPairs, dumps, "logp_rejected", false);
    }

    /**
     * Per category of the held-out pairs that have a contrast image in the dumps ({@code logp_chosen_contrast}), the
     * share whose chosen answer the SFT model and each policy give a higher log-probability on its own image than on
     * the contrast image; empty when the dumps have none.
     */
    static List<DemoSummary.PairPreference> onImages(Path evalPairs, Map<String, Path> dumps) throws IOException {
        return tally(evalPairs, dumps, "logp_chosen_contrast", true);
    }

    /**
     * Counts, per category, the pairs whose {@code logp_chosen} beats {@code logp_<against>} under each policy and
     * {@code ref_logp_chosen} beats {@code ref_<against>} under the reference; with {@code optional}, lines without
     * the field are left out instead of refused.
     */
    private static List<DemoSummary.PairPreference> tally(Path evalPairs, Map<String, Path> dumps, String against,
                                                          boolean optional) throws IOException {
        Map<String, String> category = new HashMap<>();
        try (JsonlReader r = JsonlReader.open(evalPairs)) {
            for (JsonlReader.Line line; (line = r.next()) != null; ) {
                JsonNode p = Json.mapper().readTree(line.bytes());
                if (!p.hasNonNull("id") || !p.hasNonNull("category")) {
                    throw new InputException(evalPairs + ": line " + line.number() + ": a held-out pair needs 'id' and 'category'");
                }
                category.put(p.get("id").asText(), p.get("category").asText() + polarity(p.path("chosen").asText()));
            }
        }
        Map<String, long[]> reference = new TreeMap<>(); // category -> {pairs, chosen preferred}
        Map<String, Map<String, long[]>> policies = new LinkedHashMap<>();
        boolean first = true;
        for (Map.Entry<String, Path> e : dumps.entrySet()) {
            Map<String, JsonNode> last = lastEpochEvalLines(e.getValue());
            Map<String, long[]> policy = new TreeMap<>();
            for (Map.Entry<String, JsonNode> l : last.entrySet()) {
                String c = category.get(l.getKey());
                if (c == null) {
                    throw new InputException(e.getValue() + ": pair '" + l.getKey() + "' is not in " + evalPairs);
                }
                JsonNode d = l.getValue();
                if (optional && !d.hasNonNull(against)) {
                    continue;
                }
                count(policy, c, number(e.getValue(), d, "logp_chosen") > number(e.getValue(), d, against));
                if (first) {
                    count(reference, c, number(e.getValue(), d, "ref_logp_chosen") > number(e.getValue(), d, "ref_" + against));
                }
            }
            policies.put(e.getKey(), policy);
            first = false;
        }
        List<DemoSummary.PairPreference> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : reference.entrySet()) {
            Map<String, Double> shares = new LinkedHashMap<>();
            policies.forEach((k, p) -> {
                long[] v = p.get(e.getKey());
                shares.put(k, v == null ? null : v[1] / (double) v[0]);
            });
            long[] ref = e.getValue();
            out.add(new DemoSummary.PairPreference(e.getKey(), ref[0], ref[1] / (double) ref[0], shares));
        }
        return out;
    }

    private static final java.util.regex.Pattern YES_NO = java.util.regex.Pattern.compile("^\\s*(yes|no)\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private static final String CHOSEN_YES = " (chosen yes)";
    private static final String CHOSEN_NO = " (chosen no)";

    /** {@code " (chosen yes)"} or {@code " (chosen no)"} for a yes/no answer, otherwise empty. */
    static String polarity(String chosen) {
        java.util.regex.Matcher m = YES_NO.matcher(chosen);
        return !m.find() ? "" : m.group(1).equalsIgnoreCase("yes") ? CHOSEN_YES : CHOSEN_NO;
    }

    /**
     * A question category whose held-out pairs were split by polarity: its name and the two rows.
     *
     * @param category the category without the polarity suffix ({@code existence})
     * @param yes      the pairs whose chosen answer is "yes"
     * @param no       the pairs whose chosen answer is "no"
     */
    record PolaritySplit(String category, DemoSummary.PairPreference yes, DemoSummary.PairPreference no) {
    }

    /** The categories that have both a "yes"-chosen and a "no"-chosen row, in the rows' order. */
    static List<PolaritySplit> polaritySplits(List<DemoSummary.PairPreference> preferences) {
        Map<String, DemoSummary.PairPreference> byCategory = new HashMap<>();
        preferences.forEach(p -> byCategory.put(p.category(), p));
        List<PolaritySplit> out = new ArrayList<>();
        for (DemoSummary.PairPreference yes : preferences) {
            if (yes.category().endsWith(CHOSEN_YES)) {
                String base = yes.category().substring(0, yes.category().length() - CHOSEN_YES.length());
                DemoSummary.PairPreference no = byCategory.get(base + CHOSEN_NO);
                if (no != null) {
                    out.add(new PolaritySplit(base, yes, no));
                }
            }
        }
        return out;
    }

    private static void count(Map<String, long[]> m, String category, boolean chosenPreferred) {
        long[] v = m.computeIfAbsent(category, k -> new long[2]);
        v[0]++;
        v[1] += chosenPreferred ? 1 : 0;
    }

    private static double number(Path file, JsonNode d, String field) {
        JsonNode v = d.get(field);
        if (v == null || !v.isNumber()) {
            throw new InputException(file + ": pair '" + d.path("id").asText() + "': field '" + field + "': expected a number");
        }
        return v.asDouble();
    }

    /** The held-out ({@code split} eval) lines of the dump's last epoch, by pair id. */
    private static Map<String, JsonNode> lastEpochEvalLines(Path dump) throws IOException {
        TreeMap<Integer, Map<String, JsonNode>> byEpoch = new TreeMap<>();
        try (JsonlReader r = JsonlReader.open(dump)) {
            for (JsonlReader.Line line; (line = r.next()) != null; ) {
                JsonNode d = Json.mapper().readTree(line.bytes());
                if ("eval".equals(d.path("split").asText())) {
                    byEpoch.computeIfAbsent(d.path("epoch").asInt(), k -> new LinkedHashMap<>()).put(d.path("id").asText(), d);
                }
            }
        }
        return byEpoch.isEmpty() ? Map.of() : byEpoch.lastEntry().getValue();
    }
}
