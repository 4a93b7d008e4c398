package org.vapr.eval.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vapr.core.InputException;
import org.vapr.core.InputProblem;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlReader;

/**
 * Reads the JSON shapes benchmark files come in: a JSON array of records, one JSON object (returned whole, for
 * files such as SEED-Bench's {@code {"questions": [...]}} or MathVista's {@code {pid: record}}), or JSON Lines
 * (also when the name ends in {@code .json}, as POPE's files do). A file of one line holding one object is one
 * JSONL record (line 1).
 */
public final class JsonRecords {
    private static final ObjectReader STRICT = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonRecords() {
    }

    /** The records of a file: array elements, the lines of a JSONL file, or the single top-level object. */
    public static List<SourceRecord> read(Path file) {
        try {
            String head = firstNonBlank(file);
            if (head.isEmpty()) {
                return List.of();
            }
            if (head.charAt(0) == '[' || head.charAt(0) == '{') {
                JsonNode whole = parseWhole(file);
                if (whole != null && whole.isObject() && nonBlankLines(file) == 1) {
                    return readLines(file);
                }
                if (whole != null) {
                    List<SourceRecord> out = new ArrayList<>();
                    if (whole.isArray()) {
                        for (int i = 0; i < whole.size(); i++) {
                            out.add(new SourceRecord(file, i, false, null, whole.get(i)));
                        }
                    } else {
                        out.add(new SourceRecord(file, 0, false, null, whole));
                    }
                    return out;
                }
                if (head.charAt(0) == '[') {
                    parseOrFail(file);
                }
            }
            return readLines(file);
        } catch (NoSuchFileException e) {
            throw new InputException(file + ": no such file or directory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The records of a file that may also be one object keyed by id ({@code {"1": {...}, "2": {...}}}): such an
     * object's values become records carrying their key.
     */
    public static List<SourceRecord> readKeyed(Path file) {
        List<SourceRecord> records = read(file);
        if (records.size() == 1 && !records.get(0).lineBased() && records.get(0).node().isObject()) {
            JsonNode obj = records.get(0).node();
            boolean keyed = obj.size() > 0;
            for (JsonNode v : obj) {
                keyed &= v.isObject();
            }
            if (keyed) {
                List<SourceRecord> out = new ArrayList<>();
                int i = 0;
                for (Map.Entry<String, JsonNode> e : obj.properties()) {
                    out.add(new SourceRecord(file, i++, false, e.getKey(), e.getValue()));
                }
                return out;
            }
        }
        return records;
    }

    private static List<SourceRecord> readLines(Path file) throws IOException {
        List<SourceRecord> out = new ArrayList<>();
        try (JsonlReader r = JsonlReader.open(file)) {
            for (JsonlReader.Line line = r.next(); line != null; line = r.next()) {
                JsonNode node;
                try {
                    node = STRICT.readTree(line.bytes());
                } catch (JsonProcessingException e) {
                    throw new InputException(new InputProblem(file.toString(), line.number(), -1, "",
                            "malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""), true));
                }
                if (!node.isObject()) {
                    throw new InputException(new InputProblem(file.toString(), line.number(), -1, "",
                            "expected a JSON object, got " + SourceRecord.kind(node), true));
                }
                out.add(new SourceRecord(file, line.number(), true, null, node));
            }
        }
        return out;
    }

    private static JsonNode parseWhole(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            return STRICT.readTree(in);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void parseOrFail(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            STRICT.readTree(in);
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new InputException(new InputProblem(file.toString(), line, -1, "",
                    "malformed JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""), true));
        }
    }

    private static long nonBlankLines(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(l -> !l.isBlank()).limit(2).count();
        }
    }

    private static String firstNonBlank(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] buf = in.readNBytes(4096);
            String s = new String(buf, StandardCharsets.UTF_8).replace("\uFEFF", "").stripLeading();
            return s;
        }
    }
}
