package org.vapr.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordLevenshteinTest {

    @Test
    void identicalIsZero() {
        assertThat(WordLevenshtein.distance("There are three red circles.", "There are three red circles.")).isZero();
        assertThat(WordLevenshtein.distance("", "")).isZero();
    }

    @Test
    void oneSubstitution() {
        assertThat(WordLevenshtein.distance("There are three red circles.", "There are five red circles.")).isEqualTo(1);
        assertThat(WordLevenshtein.distance("Yes", "No")).isEqualTo(1);
        assertThat(WordLevenshtein.distance("The bus is red.", "The bus is red!")).isEqualTo(1);
    }

    @Test
    void caseSensitive() {
        assertThat(WordLevenshtein.distance("Red", "red")).isEqualTo(1);
    }

    @Test
    void insertionAndDeletion() {
        assertThat(WordLevenshtein.distance("a red ball", "a big red ball")).isEqualTo(1);
        assertThat(WordLevenshtein.distance("a big red ball", "a red ball")).isEqualTo(1);
        assertThat(WordLevenshtein.distance("a b c", "a b c d e")).isEqualTo(2);
    }

    @Test
    void swapOfTwoWordsIsTwo() {
        assertThat(WordLevenshtein.distance("the cat is left of the dog", "the dog is left of the cat")).isEqualTo(2);
        assertThat(WordLevenshtein.distance("red blue", "blue red")).isEqualTo(2);
    }

    @Test
    void emptyAgainstN() {
        assertThat(WordLevenshtein.distance("", "one two three")).isEqualTo(3);
        assertThat(WordLevenshtein.distance("one two three.", "")).isEqualTo(4);
        assertThat(WordLevenshtein.distance(List.of(), List.of("a", "b"))).isEqualTo(2);
    }

    @Test
    void mixedEdits() {
        // kitten -> sitting at word level: two substitutions and one insertion
        assertThat(WordLevenshtein.distance(List.of("k", "i", "t", "t", "e", "n"),
                List.of("s", "i", "t", "t", "i", "n", "g"))).isEqualTo(3);
        assertThat(WordLevenshtein.distance("a b c d", "x b y d z")).isEqualTo(3);
    }

    @Test
    void symmetric() {
        String[][] pairs = {
                {"There are three red circles.", "There are five red circles."},
                {"a big red ball", "a ball"},
                {"the cat is left of the dog", "the dog is right of a cat ."},
                {"", "x y"},
        };
        for (String[] p : pairs) {
            assertThat(WordLevenshtein.distance(p[0], p[1])).isEqualTo(WordLevenshtein.distance(p[1], p[0]));
        }
    }

    @Test
    void boundedByTheLongerLength() {
        assertThat(WordLevenshtein.distance("a b c", "x y z")).isEqualTo(3);
        assertThat(WordLevenshtein.distance("a b", "x y z w")).isEqualTo(4);
    }
}
