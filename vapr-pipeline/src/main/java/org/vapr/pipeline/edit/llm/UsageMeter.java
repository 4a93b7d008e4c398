package org.vapr.pipeline.edit.llm;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.vapr.llm.ChatResult;
import org.vapr.pipeline.edit.EditProposal;

/**
 * Running totals of the LLM calls of a run (editor, extender, fallback) and counts of their outcomes such as
 * {@code llm_refusal} or {@code fallback_rules}, for the manifest and the progress line. Thread-safe.
 */
public final class UsageMeter {
    private final LongAdder calls = new LongAdder();
    private final LongAdder promptTokens = new LongAdder();
    private final LongAdder completionTokens = new LongAdder();
    private final Map<String, LongAdder> events = new ConcurrentHashMap<>();

    /** Adds one answered call and returns its usage. */
    public EditProposal.Usage record(ChatResult result) {
        ChatResult.Usage u = result.usage() == null ? ChatResult.Usage.NONE : result.usage();
        calls.increment();
        promptTokens.add(u.promptTokens());
        completionTokens.add(u.completionTokens());
        return new EditProposal.Usage(1, u.promptTokens(), u.completionTokens());
    }

    /** Counts one event, e.g. a failure reason. */
    public void count(String event) {
        events.computeIfAbsent(event, k -> new LongAdder()).increment();
    }

    /** Calls and tokens so far. */
    public EditProposal.Usage total() {
        return new EditProposal.Usage((int) Math.min(Integer.MAX_VALUE, calls.sum()), promptTokens.sum(), completionTokens.sum());
    }

    /** Event counts so far, sorted by name. */
    public SortedMap<String, Long> events() {
        SortedMap<String, Long> m = new TreeMap<>();
        events.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
