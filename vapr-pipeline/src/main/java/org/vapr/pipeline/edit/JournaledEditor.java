package org.vapr.pipeline.edit;

import java.util.Map;
import org.vapr.llm.ChatCaller;

/**
 * An {@link Editor} that answers through a {@link ChatCaller} (an LLM editor), so the build can put a journal
 * between the editor and the network: the pipeline takes {@link #caller()}, wraps it in a
 * {@code org.vapr.pipeline.run.JournaledChatCaller} and edits with {@link #withCaller(ChatCaller)}. A killed
 * run then resumes without repeating (or paying for) any completed call.
 *
 * <p>Contract: every call goes through the caller with a key stable across runs of the same configuration
 * (e.g. {@code edit/<source id>#<turn>/attempt-2}); {@link #propose} must be thread-safe (the build edits on
 * several virtual threads) and, given the same answers from the caller, deterministic.
 */
public interface JournaledEditor extends Editor {

    /** The caller this editor uses now (normally the {@code ChatClient}). */
    ChatCaller caller();

    /** The same editor, calling through {@code journaled} instead. */
    Editor withCaller(ChatCaller journaled);

    /**
     * Everything of the editor's configuration that determines its answers (model, base URL, prompt hashes,
     * temperature, context mode, …) as name → value; never the API key. A journal made under a different
     * fingerprint is refused. The pipeline adds its own entries (input hash, seed, size, …), which win on a
     * name clash.
     */
    Map<String, String> fingerprint();
}
