package org.vapr.pipeline.edit.llm;

import java.io.IOException;
import org.vapr.pipeline.edit.EditProposal;
import org.vapr.pipeline.edit.EditRequest;
import java.util.Map;
import java.util.TreeMap;
import org.vapr.llm.ChatCaller;
import org.vapr.pipeline.edit.Editor;
import org.vapr.pipeline.edit.JournaledEditor;

/**
 * {@code --fallback rules}: the primary editor's attempts first, then, for a pair it could not edit, the
 * fallback editor's (the rule editor's), counted as {@code fallback_rules} once per pair that reaches them.
 * The pair's {@code edit.attempts} then counts both; {@code edit.editor} names the primary.
 */
public final class FallbackEditor implements JournaledEditor {
    /** The event counted when a pair falls back. */
    public static final String FALLBACK = "fallback_rules";

    private final JournaledEditor primary;
    private final Editor fallback;
    private final UsageMeter meter;

    /**
     * @param primary  tried first, {@code primary.maxAttempts()} times
     * @param fallback tried next, {@code fallback.maxAttempts()} times
     * @param meter    where fallbacks are counted
     */
    public FallbackEditor(JournaledEditor primary, Editor fallback, UsageMeter meter) {
        this.primary = primary;
        this.fallback = fallback;
        this.meter = meter;
    }

    @Override
    public ChatCaller caller() {
        return primary.caller();
    }

    @Override
    public FallbackEditor withCaller(ChatCaller journaled) {
        Editor p = primary.withCaller(journaled);
        return new FallbackEditor((JournaledEditor) p, fallback, meter);
    }

    /** The primary's fingerprint plus {@code fallback} (the fallback's name and model). */
    @Override
    public Map<String, String> fingerprint() {
        Map<String, String> f = new TreeMap<>(primary.fingerprint());
        f.put("fallback", fallback.name() + ":" + fallback.model() + "x" + fallback.maxAttempts());
        return f;
    }

    @Override
    public String name() {
        return primary.name();
    }

    @Override
    public String model() {
        return primary.model();
    }

    @Override
    public int maxAttempts() {
        return primary.maxAttempts() + fallback.maxAttempts();
    }

    @Override
    public EditProposal propose(EditRequest r) throws IOException {
        int first = primary.maxAttempts();
        if (r.attempt() <= first) {
            return primary.propose(r);
        }
        if (r.attempt() == first + 1) {
            meter.count(FALLBACK);
        }
        return fallback.propose(new EditRequest(r.sourceId(), r.turn(), r.image(), r.category(), r.prompt(), r.chosen(),
                r.avoid(), r.attempt() - first, r.feedback(), r.seed()));
    }
}
