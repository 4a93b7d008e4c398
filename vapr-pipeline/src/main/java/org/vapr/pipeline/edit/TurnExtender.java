package org.vapr.pipeline.edit;

import java.io.IOException;
import java.util.Map;
import org.vapr.llm.ChatCaller;

/**
 * Extends one sampled turn's answer into the chosen sentence in place of the rule {@link AnswerExtender} (e.g.
 * the LLM extender of {@code --llm-extend}). When it answers through a {@link ChatCaller} ({@link #caller()} not
 * {@code null}) the build puts its journal in between with {@link #withCaller}, under keys stable across runs
 * ({@code extend/<source id>#<turn>}), so a resumed run replays extensions instead of paying for them again.
 * Must be thread-safe and, given the same answers from its caller, deterministic.
 */
@FunctionalInterface
public interface TurnExtender {

    /**
     * One extended answer.
     *
     * @param text           the chosen answer to use
     * @param kindId         what made it ({@code llm_yes_no}, {@code yes_no_template}, …), counted in the manifest
     * @param fallbackReason why the extender fell back to the rule extension, or {@code null}
     * @param usage          the chat calls and tokens it took (counted in the manifest's {@code llm})
     */
    record Extension(String text, String kindId, String fallbackReason, EditProposal.Usage usage) {
        public Extension {
            usage = usage == null ? EditProposal.Usage.NONE : usage;
        }

        /** An extension that made no call. */
        public Extension(String text, String kindId, String fallbackReason) {
            this(text, kindId, fallbackReason, EditProposal.Usage.NONE);
        }
    }

    /** Extends the answer of turn {@code turn} of record {@code sourceId} to the (clean) question {@code prompt}. */
    Extension extend(String sourceId, int turn, String prompt, String answer) throws IOException;

    /** The caller it answers through, or {@code null} when it makes no chat calls (then nothing is journaled). */
    default ChatCaller caller() {
        return null;
    }

    /** The same extender answering through {@code journaled}; the default ignores it. */
    default TurnExtender withCaller(ChatCaller journaled) {
        return this;
    }

    /** The configuration that determines its answers, for the journal's fingerprint (never a key). */
    default Map<String, String> fingerprint() {
        return Map.of();
    }
}
