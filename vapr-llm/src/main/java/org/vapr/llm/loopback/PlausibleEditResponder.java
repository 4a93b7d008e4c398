package org.vapr.llm.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vapr.core.io.Json;

/**
 * Answers like a VaPR editor without a model: it finds the chosen answer in the last user message (the text
 * after the last {@code Chosen answer:}, {@code Chosen:} at a line start, or {@code Answer:} anywhere, or the next
 * non-empty line when that one is empty; quotes stripped), replaces one word — a number, colour, side or
 * yes/no by a fixed counterpart, else {@code is}/{@code are} by its negation, else the last word of four or more letters by a fixed noun — and answers
 * {@code {"rejected": …, "spans": [{"from", "to"}]}} (span in the rejected text). When the request's JSON
 * schema has no {@code rejected} property, every string property it declares is filled with a stand-in for the
 * yes/no extension: the question after {@code Question:} restated with the answer after {@code Answer:}
 * (see {@link #sentence}). Deterministic: the same request gives the same answer.
 */
public final class PlausibleEditResponder implements ChatResponder {
    private static final Pattern MARKER = Pattern.compile("(?im)(?:^\\s*chosen|\\banswer)\\s*:[ \\t]*(.*)$");
    private static final Pattern QUESTION = Pattern.compile("(?im)\\bquestion\\s*:[ \\t]*(.*?)(?=\\banswer\\s*:|$)");
    private static final Pattern AUX = Pattern.compile("(?i)^(is|are|was|were|does|do|did|can|could|has|have)\\s+(.*)$");
    private static final java.util.Set<String> DETERMINERS = java.util.Set.of("the", "a", "an", "this", "that",
            "these", "those", "there", "it");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");
    private static final Map<String, String> SWAPS = Map.ofEntries(
            Map.entry("one", "two"), Map.entry("two", "three"), Map.entry("three", "five"), Map.entry("four", "six"),
            Map.entry("five", "seven"), Map.entry("six", "four"), Map.entry("seven", "nine"), Map.entry("eight", "three"),
            Map.entry("nine", "two"), Map.entry("ten", "twelve"), Map.entry("red", "blue"), Map.entry("blue", "green"),
            Map.entry("green", "yellow"), Map.entry("yellow", "purple"), Map.entry("white", "black"),
            Map.entry("black", "white"), Map.entry("brown", "gray"), Map.entry("gray", "orange"), Map.entry("left", "right"),
            Map.entry("right", "left"), Map.entry("above", "below"), Map.entry("below", "above"), Map.entry("top", "bottom"),
            Map.entry("bottom", "top"), Map.entry("yes", "no"), Map.entry("no", "yes"), Map.entry("is", "is not"),
            Map.entry("are", "are not"), Map.entry("big", "small"), Map.entry("small", "large"), Map.entry("large", "small"));
    private static final List<String> NOUNS = List.of("chair", "bottle", "window", "banana", "horse", "bicycle",
            "kite", "umbrella", "table", "clock");

