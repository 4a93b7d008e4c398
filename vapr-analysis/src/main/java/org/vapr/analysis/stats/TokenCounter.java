package org.vapr.analysis.stats;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link org.vapr.core.text.TokenCounter} contract as vapr-analysis uses it; implementations are thread-safe.
 * {@link #of(String)} knows the JTokkit encodings {@code o200k} (GPT-4o, the default) and {@code cl100k} (GPT-4);
 * any other {@link org.vapr.core.text.TokenCounter} (e.g. vapr-train's Hugging Face {@code tokenizer.json} adapter)
 * plugs in through {@link #adapt(org.vapr.core.text.TokenCounter)}.
 */
public interface TokenCounter extends org.vapr.core.text.TokenCounter {
    /** The name written to reports, e.g. {@code o200k_base}. */
    @Override
    String name();

    /** Number of tokens of {@code text}, special tokens counted as ordinary text. */
    @Override
    int count(String text);

    /** {@code counter} itself when it already is one of these, otherwise a view that delegates to it. */
    static TokenCounter adapt(org.vapr.core.text.TokenCounter counter) {
        java.util.Objects.requireNonNull(counter, "counter");
        if (counter instanceof TokenCounter t) {
            return t;
        }
        return new TokenCounter() {
            @Override
            public String name() {
                return counter.name();
            }

            @Override
            public int count(String text) {
                return counter.count(text);
            }

            @Override
            public String toString() {
                return counter.toString();
            }
        };
    }

    /**
     * {@code o200k} / {@code o200k_base} or {@code cl100k} / {@code cl100k_base}. The vocabulary loads in the background
     * from this call on, so it overlaps with reading the input.
     */
    static TokenCounter of(String spec) {
        String k = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        EncodingType type = switch (k) {
            case "o200k", "o200k_base" -> EncodingType.O200K_BASE;
            case "cl100k", "cl100k_base" -> EncodingType.CL100K_BASE;
            default -> throw new IllegalArgumentException("unknown tokenizer '" + spec + "' (one of: o200k, cl100k)");
        };
        return new JTokkit(type);
    }

    /** A JTokkit encoding, loaded asynchronously. */
    final class JTokkit implements TokenCounter {
        private final String name;
        private final CompletableFuture<Encoding> encoding;

        JTokkit(EncodingType type) {
            this.name = type.getName();
            this.encoding = CompletableFuture.supplyAsync(() -> Encodings.newLazyEncodingRegistry().getEncoding(type));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int count(String text) {
            return encoding.join().countTokensOrdinary(text);
        }
    }
}
