package org.vapr.llm;

/**
 * Something that answers chat requests: the {@link ChatClient} itself, or a wrapper around it that records
 * answers in a journal under {@code key} and replays them on resume (so a completed call is never paid twice).
 * The key names one logical call of a run, e.g. {@code edit/<source id>#<turn>/attempt-2}; it must be stable
 * across runs of the same configuration.
 */
@FunctionalInterface
public interface ChatCaller {

    /**
     * Answers one request.
     *
     * @throws LlmException when the server refuses the request or the attempts run out
     */
    ChatResult call(String key, ChatRequest request);
}
