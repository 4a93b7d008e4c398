package org.vapr.eval.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the Python list-of-strings literals some releases store as text (MMMU's {@code options} column:
 * {@code "['$6', \"it's $7\"]"}): single- or double-quoted strings with backslash escapes, separated by commas.
 */
public final class PythonListLiteral {
    private PythonListLiteral() {
    }

    /** The strings of the literal, or {@code null} when the text is not such a literal. */
    public static List<String> parse(String text) {
        String s = text.strip();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        int i = 1;
        int end = s.length() - 1;
        while (true) {
            while (i < end && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= end) {
                return out;
            }
            char quote = s.charAt(i);
            if (quote != '\'' && quote != '"') {
                return null;
            }
            StringBuilder b = new StringBuilder();
            i++;
            while (i < end && s.charAt(i) != quote) {
                char c = s.charAt(i);
                if (c == '\\' && i + 1 < end) {
                    char n = s.charAt(++i);
                    b.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> n;
                    });
                } else {
                    b.append(c);
                }
                i++;
            }
            if (i >= end) {
                return null;
            }
            out.add(b.toString());
            i++;
            while (i < end && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i < end) {
                if (s.charAt(i) != ',') {
                    return null;
                }
                i++;
            }
        }
    }
}
