package org.vapr.analysis.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vapr.core.InputProblem;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlReader;

/**
 * Streams the records of a file one by one in any {@link RecordShape}: JSONL line by line (a malformed line is
 * one problem, reading goes on), JSON arrays and keyed objects token by token (a syntax error stops reading,
 * as it cannot be resynchronised).
 */
final class RecordStream {
    /** Receives records and problems in file order. */
    interface Sink {
        void record(RawRecord record);

        void problem(InputProblem problem, boolean fatal);
    }

    private RecordStream() {
    }

    static void read(Path file, RecordShape shape, Sink sink) throws IOException {
        switch (shape) {
            case JSONL -> readJsonl(file, sink);
            case ARRAY, KEYED_OBJECT -> readTree(file, shape, sink);
            default -> throw new IllegalStateException(shape.name());
        }
    }

    private static void readJsonl(Path file, Sink sink) throws IOException {
        String name = file.toString();
        try (JsonlReader r = JsonlReader.open(file)) {
            JsonlReader.Line line;
            while ((line = r.next()) != null) {
                RawRecord rec = parseLine(name, line, sink);
                if (rec != null) {
                    sink.record(rec);
                }
            }
        }
    }

    /** One JSONL line as a record, or {@code null} after telling {@code sink} why it is none. */
    static RawRecord parseLine(String name, JsonlReader.Line line, Sink sink) throws IOException {
        JsonNode node;
        try {
            node = Json.mapper().readTree(line.bytes());
        } catch (JsonProcessingException e) {
            sink.problem(new InputProblem(name, line.number(), line.byteOffset(), "",
                    "malformed JSON: " + e.getOriginalMessage(), true), false);
            return null;
        }
        if (node == null || !node.isObject()) {
            sink.problem(new InputProblem(name, line.number(), line.byteOffset(), "",
                    "expected a JSON object, got " + JsonFields.kind(node), true), false);
            return null;
        }
        return new RawRecord(line.number(), line.byteOffset(), true, null, node);
    }

    private static void readTree(Path file, RecordShape shape, Sink sink) throws IOException {
        String name = file.toString();
        long index = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             JsonParser p = Json.factory().createParser(in)) {
            p.setCodec(Json.mapper());
            JsonToken open = shape == RecordShape.ARRAY ? JsonToken.START_ARRAY : JsonToken.START_OBJECT;
            try {
                if (p.nextToken() != open) {
                    sink.problem(new InputProblem(name, -1, 0, "", "expected " + (shape == RecordShape.ARRAY
                            ? "a JSON array" : "a JSON object") + " at the top level", false), true);
                    return;
                }
                while (true) {
                    JsonToken t = p.nextToken();
                    if (t == null || t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
                        return;
                    }
                    String key = null;
                    if (shape == RecordShape.KEYED_OBJECT) {
                        key = p.currentName();
                        t = p.nextToken();
                    }
                    long offset = p.currentTokenLocation().getByteOffset();
                    if (t != JsonToken.START_OBJECT) {
                        sink.problem(new InputProblem(name, index, offset, key == null ? "" : key,
                                "expected a JSON object, got " + t.asString(), false), false);
                        p.skipChildren();
                    } else {
                        JsonNode node = p.readValueAsTree();
                        sink.record(new RawRecord(index, offset, false, key, node));
                    }
                    index++;
                }
            } catch (JsonProcessingException e) {
                long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
                sink.problem(new InputProblem(name, index, at, "", "malformed JSON, reading stopped here: "
                        + e.getOriginalMessage(), false), true);
            }
        }
    }
}
