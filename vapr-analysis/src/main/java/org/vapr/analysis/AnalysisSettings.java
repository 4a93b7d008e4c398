package org.vapr.analysis;

import org.vapr.analysis.read.PairingMode;
import org.vapr.analysis.read.SourceFormat;
import org.vapr.analysis.stats.TokenCounter;

/**
 * How to read and measure one file.
 *
 * @param format    the source format, or {@link SourceFormat#AUTO} to detect it from the file's shape
 * @param tokenizer the tokenizer of the token-length statistics
 * @param pairing   how lists of chosen and rejected answers (HA-DPO descriptions) become pairs
 * @param seed      seed of {@link PairingMode#ONE_PER_IMAGE}
 * @param threads   worker threads for the per-pair measurements (results do not depend on it)
 */
public record AnalysisSettings(SourceFormat format, TokenCounter tokenizer, PairingMode pairing, long seed, int threads) {

    /** Auto-detected format, o200k tokens, all pairs, seed 42, up to two threads. */
    public static AnalysisSettings defaults() {
        return withTokens(TokenCounter.of("o200k"));
    }

    /** The defaults with another tokenizer; unlike {@code defaults().withTokenizer(t)} it never loads o200k. */
    public static AnalysisSettings withTokens(org.vapr.core.text.TokenCounter t) {
        return new AnalysisSettings(SourceFormat.AUTO, TokenCounter.adapt(t), PairingMode.ALL, 42,
                Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    public AnalysisSettings withFormat(SourceFormat f) {
        return new AnalysisSettings(f, tokenizer, pairing, seed, threads);
    }

    /** Any tokenizer, e.g. vapr-train's Hugging Face {@code tokenizer.json} adapter. */
    public AnalysisSettings withTokenizer(org.vapr.core.text.TokenCounter t) {
        return new AnalysisSettings(format, TokenCounter.adapt(t), pairing, seed, threads);
    }

    public AnalysisSettings withPairing(PairingMode p, long s) {
        return new AnalysisSettings(format, tokenizer, p, s, threads);
    }

    public AnalysisSettings withThreads(int n) {
        return new AnalysisSettings(format, tokenizer, pairing, seed, Math.max(1, n));
    }
}
