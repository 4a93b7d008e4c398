package org.vapr.core.text;

/**
 * Counts the tokens of a text with one named tokenizer: the unit of the paper's token-length statistics (a rejected
 * answer should be about as long as the chosen one, §3.4).
 *
 * <p>Implementations live where their libraries may: the JTokkit encodings (o200k, cl100k) in {@code vapr-analysis},
 * the Hugging Face {@code tokenizer.json} adapter in {@code vapr-train}. This contract sits in {@code vapr-core} so
 * that a module can accept any tokenizer without depending on the module that provides it.
 *
 * <p>Implementations must be thread-safe: {@link #count(String)} is called from several worker threads at once on
 * one instance, and gives the same result for the same text whatever the order or concurrency of calls.
 */
public interface TokenCounter {
    /** The name written to reports, e.g. {@code o200k_base} or {@code hf:qwen3/tokenizer.json}. */
    String name();

    /**
     * Number of tokens of {@code text} as the tokenizer itself splits it, without special tokens added around it
     * (no BOS/EOS, no chat template); {@code 0} for the empty string.
     */
    int count(String text);
}
