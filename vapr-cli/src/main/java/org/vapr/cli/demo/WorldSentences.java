package org.vapr.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlReader;
import org.vapr.core.record.Span;
import org.vapr.pipeline.edit.AnswerExtender;
import org.vapr.pipeline.edit.EditProposal;
import org.vapr.pipeline.edit.EditRequest;
import org.vapr.pipeline.edit.Editor;
import org.vapr.pipeline.edit.TurnExtender;

/**
 * The world's own sentences for its questions ({@code labels.jsonl}: {@code question}, {@code sentence},
 * {@code opposite}), as the demo's stand-in for an editor LLM that writes in the style of the model it edits for.
 * The paper extends LLaVA's short yes/no answers into sentences with an LLM, and LLaVA reads any fluent phrasing; the
 * world's small model knows only the world's templates, and a rule-made sentence outside them ("Yes, there are red
 * triangles in the image." where the world always says how many) is improbable to it whatever the image shows, so its
 * preference between such sentences says nothing about the image (docs/CALIBRATION.md, seventh round). Here:
 * <ul>
 *   <li>{@link #extender()} extends a short answer into the world's sentence for that question, and otherwise falls
 *       back to the rule extension;</li>
 *   <li>{@link #editor(Editor)} proposes, for a yes/no question, the world's sentence for the other answer (the same
 *       template, e.g. "Yes, I can see a red circle." ↔ "No, I do not see a red circle."), on the first attempt; every
 *       other case, and a proposal the validator turned down, goes to the given editor.</li>
 * </ul>
 * Sentences are looked up by record id and question, since a corpus restricted to some categories renumbers turns.
 */
final class WorldSentences {
    /** A question's sentences: the gold answer's and, for yes/no, the other answer's (or null). */
    record Sentences(String sentence, String opposite) {
    }

    private final Map<String, Sentences> byQuestion;

    private WorldSentences(Map<String, Sentences> byQuestion) {
        this.byQuestion = byQuestion;
    }

    /** Reads the world's labels; lines without a sentence are skipped. */
    static WorldSentences read(Path labels) throws IOException {
        Map<String, Sentences> m = new HashMap<>();
        try (JsonlReader r = JsonlReader.open(labels)) {
            for (JsonlReader.Line line; (line = r.next()) != null; ) {
                JsonNode l = Json.mapper().readTree(line.bytes());
                if (!l.hasNonNull("id")) {
                    throw new InputException(labels + ": line " + line.number() + ": field 'id' is missing");
                }
                if (l.hasNonNull("question") && l.hasNonNull("sentence")) {
                    m.put(key(l.get("id").asText(), l.get("question").asText()),
                            new Sentences(l.get("sentence").asText(), l.hasNonNull("opposite") ? l.get("opposite").asText() : null));
                }
            }
        }
        return new WorldSentences(m);
    }

    /** The sentences of a record's question, or {@code null}. */
    Sentences of(String sourceId, String question) {
        return byQuestion.get(key(sourceId, question));
    }

    int size() {
        return byQuestion.size();
    }

    private static String key(String id, String question) {
        return id + '\u0000' + question.strip().toLowerCase(Locale.ROOT);
    }

    /** Extends into the world's sentence ({@code world_sentence}); the rule extension where the world has none. */
    TurnExtender extender() {
        AnswerExtender rules = new AnswerExtender(true);
        return (sourceId, turn, prompt, answer) -> {
            Sentences s = of(sourceId, prompt);
            if (s != null) {
                return new TurnExtender.Extension(s.sentence(), "world_sentence", null);
            }
            AnswerExtender.Extension e = rules.extend(prompt, answer);
            return new TurnExtender.Extension(e.text(), e.kind().id(), "no world sentence for the question");
        };
    }

    /** {@code fallback} with the world's opposite sentence as the first proposal for yes/no questions. */
    Editor editor(Editor fallback) {
        return new Editor() {
            @Override
            public String name() {
                return fallback.name();
            }

            @Override
            public String model() {
                return fallback.model() + "+world-sentences";
            }

            @Override
            public int maxAttempts() {
                return fallback.maxAttempts() + 1;
            }

            @Override
            public Checks checks() {
                return fallback.checks();
            }

            @Override
            public EditProposal propose(EditRequest r) throws IOException {
                Sentences s = of(r.sourceId(), r.prompt());
                if (r.attempt() == 1 && s != null && s.opposite() != null && s.sentence().equals(r.chosen())) {
                    return EditProposal.of(s.opposite(), List.of(changed(r.chosen(), s.opposite())), List.of(polarity(s.opposite())));
                }
                EditRequest next = r.attempt() == 1 || s == null || s.opposite() == null ? r
                        : new EditRequest(r.sourceId(), r.turn(), r.image(), r.category(), r.prompt(), r.chosen(), r.avoid(),
                                r.attempt() - 1, r.feedback(), r.seed());
                return fallback.propose(next);
            }
        };
    }

    private static String polarity(String text) {
        return text.strip().toLowerCase(Locale.ROOT).startsWith("yes") ? "yes" : "no";
    }

    /** The part of {@code rejected} between the longest common prefix and suffix with {@code chosen}. */
    static Span changed(String chosen, String rejected) {
        int p = 0;
        int max = Math.min(chosen.length(), rejected.length());
        while (p < max && chosen.charAt(p) == rejected.charAt(p)) {
            p++;
        }
        int q = 0;
        while (q < max - p && chosen.charAt(chosen.length() - 1 - q) == rejected.charAt(rejected.length() - 1 - q)) {
            q++;
        }
        return new Span(p, Math.max(p, rejected.length() - q));
    }
}
