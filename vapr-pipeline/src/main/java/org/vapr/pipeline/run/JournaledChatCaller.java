package org.vapr.pipeline.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
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

    /**
     * SHA-256 over the request's roles, texts, image URLs, schema and sampling overrides: the UTF-8 bytes of
     * {@code \u0001role (\u0002text | \u0003url)* … \u0004 [name \u0005 schema] \u0004 temperature \u0004 maxTokens},
     * fed to the digest piece by piece (every piece is a whole string between ASCII separators, so this equals
     * hashing the joined text).
     */
    static String requestHash(ChatRequest request) {
        MessageDigest md = newSha256();
        for (ChatMessage m : request.messages()) {
            md.update((byte) 1);
            update(md, m.role());
            for (ContentPart p : m.parts()) {
                if (p instanceof ContentPart.Text t) {
                    md.update((byte) 2);
                    update(md, t.text());
                } else if (p instanceof ContentPart.Image i) {
                    md.update((byte) 3);
                    update(md, i.url());
                }
            }
        }
        md.update((byte) 4);
        if (request.schema() != null) {
            update(md, request.schema().name());
            md.update((byte) 5);
            update(md, String.valueOf(request.schema().schema()));
        }
        md.update((byte) 4);
        update(md, String.valueOf(request.temperature()));
        md.update((byte) 4);
        update(md, String.valueOf(request.maxTokens()));
        return HexFormat.of().formatHex(md.digest());
    }

    private static final MessageDigest SHA256 = lookUpSha256();

    private static MessageDigest lookUpSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh SHA-256 digest, cloned from a prototype (cheaper than a provider look-up per call). */
    private static MessageDigest newSha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return lookUpSha256();
        }
    }

    private static void update(MessageDigest md, String text) {
        md.update(text.getBytes(StandardCharsets.UTF_8));
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
