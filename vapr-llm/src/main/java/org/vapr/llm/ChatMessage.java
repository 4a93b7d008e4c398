package org.vapr.llm;

import java.util.List;
import java.util.Objects;

/**
 * One chat message.
 *
 * @param role  {@code system}, {@code user} or {@code assistant}
 * @param parts its content, in order
 */
public record ChatMessage(String role, List<ContentPart> parts) {

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        parts = List.copyOf(parts);
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one part");
        }
    }

    /** A system message. */
    public static ChatMessage system(String text) {
        return new ChatMessage("system", List.of(new ContentPart.Text(text)));
    }

    /** A user message of text and images. */
    public static ChatMessage user(ContentPart... parts) {
        return new ChatMessage("user", List.of(parts));
    }

    /** A user text message. */
    public static ChatMessage user(String text) {
        return new ChatMessage("user", List.of(new ContentPart.Text(text)));
    }

    /** An assistant message (a few-shot answer). */
    public static ChatMessage assistant(String text) {
        return new ChatMessage("assistant", List.of(new ContentPart.Text(text)));
    }

    /** Whether every part is text (then the content is sent as a plain string, which every server takes). */
    public boolean textOnly() {
        return parts.stream().allMatch(p -> p instanceof ContentPart.Text);
    }
}
