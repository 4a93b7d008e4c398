package org.vapr.eval.parse;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The two ways POPE answers are read. Never mix them in one table: they disagree on answers such as
 * "There is no dog." (official: no; lmms-eval: neither) and "Yes, there is." (official: yes; lmms-eval: neither).
 */
public enum PopeParser {
    /**
     * The official script (LLaVA's {@code eval_pope.py}): keep the text before the first {@code .}, drop commas,
     * split on single spaces; any word {@code No}, {@code no} or {@code not} means no, anything else yes (so an
     * empty answer is yes).
     */
    OFFICIAL("official"),
    /** lmms-eval: the answer, lower-cased and trimmed, must be exactly {@code yes} or {@code no}; anything else is neither. */
    LMMS_EVAL("lmms-eval");

    private static final List<String> NEGATIVE = List.of("No", "no", "not");
    private final String id;

    PopeParser(String id) {
        this.id = id;
    }

    /** The name used on the command line and in reports. */
    public String id() {
        return id;
    }

    /** The parser of that name ({@code official}, {@code lmms-eval}). */
    public static PopeParser of(String name) {
        for (PopeParser p : values()) {
            if (p.id.equalsIgnoreCase(name) || p.name().equalsIgnoreCase(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown POPE parser '" + name + "' (expected official or lmms-eval)");
    }

    /** {@code "yes"}, {@code "no"}, or {@code null} when the answer is neither (lmms-eval only). */
    public String parse(String answer) {
        return switch (this) {
            case OFFICIAL -> official(answer);
            case LMMS_EVAL -> {
                String a = answer.toLowerCase(Locale.ROOT).strip();
                yield a.equals("yes") || a.equals("no") ? a : null;
            }
        };
    }

    private static String official(String answer) {
        String text = answer;
        int dot = text.indexOf('.');
        if (dot >= 0) {
            text = text.substring(0, dot);
        }
        text = text.replace(",", "");
        // Python's str.split(' '): every single space separates, so empty words appear and tabs or newlines do not split
        List<String> words = Arrays.asList(text.split(" ", -1));
        for (String n : NEGATIVE) {
            if (words.contains(n)) {
                return "no";
            }
        }
        return "yes";
    }
}
