package org.vapr.analysis.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.vapr.analysis.AnalysisSettings;

/** Any {@link org.vapr.core.text.TokenCounter} (e.g. vapr-train's Hugging Face adapter) plugs into the analysis. */
class TokenCounterAdaptTest {
    /** Counts characters: a tokenizer vapr-analysis knows nothing about. */
    private static final org.vapr.core.text.TokenCounter CHARS = new org.vapr.core.text.TokenCounter() {
        @Override
        public String name() {
            return "chars";
        }

        @Override
        public int count(String text) {
            return text.length();
        }
    };

    @Test
    void foreignCounterIsAdaptedAndDelegates() {
        TokenCounter t = TokenCounter.adapt(CHARS);
        assertThat(t.name()).isEqualTo("chars");
        assertThat(t.count("abcde")).isEqualTo(5);
        AnalysisSettings s = AnalysisSettings.defaults().withTokenizer(CHARS);
        assertThat(s.tokenizer().name()).isEqualTo("chars");
        assertThat(s.tokenizer().count("abc")).isEqualTo(3);
    }

    @Test
    void ownCountersAreNotWrapped() {
        TokenCounter o200k = TokenCounter.of("o200k");
        assertThat(TokenCounter.adapt(o200k)).isSameAs(o200k);
        assertThat(AnalysisSettings.defaults().withTokenizer(o200k).tokenizer()).isSameAs(o200k);
        org.vapr.core.text.TokenCounter asCore = o200k;
        assertThat(asCore.count("Hello world")).isEqualTo(2);
    }
}
