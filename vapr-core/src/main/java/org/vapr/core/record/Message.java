package org.vapr.core.record;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One turn of a LLaVA conversation.
 *
 * @param from  {@code human} or {@code gpt} (readers normalise {@code user}/{@code assistant} to these)
 * @param value the text; the first human turn of an image record carries the {@code <image>} placeholder
 */
public record Message(String from, String value) {
    public static final String HUMAN = "human";
    public static final String GPT = "gpt";

    public static Message human(String value) {
        return new Message(HUMAN, value);
    }

    public static Message gpt(String value) {
        return new Message(GPT, value);
    }

    @JsonIgnore // derived, not a field of the LLaVA format
    public boolean isHuman() {
        return HUMAN.equals(from);
    }
}
