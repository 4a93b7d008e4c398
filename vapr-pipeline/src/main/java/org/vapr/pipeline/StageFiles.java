package org.vapr.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.vapr.core.Category;
import org.vapr.core.InputProblem;
import org.vapr.core.io.Json;
import org.vapr.core.record.LlavaRecord;
import org.vapr.core.record.Message;
import org.vapr.pipeline.select.Candidate;
import org.vapr.pipeline.select.SampledCandidate;
import org.vapr.pipeline.select.Turn;

/**
 * Parsing and random access for the stage files ({@code turns.jsonl}, {@code candidates.jsonl},
 * {@code sampled.jsonl}) and the corpus: each line is checked field by field so a bad line gives one problem
 * naming file, line and field.
 */
final class StageFiles implements AutoCloseable {

    /** A parsed line or its problem. */
    record Parsed<T>(T value, InputProblem problem) {
    }

    private final FileChannel channel;

    StageFiles(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    /** Reads the JSON value starting at a byte offset. */
    JsonNode readAt(long offset) throws IOException {
        channel.position(offset);
        InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(channel), 1 << 14) {
            @Override
            public void close() {
                // keep the channel open
            }
        };
        try (com.fasterxml.jackson.core.JsonParser p = Json.factory().createParser(in)) {
            return Json.mapper().readTree(p);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A LLaVA record from an already validated JSON object. */
    static LlavaRecord record(JsonNode n) {
        List<Message> msgs = new ArrayList<>();
        for (JsonNode m : n.path("conversations")) {
            String from = m.path("from").asText();
            String speaker = from.equals("human") || from.equals("user") ? Message.HUMAN : Message.GPT;
            msgs.add(new Message(speaker, m.path("value").asText()));
        }
        JsonNode img = n.get("image");
        return new LlavaRecord(n.path("id").asText(), img == null || img.isNull() ? null : img.asText(), msgs);
    }

    static Parsed<Turn> turn(String file, long line, long offset, byte[] bytes) {
        Fields f = new Fields(file, line, offset, bytes);
        String id = f.text("source_id");
        int turn = f.integer("turn");
        String image = f.text("image");
        String prompt = f.text("prompt");
        String answer = f.text("answer");
        return f.problem != null ? new Parsed<>(null, f.problem) : new Parsed<>(new Turn(id, turn, image, prompt, answer), null);
    }

    static Parsed<Candidate> candidate(String file, long line, long offset, byte[] bytes) {
        Fields f = new Fields(file, line, offset, bytes);
        String id = f.text("source_id");
        int turn = f.integer("turn");
        String image = f.text("image");
        String category = f.category("category");
        String prompt = f.text("prompt");
        String answer = f.text("answer");
        return f.problem != null ? new Parsed<>(null, f.problem)
                : new Parsed<>(new Candidate(id, turn, image, category, prompt, answer), null);
    }

    static Parsed<SampledCandidate> sampled(String file, long line, long offset, byte[] bytes) {
        Fields f = new Fields(file, line, offset, bytes);
        int order = f.integer("order");
        String id = f.text("source_id");
        int turn = f.integer("turn");
        String image = f.text("image");
        String category = f.category("category");
        String prompt = f.text("prompt");
        String answer = f.text("answer");
        return f.problem != null ? new Parsed<>(null, f.problem)
                : new Parsed<>(new SampledCandidate(order, id, turn, image, category, prompt, answer), null);
    }

    /** Field-by-field access to one JSON line, remembering the first problem. */
    private static final class Fields {
        private final String file;
        private final long line;
        private final long offset;
        private JsonNode node;
        private InputProblem problem;

        Fields(String file, long line, long offset, byte[] bytes) {
            this.file = file;
            this.line = line;
            this.offset = offset;
            try {
                node = Json.mapper().readTree(bytes);
                if (node == null || !node.isObject()) {
                    fail("", "expected a JSON object");
                }
            } catch (IOException e) {
                String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
                fail("", "malformed JSON: " + String.valueOf(msg).lines().findFirst().orElse(""));
            }
        }

        private void fail(String field, String message) {
            if (problem == null) {
                problem = new InputProblem(file, line, offset, field, message, true);
            }
        }

        String text(String name) {
            if (problem != null) {
                return null;
            }
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                fail(name, "missing");
                return null;
            }
            if (!v.isTextual()) {
                fail(name, "expected a string");
                return null;
            }
            if (v.asText().isBlank()) {
                fail(name, "empty");
                return null;
            }
            return v.asText();
        }

        int integer(String name) {
            if (problem != null) {
                return -1;
            }
            JsonNode v = node.get(name);
            if (v == null || v.isNull()) {
                fail(name, "missing");
                return -1;
            }
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
                fail(name, "expected a non-negative integer");
                return -1;
            }
            return v.asInt();
        }

        String category(String name) {
            String c = text(name);
            if (c != null && Category.fromId(c).isEmpty()) {
                fail(name, "unknown category '" + c + "'");
                return null;
            }
            return c == null ? null : Category.fromId(c).get().id();
        }
    }
}
