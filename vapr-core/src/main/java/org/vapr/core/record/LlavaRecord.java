package org.vapr.core.record;

import java.util.List;

/**
 * One record of a LLaVA-format instruction corpus such as {@code llava_v1_5_mix665k.json}.
 *
 * @param id            the record id
 * @param image         the image path relative to the image root, or {@code null} for a text-only record
 * @param conversations alternating human/gpt messages
 */
public record LlavaRecord(String id, String image, List<Message> conversations) {
    public LlavaRecord {
        conversations = List.copyOf(conversations);
    }

    /** Whether the record has an image. */
    public boolean hasImage() {
        return image != null && !image.isEmpty();
    }
}
