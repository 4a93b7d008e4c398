package org.vapr.pipeline.run;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.vapr.core.io.Digests;
import org.vapr.llm.ChatCaller;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;
import org.vapr.llm.ChatResult;
import org.vapr.llm.ContentPart;
import org.vapr.llm.JsonExtractor;

/**
 * A {@link ChatCaller} that answers a key found in the {@link CallJournal} from the journal (no HTTP, counted
 * as replayed) and otherwise asks the delegate and appends the answer before returning it, so a result is
 * durable before anyone uses it. A journaled key whose request changed (its hash differs) is called again and
 * counted in {@link #requestMismatches()}. Thread-safe.
 */
public final class JournaledChatCaller implements ChatCaller {
    private final CallJournal journal;
    private final ChatCaller delegate;
    private final AtomicLong made = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong mismatches = new AtomicLong();
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong completionTokens = new AtomicLong();

    public JournaledChatCaller(CallJournal journal, ChatCaller delegate) {
        this.journal = Objects.requireNonNull(journal);
        this.delegate = Objects.requireNonNull(delegate);
    }

    @Override
    public ChatResult call(String key, ChatRequest request) {
        String hash = requestHash(request);
        var found = journal.lookup(key);
        if (found.isPresent()) {
            CallJournal.Entry e = found.get();
            if (e.requestSha256() == null || e.requestSha256().equals(hash)) {
                replayed.incrementAndGet();
                return new ChatResult(e.content(), JsonExtractor.firstObject(e.content()), e.refusal(),
                        e.finishReason(), new ChatResult.Usage(e.promptTokens(), e.completionTokens()), 0, Duration.ZERO);
            }
            mismatches.incrementAndGet();
        }
        ChatResult r;
        journal.callStarted();
        try {
            r = delegate.call(key, request);
        } finally {
            journal.callEnded();
        }
        made.incrementAndGet();
        promptTokens.addAndGet(r.usage().promptTokens());
        completionTokens.addAndGet(r.usage().completionTokens());
        try {
            journal.append(new CallJournal.Entry(key, hash, r.content(), r.refusal(), r.finishReason(),
                    r.usage().promptTokens(), r.usage().completionTokens()));
        } catch (IOException ex) {
            throw CallJournal.unchecked(journal.file(), ex);
        }
        return r;
    }

    /** SHA-256 over the request's roles, texts, image URLs, schema and sampling overrides. */
    static String requestHash(ChatRequest request) {
        StringBuilder sb = new StringBuilder(256);
        for (ChatMessage m : request.messages()) {
            sb.append('\u0001').append(m.role());
            for (ContentPart p : m.parts()) {
                switch (p) {
                    case ContentPart.Text t -> sb.append('\u0002').append(t.text());
                    case ContentPart.Image i -> sb.append('\u0003').append(i.url());
                }
            }
        }
        sb.append('\u0004');
        if (request.schema() != null) {
            sb.append(request.schema().name()).append('\u0005').append(request.schema().schema());
        }
        sb.append('\u0004').append(request.temperature()).append('\u0004').append(request.maxTokens());
        return Digests.sha256(sb.toString());
    }

    /** Calls sent to the delegate (and journaled) by this caller. */
    public long callsMade() {
        return made.get();
    }

    /** Calls answered from the journal. */
    public long callsReplayed() {
        return replayed.get();
    }

    /** Journaled keys called again because their request had changed. */
    public long requestMismatches() {
        return mismatches.get();
    }

    /** Prompt tokens of the calls made (not replayed). */
    public long promptTokensMade() {
        return promptTokens.get();
    }

    /** Completion tokens of the calls made (not replayed). */
    public long completionTokensMade() {
        return completionTokens.get();
    }
}
