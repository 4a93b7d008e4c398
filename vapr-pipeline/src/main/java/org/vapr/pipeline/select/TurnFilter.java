package org.vapr.pipeline.select;

import java.util.List;
import java.util.function.Consumer;
import org.vapr.core.record.LlavaRecord;
import org.vapr.core.record.Message;

/**
 * Splits a LLaVA conversation into question/answer turns and applies the filters (paper §3.2). Each human
 * message is paired with the gpt message that follows it; {@code turn} is the 0-based index of the pair.
 * A message without a partner is dropped as {@code unpaired_turn} (turn -1), a pair with a blank side as
 * {@code empty_turn}, every pair of a record without an image as {@code text_only}, and pairs matched by a
 * filter rule with that rule's reason ({@code multiple_choice}, {@code bbox}, {@code ocr}, …).
 */
public final class TurnFilter {
    /** Drop reasons produced here (besides the rule reasons). */
    public static final String TEXT_ONLY = "text_only";
    public static final String UNPAIRED = "unpaired_turn";
    public static final String EMPTY = "empty_turn";

    private final RuleSet rules;

    public TurnFilter(RuleSet rules) {
        this.rules = rules;
    }

    /** Splits and filters one record, handing kept turns and drops to the consumers in conversation order. */
    public void apply(LlavaRecord record, Consumer<Turn> kept, Consumer<Drop> dropped) {
        List<Message> msgs = record.conversations();
        String id = record.id();
        int turn = 0;
        int i = 0;
        while (i < msgs.size()) {
            Message m = msgs.get(i);
            if (!m.isHuman() || i + 1 >= msgs.size() || msgs.get(i + 1).isHuman()) {
                dropped.accept(new Drop(id, -1, UNPAIRED, "conversations[" + i + "]"));
                i++;
                continue;
            }
            String question = m.value();
            String answer = msgs.get(i + 1).value();
            int t = turn++;
            i += 2;
            String prompt = rules.cleanPrompt(question);
            if (prompt.isBlank() || answer.isBlank()) {
                dropped.accept(new Drop(id, t, EMPTY, null));
                continue;
            }
            if (!record.hasImage()) {
                dropped.accept(new Drop(id, t, TEXT_ONLY, null));
                continue;
            }
            String reason = rules.filterReason(question, answer, record.image());
            if (reason != null) {
                dropped.accept(new Drop(id, t, reason, null));
                continue;
            }
            kept.accept(new Turn(id, t, record.image(), prompt, answer.strip()));
        }
    }
}
