package org.vapr.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordTokensTest {

    @Test
    void punctuationIsSplitOff() {
        assertThat(WordTokens.of("Yes, there are 3 cats.")).containsExactly("Yes", ",", "there", "are", "3", "cats", ".");
        assertThat(WordTokens.of("What color is the bus?")).containsExactly("What", "color", "is", "the", "bus", "?");
        assertThat(WordTokens.of("(left)")).containsExactly("(", "left", ")");
        assertThat(WordTokens.of("a--b")).containsExactly("a", "-", "-", "b");
        assertThat(WordTokens.of("...")).containsExactly(".", ".", ".");
    }

    @Test
    void apostrophesInsideWordsStay() {
        assertThat(WordTokens.of("don't")).containsExactly("don't");
        assertThat(WordTokens.of("The dog's ball isn't red.")).containsExactly("The", "dog's", "ball", "isn't", "red", ".");
        assertThat(WordTokens.of("it\u2019s")).containsExactly("it\u2019s");
    }

    @Test
    void apostrophesAtWordEdgesAreSplit() {
        assertThat(WordTokens.of("'quoted'")).containsExactly("'", "quoted", "'");
        assertThat(WordTokens.of("the cats' toys")).containsExactly("the", "cats", "'", "toys");
        assertThat(WordTokens.of("rock 'n' roll")).containsExactly("rock", "'", "n", "'", "roll");
    }

    @Test
    void digitsAndUnderscoresAreWordCharacters() {
        assertThat(WordTokens.of("There are 12 cars")).containsExactly("There", "are", "12", "cars");
        assertThat(WordTokens.of("2x4 snake_case")).containsExactly("2x4", "snake_case");
        assertThat(WordTokens.of("3.5 m")).containsExactly("3", ".", "5", "m");
        assertThat(WordTokens.of("[0.12, 0.34]")).containsExactly("[", "0", ".", "12", ",", "0", ".", "34", "]");
    }

    @Test
    void nonAsciiLetters() {
        assertThat(WordTokens.of("Un café très épicé.")).containsExactly("Un", "café", "très", "épicé", ".");
        assertThat(WordTokens.of("Straße über Ärger")).containsExactly("Straße", "über", "Ärger");
        assertThat(WordTokens.of("Кошка сидит")).containsExactly("Кошка", "сидит");
        assertThat(WordTokens.of("红色的 汽车。")).containsExactly("红色的", "汽车", "。");
    }

    @Test
    void combiningMarksStayInsideTheirWord() {
        // "café" written with a combining acute accent (NFD), and a Devanagari word with vowel signs
        assertThat(WordTokens.of("cafe\u0301 noir")).containsExactly("cafe\u0301", "noir");
        assertThat(WordTokens.of("\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e"))
                .containsExactly("\u0928\u092e\u0938\u094d\u0924\u0947", "\u0926\u0941\u0928\u093f\u092f\u093e");
    }

    @Test
    void emojiKeepTheirVariationSelectorsAndSkinTones() {
        assertThat(WordTokens.of("I \u2764\uFE0F NY")).containsExactly("I", "\u2764\uFE0F", "NY");
        assertThat(WordTokens.of("ok\uD83D\uDC4D\uD83C\uDFFD.")).containsExactly("ok", "\uD83D\uDC4D\uD83C\uDFFD", ".");
        // a mark with nothing before it is a token of its own rather than being lost
        assertThat(WordTokens.of("\u0301a")).containsExactly("\u0301", "a");
        assertThat(WordTokens.of(" \u0301")).containsExactly("\u0301");
    }

    @Test
    void emojiAndSymbolsAreTheirOwnTokens() {
        assertThat(WordTokens.of("cat\uD83D\uDE00dog")).containsExactly("cat", "\uD83D\uDE00", "dog");
        assertThat(WordTokens.of("I \u2764 NY")).containsExactly("I", "\u2764", "NY");
    }

    @Test
    void whitespaceOfAllKinds() {
        assertThat(WordTokens.of("  a\tb\r\nc\u00A0d\u2003e  ")).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void emptyAndBlank() {
        assertThat(WordTokens.of("")).isEmpty();
        assertThat(WordTokens.of("   \n\t")).isEmpty();
        assertThat(WordTokens.count("")).isZero();
        assertThat(WordTokens.count("There are three red circles.")).isEqualTo(6);
    }
}