    @Override
    public String content(JsonNode request) {
        String chosen = chosenAnswer(RequestText.lastOf(request, "user"));
        try {
            JsonNode props = request.path("response_format").path("json_schema").path("schema").path("properties");
            if (props.isObject() && !props.isEmpty() && !props.has("rejected")) {
                String sentence = sentence(RequestText.lastOf(request, "user"), chosen);
                ObjectNode out = Json.mapper().createObjectNode();
                props.fieldNames().forEachRemaining(f -> {
                    if ("string".equals(props.path(f).path("type").asText())) {
                        out.put(f, sentence);
                    }
                });
                return Json.mapper().writeValueAsString(out);
            }
            return Json.mapper().writeValueAsString(edit(chosen));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A stand-in for the yes/no extension: a yes/no question "Is the star left of the square?" answered
     * "No" becomes "No, the star is not left of the square."; other answers are returned as they are.
     */
    static String sentence(String user, String answer) {
        String a = answer.trim().replaceAll("[.!]+$", "");
        boolean yes = a.equalsIgnoreCase("yes");
        if (!yes && !a.equalsIgnoreCase("no")) {
            return answer;
        }
        Matcher q = QUESTION.matcher(user);
        String question = null;
        while (q.find()) {
            question = q.group(1).trim();
        }
        Matcher aux = question == null ? null : AUX.matcher(question.replaceAll("\\?+\\s*$", ""));
        if (aux == null || !aux.matches()) {
            return (yes ? "Yes" : "No") + ".";
        }
        String verb = aux.group(1).toLowerCase(Locale.ROOT) + (yes ? "" : " not");
        String[] words = aux.group(2).split("\\s+");
        int subjectEnd = words.length > 1 && DETERMINERS.contains(words[0].toLowerCase(Locale.ROOT))
                && !words[0].equalsIgnoreCase("there") && !words[0].equalsIgnoreCase("it") ? 2 : 1;
        StringBuilder sb = new StringBuilder(yes ? "Yes, " : "No, ");
        for (int i = 0; i < words.length; i++) {
            if (i == subjectEnd) {
                sb.append(verb).append(' ');
            }
            sb.append(i == 0 ? words[i].toLowerCase(Locale.ROOT) : words[i]).append(' ');
        }
        if (subjectEnd >= words.length) {
            sb.append(verb).append(' ');
        }
        return sb.toString().trim() + ".";
    }

    /** The chosen answer in a user message, or the whole message when no marker is found. */
    static String chosenAnswer(String user) {
        Matcher m = MARKER.matcher(user);
        String found = null;
        while (m.find()) {
            String rest = m.group(1).trim();
            if (rest.isEmpty()) {
                String after = user.substring(m.end());
                for (String line : after.split("\n")) {
                    if (!line.isBlank()) {
                        rest = line.trim();
                        break;
                    }
                }
            }
            found = rest;
        }
        String s = found == null ? user.trim() : found;
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** The answer's shape: {@code {rejected, spans: [{from, to}]}}. */
    record Edit(String rejected, List<Range> spans) {
    }

    /** A changed character range of the rejected text. */
    record Range(int from, int to) {
    }

    /** The edit of one answer. */
    static Edit edit(String chosen) {
        Matcher w = WORD.matcher(chosen);
        int bestStart = -1;
        int bestEnd = -1;
        String replacement = null;
        int verbStart = -1;
        int verbEnd = -1;
        int fallbackStart = -1;
        int fallbackEnd = -1;
        while (w.find()) {
            String word = w.group().toLowerCase(Locale.ROOT);
            String swap = SWAPS.get(word);
            if (swap != null && (word.equals("is") || word.equals("are"))) {
                if (verbStart < 0) {
                    verbStart = w.start();
                    verbEnd = w.end();
                }
            } else if (swap != null && replacement == null) {
                bestStart = w.start();
                bestEnd = w.end();
                replacement = matchCase(w.group(), swap);
            }
            if (word.length() >= 4 && word.chars().allMatch(Character::isLetter)) {
                fallbackStart = w.start();
                fallbackEnd = w.end();
            }
        }
        if (replacement == null && verbStart >= 0) {
            bestStart = verbStart;
            bestEnd = verbEnd;
            replacement = matchCase(chosen.substring(bestStart, bestEnd),
                    SWAPS.get(chosen.substring(bestStart, bestEnd).toLowerCase(Locale.ROOT)));
        }
        if (replacement == null) {
            if (fallbackStart < 0) {
                String rejected = chosen.isEmpty() ? "something else" : chosen + " not";
                int from = chosen.isEmpty() ? 0 : chosen.length() + 1;
                return new Edit(rejected, List.of(new Range(from, rejected.length())));
            }
            bestStart = fallbackStart;
            bestEnd = fallbackEnd;
            String old = chosen.substring(bestStart, bestEnd).toLowerCase(Locale.ROOT);
            String noun = NOUNS.get(Math.floorMod(chosen.hashCode(), NOUNS.size()));
            if (noun.equals(old)) {
                noun = NOUNS.get(Math.floorMod(chosen.hashCode() + 1, NOUNS.size()));
            }
            replacement = matchCase(chosen.substring(bestStart, bestEnd), noun);
        }
        String rejected = chosen.substring(0, bestStart) + replacement + chosen.substring(bestEnd);
        return new Edit(rejected, List.of(new Range(bestStart, bestStart + replacement.length())));
    }

    private static String matchCase(String original, String replacement) {
        if (!original.isEmpty() && Character.isUpperCase(original.charAt(0))) {
            return Character.toUpperCase(replacement.charAt(0)) + replacement.substring(1);
        }
        return replacement;
    }
}
