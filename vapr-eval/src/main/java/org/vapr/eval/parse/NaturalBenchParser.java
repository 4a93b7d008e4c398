package org.vapr.eval.parse;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NaturalBench's answer extraction: a case-insensitive whole-word search for the two labels ({@code yes}/{@code no},
 * or {@code A}/{@code B} for multiple choice); when both occur the earlier wins; when neither does the answer is
 * unparsable ({@value #UNPARSABLE}), which scores as wrong. Word boundaries follow Python's Unicode {@code \b}.
 */
public final class NaturalBenchParser {
    /** The parsed value of an answer with neither label. */
    public static final int UNPARSABLE = -1;
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS;
    private static final Pattern YES = Pattern.compile("\\byes\\b", FLAGS);
    private static final Pattern NO = Pattern.compile("\\bno\\b", FLAGS);
    private static final Pattern A = Pattern.compile("\\bA\\b", FLAGS);
    private static final Pattern B = Pattern.compile("\\bB\\b", FLAGS);

    private NaturalBenchParser() {
    }

    /**
     * 1 when yes (or A) comes first, 0 when no (or B) does, {@value #UNPARSABLE} when neither occurs.
     *
     * @param questionType {@code yes_no} or {@code multiple_choice}
     */
    public static int parse(String answer, String questionType) {
        boolean mc = "multiple_choice".equals(questionType);
        int first = position(mc ? A : YES, answer);
        int second = position(mc ? B : NO, answer);
        if (first < 0 && second < 0) {
            return UNPARSABLE;
        }
        if (first >= 0 && second >= 0) {
            return first < second ? 1 : 0;
        }
        return first >= 0 ? 1 : 0;
    }

    private static int position(Pattern p, String s) {
        Matcher m = p.matcher(s);
        return m.find() ? m.start() : -1;
    }
}
