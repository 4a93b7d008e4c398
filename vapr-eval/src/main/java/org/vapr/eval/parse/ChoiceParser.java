package org.vapr.eval.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two ways multiple-choice answers (SEED-Bench, CV-Bench, MMStar, MMMU, MathVista, NaturalBench's
 * multiple-choice items) are read. Never mix them in one table.
 * <ul>
 *   <li>{@link #OFFICIAL}: the option letter only ({@link ChoiceLetterParser}; NaturalBench: {@link NaturalBenchParser}).
 *       An answer that names the option's text but no letter ("Purple") is unparsable, and wrong.</li>
 *   <li>{@link #OPTION_TEXT}: the letter first, as official; when there is none, the one option whose text the answer
 *       contains, in the manner of VLMEvalKit's exact matching ({@code can_infer}: the letter, else the option text).
 *       Two deliberate differences, both stricter: an option matches as whole words ("1" is not found in "10", "red"
 *       not in "reddish"), and an answer longer than twice the options' text put together is not read this way (VLMEvalKit's
 *       newer length guard, so a long explanation mentioning several options is not credited). No option, or more
 *       than one, is unparsable.</li>
 * </ul>
 */
public enum ChoiceParser {
    /** The option letter only. */
    OFFICIAL("official"),
    /** The option letter, else the one option whose text the answer contains as whole words. */
    OPTION_TEXT("option-text");

    /** An option marker: a capital letter and {@code .} or {@code )} after a space or the start, then a space. */
    private static final Pattern MARKER = Pattern.compile("(?<!\\S)([A-Z])[.)]\\s+");

    private final String id;

    ChoiceParser(String id) {
        this.id = id;
    }

    /** The name used on the command line and in reports. */
    public String id() {
        return id;
    }

    /** The parser of that name ({@code official}, {@code option-text}). */
    public static ChoiceParser of(String name) {
        for (ChoiceParser p : values()) {
            if (p.id.equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown multiple-choice parser '" + name + "' (expected official or option-text)");
    }

    /**
     * The letter the answer chooses, or {@code null}.
     *
     * @param letters the item's letters (A, B, …)
     * @param options the item's option texts in letter order; empty when the file does not list them (then only the
     *                letter can be read)
     */
    public String parse(String answer, List<String> letters, List<String> options) {
        String letter = ChoiceLetterParser.parse(answer, letters);
        if (letter != null || this == OFFICIAL) {
            return letter;
        }
        return byOptionText(answer, options, letters);
    }

    /**
     * NaturalBench: 1 (yes / A), 0 (no / B) or {@link NaturalBenchParser#UNPARSABLE}; the option text is read only for
     * multiple-choice items whose labels the official search does not find.
     */
    public int parseNaturalBench(String answer, String questionType, List<String> options) {
        int official = NaturalBenchParser.parse(answer, questionType);
        if (official != NaturalBenchParser.UNPARSABLE || this == OFFICIAL || !"multiple_choice".equals(questionType)
                || options.size() != 2) {
            return official;
        }
        String letter = byOptionText(answer, options, List.of("A", "B"));
        return letter == null ? NaturalBenchParser.UNPARSABLE : letter.equals("A") ? 1 : 0;
    }

    /** The one option whose text occurs in the answer as whole words, or {@code null}. */
    static String byOptionText(String answer, List<String> options, List<String> letters) {
        if (options.isEmpty()) {
            return null;
        }
        int total = 0;
        for (String o : options) {
            total += o.length();
        }
        String a = answer.strip().toLowerCase(Locale.ROOT);
        if (a.isEmpty() || a.length() > 2 * total) {
            return null;
        }
        List<String> hits = new ArrayList<>(1);
        for (int i = 0; i < options.size() && i < letters.size(); i++) {
            String o = options.get(i).strip().toLowerCase(Locale.ROOT);
            if (!o.isEmpty() && Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(o) + "(?![\\p{L}\\p{N}])",
                    Pattern.UNICODE_CASE).matcher(a).find()) {
                hits.add(letters.get(i));
            }
        }
        return hits.size() == 1 ? hits.get(0) : null;
    }

    /**
     * The options a question lists after it, {@code A. text B. text} on one line or on lines of their own ({@code A)}
     * also accepted), in letter order from the last {@code A.} that a {@code B.} follows; empty when it lists none.
     * NaturalBench's multiple-choice questions carry their options this way.
     */
    public static List<String> listedOptions(String question) {
        Matcher m = MARKER.matcher(question);
        List<int[]> marks = new ArrayList<>(); // {letter, start, end of marker}
        while (m.find()) {
            marks.add(new int[] {m.group(1).charAt(0), m.start(1), m.end()});
        }
        for (int first = marks.size() - 2; first >= 0; first--) {
            if (marks.get(first)[0] != 'A' || marks.get(first + 1)[0] != 'B') {
                continue;
            }
            List<String> out = new ArrayList<>();
            int i = first;
            while (i < marks.size() && marks.get(i)[0] == 'A' + out.size()) {
                int to = i + 1 < marks.size() && marks.get(i + 1)[0] == 'A' + out.size() + 1 ? marks.get(i + 1)[1] : question.length();
                out.add(question.substring(marks.get(i)[2], to).strip());
                i++;
                if (to == question.length()) {
                    break;
                }
            }
            return List.copyOf(out);
        }
        return List.of();
    }
}
