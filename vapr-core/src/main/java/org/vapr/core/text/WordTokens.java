package org.vapr.core.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into words as the bias statistics count them: on whitespace, with every punctuation mark
 * split off as its own token ("Yes, there are 3 cats." gives Yes , there are 3 cats .). Letters, digits and
 * underscores form words; an apostrophe between letters stays inside the word ("don't").
 */
public final class WordTokens {
    private WordTokens() {
    }

    public static List<String> of(String text) {
        List<String> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            int len = Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                i += len;
                continue;
            }
            if (isWordChar(cp)) {
                int j = i;
                while (j < n) {
                    int c = text.codePointAt(j);
                    if (isWordChar(c)) {
                        j += Character.charCount(c);
                    } else if ((c == '\'' || c == '\u2019') && j + 1 < n && isWordChar(text.codePointAt(j + 1)) && j > i) {
                        j += 1;
                    } else {
                        break;
                    }
                }
                out.add(text.substring(i, j));
                i = j;
            } else {
                out.add(text.substring(i, i + len));
                i += len;
            }
        }
        return out;
    }

    /** Number of word tokens. */
    public static int count(String text) {
        return of(text).size();
    }

    static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }
}
