package org.vapr.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.vapr.analysis.PreferenceSample;
import org.vapr.core.text.WordLevenshtein;

class StatisticsTest {
    /** Counts whitespace-separated words, so token counts are obvious in tests. */
    static final TokenCounter WORDS = new TokenCounter() {
        @Override
        public String name() {
            return "words";
        }

        @Override
        public int count(String text) {
            return text.isBlank() ? 0 : text.trim().split("\\s+").length;
        }
    };

    private static PairMetrics m(String chosen, String rejected) {
        return PairMetrics.measure(new PreferenceSample("x", "", chosen, rejected, null, List.of()), WORDS);
    }

    @Test
    void fastWordDistanceAgreesWithCoreOnRandomTokenLists() {
        SplittableRandom rnd = new SplittableRandom(3);
        String[] vocab = {"a", "b", "c", "d", "e"};
        for (int t = 0; t < 2000; t++) {
            List<String> x = new ArrayList<>();
            List<String> y = new ArrayList<>();
            for (int i = rnd.nextInt(12); i > 0; i--) {
                x.add(vocab[rnd.nextInt(vocab.length)]);
            }
            for (int i = rnd.nextInt(12); i > 0; i--) {
                y.add(vocab[rnd.nextInt(vocab.length)]);
            }
            assertThat(WordDistance.of(x, y)).as("%s vs %s", x, y).isEqualTo(WordLevenshtein.distance(x, y));
        }
    }

    @Test
    void summaryMedianAndNearestRankP90() {
        Summary s = Summary.of(new int[]{5, 1, 3, 2, 4, 10, 6, 7, 8, 9});
        assertThat(s.mean()).isEqualTo(5.5);
        assertThat(s.median()).isEqualTo(5.5);
        assertThat(s.p90()).isEqualTo(9);
        assertThat(s.max()).isEqualTo(10);
        assertThat(Summary.of(new int[]{4, 1, 9}).median()).isEqualTo(4);
    }

    @Test
    void lengthDeltaSharesAndPositiveMeansPerSide() {
        LengthDelta d = LengthDelta.of(new int[]{3, 1, -4, 0, -2, 0, 0, 2});
        assertThat(d.chosenLonger()).isEqualTo(3 / 8.0);
        assertThat(d.chosenShorter()).isEqualTo(2 / 8.0);
        assertThat(d.equal()).isEqualTo(3 / 8.0);
        assertThat(d.meanWhenLonger()).isEqualTo(2.0);
        assertThat(d.meanWhenShorter()).isEqualTo(3.0);
        assertThat(d.meanAbs()).isEqualTo(12 / 8.0);
        assertThat(LengthDelta.of(new int[]{0, 0}).meanWhenLonger()).isNull();
    }

    @Test
    void shortLongSplitIsAtHundredTokensOfTheChosenResponse() {
        String w99 = "w ".repeat(99).trim();
        String w100 = "w ".repeat(100).trim();
        BiasStatistics s = BiasStatistics.of(List.of(m(w99, "w"), m(w100, w100 + " extra words here")));
        assertThat(s.tokenLengthDelta().shortResponses().pairs()).isEqualTo(1);
        assertThat(s.tokenLengthDelta().shortResponses().chosenLonger()).isEqualTo(1.0);
        assertThat(s.tokenLengthDelta().shortResponses().meanWhenLonger()).isEqualTo(98.0);
        assertThat(s.tokenLengthDelta().longResponses().pairs()).isEqualTo(1);
        assertThat(s.tokenLengthDelta().longResponses().meanWhenShorter()).isEqualTo(3.0);
    }

    @Test
    void theDistinctWordDistanceLeavesOutExactDuplicatesOnly() {
        BiasStatistics s = BiasStatistics.of(List.of(m("A red cube.", "A red cube."), m("There are 3 cats.", "There are 5 cats."),
                m("a b c", "x y z"), m("Yes, a cat.", "yes a CAT")));
        assertThat(s.wordLevenshtein().mean()).isCloseTo((0 + 1 + 3 + 4) / 4.0, within(1e-9)); // Yes/yes, ",", cat/CAT, "."
        assertThat(s.wordLevenshteinDistinct().mean()).isCloseTo((1 + 3) / 2.0, within(1e-9));
        assertThat(s.wordLevenshteinDistinct().median()).isEqualTo(2.0);
        assertThat(BiasStatistics.of(List.of(m("same", "same"))).wordLevenshteinDistinct().mean()).isZero();
    }

    @Test
    void exactDuplicatesIgnoreCaseWhitespaceAndPunctuationNearNeedsHighSimilarity() {
        PairMetrics exact = m("Yes, there is a cat.", "yes   there is a CAT");
        assertThat(exact.exactDuplicate()).isTrue();
        assertThat(exact.wordDistance()).isGreaterThan(0);
        String long20 = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty";
        PairMetrics near = m(long20, long20.replace(" two ", " TWOS "));
        assertThat(near.nearDuplicate()).isTrue();
        assertThat(near.oneWordApart()).isTrue();
        PairMetrics hardNegative = m("There are 3 cats.", "There are 5 cats.");
        assertThat(hardNegative.nearDuplicate()).isFalse();
        assertThat(hardNegative.oneWordApart()).isTrue();
        assertThat(hardNegative.wordDistance()).isEqualTo(1);
        Duplicates d = Duplicates.of(List.of(exact, near, hardNegative));
        assertThat(d.exact()).isEqualTo(1);
        assertThat(d.near()).isEqualTo(1);
        assertThat(d.exactShare()).isCloseTo(1 / 3.0, within(1e-9));
    }

    @Test
    void histogramBinsAreFixedAndCountEveryValue() {
        Histogram h = Histogram.of(new int[]{0, 1, 5, 6, 10, 11, 500}, Histogram.WORD_DISTANCE_EDGES);
        assertThat(h.bins()).extracting(Histogram.Bin::label).containsExactly("0", "1", "2", "3", "4", "5", "6..10",
                "11..20", "21..50", "51..100", "101+");
        assertThat(h.bins()).extracting(Histogram.Bin::count).containsExactly(1L, 1L, 0L, 0L, 0L, 1L, 2L, 1L, 0L, 0L, 1L);
        Histogram t = Histogram.of(new int[]{-60, -1, 0, 0, 49, 50}, Histogram.TOKEN_DELTA_EDGES);
        assertThat(t.bins().get(0).label()).isEqualTo("<=-50");
        assertThat(t.bins().stream().mapToLong(Histogram.Bin::count).sum()).isEqualTo(6);
    }

    @Test
    void jtokkitCountsDifferBetweenEncodings() {
        String text = "Yes, there are three checkered purple objects in the image.";
        int o200k = TokenCounter.of("o200k").count(text);
        assertThat(o200k).isBetween(8, 20);
        assertThat(TokenCounter.of("o200k").name()).isEqualTo("o200k_base");
        assertThat(TokenCounter.of("cl100k").name()).isEqualTo("cl100k_base");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TokenCounter.of("gpt2"))
                .hasMessageContaining("unknown tokenizer 'gpt2'");
    }
}
