package org.vapr.core.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.vapr.core.InputException;
import org.vapr.core.InputProblem;
import org.vapr.core.record.LlavaRecord;
import org.vapr.core.record.Message;

class LlavaReaderTest {
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final String VQA = "\nAnswer the question using a single word or phrase.";

    @TempDir
    Path dir;

    // ------------------------------------------------------------------ helpers

    /** File bytes plus the byte offset at which each record starts, measured while building the bytes. */
    record Built(byte[] bytes, List<Long> offsets) {
    }

    static Built array(byte[] prefix, String nl, List<String> records) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        b.writeBytes(prefix);
        b.writeBytes(("[" + nl).getBytes(UTF_8));
        for (int i = 0; i < records.size(); i++) {
            if (i > 0) {
                b.writeBytes(("," + nl).getBytes(UTF_8));
            }
            b.writeBytes("  ".getBytes(UTF_8));
            offsets.add((long) b.size());
            b.writeBytes(records.get(i).getBytes(UTF_8));
        }
        b.writeBytes((nl + "]" + nl).getBytes(UTF_8));
        return new Built(b.toByteArray(), offsets);
    }

    static Built jsonl(byte[] prefix, String nl, List<String> records) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        List<Long> offsets = new ArrayList<>();
        b.writeBytes(prefix);
        for (String r : records) {
            offsets.add((long) b.size());
            b.writeBytes((r + nl).getBytes(UTF_8));
        }
        return new Built(b.toByteArray(), offsets);
    }

    /** Byte index of the first occurrence of {@code needle} (UTF-8) in {@code hay} at or after {@code from}. */
    static long indexOf(byte[] hay, String needle, long from) {
        byte[] n = needle.getBytes(UTF_8);
        outer:
        for (int i = (int) from; i <= hay.length - n.length; i++) {
            for (int j = 0; j < n.length; j++) {
                if (hay[i + j] != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found: " + needle);
    }

    Path file(String name, byte[] bytes) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, bytes);
        return f;
    }

    static List<ReadItem> readAll(Path f) throws IOException {
        List<ReadItem> out = new ArrayList<>();
        try (LlavaReader r = LlavaReader.open(f)) {
            for (ReadItem it; (it = r.next()) != null; ) {
                out.add(it);
                assertThat(out).hasSizeLessThan(10_000);
            }
            assertThat(r.next()).isNull();
        }
        return out;
    }

    static List<LlavaRecord> records(List<ReadItem> items) {
        return items.stream().map(i -> ((ReadItem.Ok) i).record()).toList();
    }

    static String rec(String id, String... turns) {
        StringBuilder b = new StringBuilder("{\"id\":\"" + id + "\",\"image\":\"coco/" + id + ".jpg\",\"conversations\":[");
        for (int i = 0; i < turns.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append("{\"from\":\"").append(i % 2 == 0 ? "human" : "gpt").append("\",\"value\":\"").append(turns[i]).append("\"}");
        }
        return b.append("]}").toString();
    }

    static String good(String id) {
        return rec(id, "<image>\\nWhat is it?", "A cat.");
    }

    // ------------------------------------------------------------------ format detection

    @Test
    void detectsArrayAndJsonl() throws IOException {
        Path a = file("a.json", array(new byte[0], "\n", List.of(good("1"))).bytes());
        Path l = file("a.jsonl", jsonl(new byte[0], "\n", List.of(good("1"))).bytes());
        Path ws = file("ws.json", ("  \r\n\t\n" + "[" + good("1") + "]").getBytes(UTF_8));
        Path wsl = file("ws.jsonl", ("\n\n  " + good("1") + "\n").getBytes(UTF_8));
        try (LlavaReader r = LlavaReader.open(a)) {
            assertThat(r.format()).isEqualTo(LlavaReader.Format.JSON_ARRAY);
        }
        try (LlavaReader r = LlavaReader.open(l)) {
            assertThat(r.format()).isEqualTo(LlavaReader.Format.JSONL);
        }
        try (LlavaReader r = LlavaReader.open(ws)) {
            assertThat(r.format()).isEqualTo(LlavaReader.Format.JSON_ARRAY);
        }
        try (LlavaReader r = LlavaReader.open(wsl)) {
            assertThat(r.format()).isEqualTo(LlavaReader.Format.JSONL);
        }
        // the extension does not decide: a .json file with one record per line is JSONL
        Path misnamed = file("lines.json", jsonl(new byte[0], "\n", List.of(good("1"), good("2"))).bytes());
        try (LlavaReader r = LlavaReader.open(misnamed)) {
            assertThat(r.format()).isEqualTo(LlavaReader.Format.JSONL);
        }
        assertThat(records(readAll(ws))).extracting(LlavaRecord::id).containsExactly("1");
        assertThat(records(readAll(wsl))).extracting(LlavaRecord::id).containsExactly("1");
        assertThat(records(readAll(misnamed))).extracting(LlavaRecord::id).containsExactly("1", "2");
    }

    @Test
    void emptyFileIsAnInputError() throws IOException {
        for (byte[] content : List.of(new byte[0], "  \n\r\n\t".getBytes(UTF_8), BOM)) {
            Path f = file("empty.json", content);
            assertThatThrownBy(() -> LlavaReader.open(f))
                    .isInstanceOf(InputException.class)
                    .hasMessageContaining(f.toString())
                    .hasMessageContaining("empty")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        }
    }

    @Test
    void garbageAtTheStartIsAnInputError() throws IOException {
        Path f = file("garbage.json", "  hello world\n[]".getBytes(UTF_8));
        assertThatThrownBy(() -> LlavaReader.open(f))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(f.toString())
                .hasMessageContaining("byte 2")
                .hasMessageContaining("'h'")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Path html = file("page.json", "<!DOCTYPE html>".getBytes(UTF_8));
        assertThatThrownBy(() -> LlavaReader.open(html)).isInstanceOf(InputException.class)
                .hasMessageContaining("byte 0");
    }

    @Test
    void missingFileIsAnInputError() {
        Path f = dir.resolve("nope.json");
        assertThatThrownBy(() -> LlavaReader.open(f)).isInstanceOf(InputException.class)
                .hasMessageContaining(f.toString());
        assertThatThrownBy(() -> LlavaReader.open(dir)).isInstanceOf(InputException.class);
    }

    @Test
    void emptyArrayHasNoRecords() throws IOException {
        assertThat(readAll(file("e.json", "[]".getBytes(UTF_8)))).isEmpty();
        assertThat(readAll(file("e2.json", " [ \n ] \n".getBytes(UTF_8)))).isEmpty();
    }

    // ------------------------------------------------------------------ a realistic corpus

    static final String REALISTIC = """
            [
              {
                "id": "000000033471",
                "image": "coco/train2017/000000033471.jpg",
                "conversations": [
                  {
                    "from": "human",
                    "value": "<image>\\nWhat are the colors of the bus in the image?"
                  },
                  {
                    "from": "gpt",
                    "value": "The bus in the image is white and red."
                  },
                  {
                    "from": "human",
                    "value": "What feature can be seen on the back of the bus?"
                  },
                  {
                    "from": "gpt",
                    "value": "The back of the bus features an advertisement."
                  }
                ]
              },
              {
                "id": "000000262146",
                "image": "coco/train2017/000000262146.jpg",
                "conversations": [
                  {
                    "from": "human",
                    "value": "<image>\\nHow many people are skiing?\\nAnswer the question using a single word or phrase."
                  },
                  {
                    "from": "gpt",
                    "value": "2"
                  },
                  {
                    "from": "human",
                    "value": "Is it snowing?\\nAnswer the question using a single word or phrase."
                  },
                  {
                    "from": "gpt",
                    "value": "No"
                  },
                  {
                    "from": "human",
                    "value": "What color is the jacket?\\nAnswer the question using a single word or phrase."
                  },
                  {
                    "from": "gpt",
                    "value": "Red"
                  }
                ]
              },
              {
                "id": "i6IyJda_0",
                "conversations": [
                  {
                    "from": "human",
                    "value": "How to tell if a customer segment is well segmented? In 3 bullet points."
                  },
                  {
                    "from": "gpt",
                    "value": "1. Homogeneity: the segment should consist of customers who share similar characteristics.\\n2. Distinctiveness: it should be different from other segments.\\n3. Stability: it should remain relatively stable over time."
                  }
                ]
              },
              {
                "id": 2354786,
                "image": "gqa/images/2354786.jpg",
                "conversations": [
                  {
                    "from": "human",
                    "value": "Is the sky dark?\\n<image>"
                  },
                  {
                    "from": "gpt",
                    "value": "Yes"
                  }
                ]
              },
              {
                "id": "A0ocr_1",
                "image": "textvqa/train_images/0054c91397f2fe05.jpg",
                "model": "",
                "conversations": [
                  {
                    "from": "human",
                    "value": "<image>\\nWhat does the sign say \\"caf\\u00e9\\" \\/ \\"bar\\"?\\nReference OCR token: CAFE\\nAnswer the question using a single word or phrase."
                  },
                  {
                    "from": "gpt",
                    "value": "caf\\u00e9",
                    "weight": 1.0
                  }
                ]
              }
            ]
            """;

    static final List<LlavaRecord> REALISTIC_RECORDS = List.of(
            new LlavaRecord("000000033471", "coco/train2017/000000033471.jpg", List.of(
                    Message.human("<image>\nWhat are the colors of the bus in the image?"),
                    Message.gpt("The bus in the image is white and red."),
                    Message.human("What feature can be seen on the back of the bus?"),
                    Message.gpt("The back of the bus features an advertisement."))),
            new LlavaRecord("000000262146", "coco/train2017/000000262146.jpg", List.of(
                    Message.human("<image>\nHow many people are skiing?" + VQA),
                    Message.gpt("2"),
                    Message.human("Is it snowing?" + VQA),
                    Message.gpt("No"),
                    Message.human("What color is the jacket?" + VQA),
                    Message.gpt("Red"))),
            new LlavaRecord("i6IyJda_0", null, List.of(
                    Message.human("How to tell if a customer segment is well segmented? In 3 bullet points."),
                    Message.gpt("1. Homogeneity: the segment should consist of customers who share similar characteristics."
                            + "\n2. Distinctiveness: it should be different from other segments."
                            + "\n3. Stability: it should remain relatively stable over time."))),
            new LlavaRecord("2354786", "gqa/images/2354786.jpg", List.of(
                    Message.human("Is the sky dark?\n<image>"),
                    Message.gpt("Yes"))),
            new LlavaRecord("A0ocr_1", "textvqa/train_images/0054c91397f2fe05.jpg", List.of(
                    Message.human("<image>\nWhat does the sign say \"café\" / \"bar\"?\nReference OCR token: CAFE" + VQA),
                    Message.gpt("café"))));

    @Test
    void realisticArrayIsParsedBackExactly() throws IOException {
        byte[] bytes = REALISTIC.getBytes(UTF_8);
        List<ReadItem> items = readAll(file("llava_v1_5_mix665k.json", bytes));
        assertThat(items).allMatch(i -> i instanceof ReadItem.Ok);
        assertThat(records(items)).containsExactlyElementsOf(REALISTIC_RECORDS);
        assertThat(items).extracting(ReadItem::index).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(records(items).get(2).hasImage()).isFalse();
        assertThat(records(items).get(0).hasImage()).isTrue();
        // offsets: each record's '{' is the first one after "\n  " (records are indented by two spaces)
        long from = 0;
        for (ReadItem it : items) {
            long brace = indexOf(bytes, "\n  {", from) + 3;
            assertThat(bytes[(int) brace]).isEqualTo((byte) '{');
            assertThat(((ReadItem.Ok) it).byteOffset()).as("record %d", it.index()).isEqualTo(brace);
            from = brace;
        }
    }

    @Test
    void realisticCorpusAsJsonl() throws IOException {
        List<String> lines = new ArrayList<>();
        for (LlavaRecord r : REALISTIC_RECORDS) {
            lines.add(Json.mapper().writeValueAsString(r));
        }
        Built b = jsonl(new byte[0], "\n", lines);
        List<ReadItem> items = readAll(file("llava.jsonl", b.bytes()));
        assertThat(records(items)).containsExactlyElementsOf(REALISTIC_RECORDS);
        assertThat(items).extracting(ReadItem::index).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(items).extracting(i -> ((ReadItem.Ok) i).byteOffset()).containsExactlyElementsOf(b.offsets());
    }

    @Test
    void userAndAssistantAreNormalised() throws IOException {
        String r = "{\"id\":\"u1\",\"image\":\"a.jpg\",\"conversations\":[{\"from\":\"user\",\"value\":\"<image>\\nQ?\"},"
                + "{\"from\":\"assistant\",\"value\":\"A.\"},{\"from\":\"human\",\"value\":\"Q2?\"},{\"from\":\"gpt\",\"value\":\"A2.\"}]}";
        LlavaRecord expected = new LlavaRecord("u1", "a.jpg", List.of(
                Message.human("<image>\nQ?"), Message.gpt("A."), Message.human("Q2?"), Message.gpt("A2.")));
        assertThat(records(readAll(file("u.json", array(new byte[0], "\n", List.of(r)).bytes()))))
                .containsExactly(expected);
        assertThat(records(readAll(file("u.jsonl", jsonl(new byte[0], "\n", List.of(r)).bytes()))))
                .containsExactly(expected);
    }

    @Test
    void nullImageMeansTextOnlyAndUnknownFieldsAreIgnored() throws IOException {
        String r = "{\"id\":\"t\",\"image\":null,\"meta\":{\"a\":[1,{\"b\":2}]},\"conversations\":[{\"from\":\"human\","
                + "\"value\":\"hi\",\"extra\":[1,2]},{\"from\":\"gpt\",\"value\":\"\"}],\"tail\":true}";
        assertThat(records(readAll(file("n.json", array(new byte[0], "\n", List.of(r, good("x"))).bytes()))))
                .containsExactly(new LlavaRecord("t", null, List.of(Message.human("hi"), Message.gpt(""))),
                        new LlavaRecord("x", "coco/x.jpg", List.of(Message.human("<image>\nWhat is it?"), Message.gpt("A cat."))));
    }

    // ------------------------------------------------------------------ bad records

    /**
     * A bad record, the field its problem must name, a word of the message, and the text inside the record
     * at which the reported byte offset must point.
     */
    static Stream<Arguments> badRecords() {
        String convs = "\"conversations\":[{\"from\":\"human\",\"value\":\"<image>\\nQ?\"},{\"from\":\"gpt\",\"value\":\"A\"}]";
        return Stream.of(
                Arguments.of("missing id", "{\"image\":\"a.jpg\"," + convs + "}", "id", "missing", "{"),
                Arguments.of("id an array", "{\"id\":[\"x\"],\"image\":\"a.jpg\"," + convs + "}", "id", "array", "[\"x\"]"),
                Arguments.of("id an object", "{\"id\":{\"x\":1}," + convs + "}", "id", "object", "{\"x\":1}"),
                Arguments.of("id a boolean", "{\"id\":true," + convs + "}", "id", "boolean", "true"),
                Arguments.of("conversations missing", "{\"id\":\"x\",\"image\":\"a.jpg\"}", "conversations", "missing", "{"),
                Arguments.of("conversations empty", "{\"id\":\"x\",\"conversations\":[]}", "conversations", "empty", "{"),
                Arguments.of("conversations a string", "{\"id\":\"x\",\"conversations\":\"hello\"}", "conversations",
                        "array", "\"hello\""),
                Arguments.of("conversations an object", "{\"id\":\"x\",\"conversations\":{\"from\":\"human\"}}",
                        "conversations", "array", "{\"from\""),
                Arguments.of("message without value",
                        "{\"id\":\"x\",\"conversations\":[{\"from\":\"human\",\"value\":\"Q\"},{\"from\":\"gpt\"}]}",
                        "conversations[1].value", "missing", "{\"from\":\"gpt\"}"),
                Arguments.of("message without from",
                        "{\"id\":\"x\",\"conversations\":[{\"from\":\"human\",\"value\":\"Q\"},{\"value\":\"A\"}]}",
                        "conversations[1].from", "missing", "{\"value\":\"A\"}"),
                Arguments.of("value a number",
                        "{\"id\":\"x\",\"conversations\":[{\"from\":\"human\",\"value\":\"Q\"},{\"from\":\"gpt\",\"value\":42}]}",
                        "conversations[1].value", "number", "42"),
                Arguments.of("value null",
                        "{\"id\":\"x\",\"conversations\":[{\"from\":\"human\",\"value\":null},{\"from\":\"gpt\",\"value\":\"A\"}]}",
                        "conversations[0].value", "null", "null"),
                Arguments.of("from a number",
                        "{\"id\":\"x\",\"conversations\":[{\"from\":1,\"value\":\"Q\"}]}",
                        "conversations[0].from", "number", "1,"),
                Arguments.of("unknown speaker",
                        "{\"id\":\"x\",\"conversations\":[{\"from\":\"human\",\"value\":\"Q\"},{\"from\":\"system\",\"value\":\"A\"}]}",
                        "conversations[1].from", "system", "{\"from\":\"system\""),
                Arguments.of("message not an object",
                        "{\"id\":\"x\",\"conversations\":[{\"from\":\"human\",\"value\":\"Q\"},\"A\"]}",
                        "conversations[1]", "object", "\"A\"]"),
                Arguments.of("message an array",
                        "{\"id\":\"x\",\"conversations\":[[\"human\",\"Q\"]]}",
                        "conversations[0]", "object", "[\"human\""),
                Arguments.of("image a number", "{\"id\":\"x\",\"image\":7," + convs + "}", "image", "number", "7"),
                Arguments.of("image an array", "{\"id\":\"x\",\"image\":[\"a.jpg\",\"b.jpg\"]," + convs + "}", "image",
                        "array", "[\"a.jpg\""),
                Arguments.of("record a string", "\"just text\"", "", "object", "\"just text\""),
                Arguments.of("record a number", "12345", "", "object", "12345"),
                Arguments.of("record an array", "[{\"id\":\"x\"," + convs + "}]", "", "object", "[{"),
                Arguments.of("record null", "null", "", "object", "null"));
    }

    @ParameterizedTest(name = "array: {0}")
    @MethodSource("badRecords")
    void badRecordInArrayIsReportedAndReadingGoesOn(String what, String bad, String field, String word, String at)
            throws IOException {
        Built b = array(new byte[0], "\n", List.of(good("before"), bad, good("after")));
        Path f = file("bad.json", b.bytes());
        List<ReadItem> items = readAll(f);
        assertThat(items).hasSize(3);
        assertThat(items.get(0)).isInstanceOf(ReadItem.Ok.class);
        assertThat(items.get(2)).isInstanceOfSatisfying(ReadItem.Ok.class, ok -> {
            assertThat(ok.record().id()).isEqualTo("after");
            assertThat(ok.index()).isEqualTo(2);
            assertThat(ok.byteOffset()).isEqualTo(b.offsets().get(2));
        });
        long expectedOffset = indexOf(b.bytes(), at, b.offsets().get(1));
        assertThat(items.get(1)).isInstanceOfSatisfying(ReadItem.Bad.class, bad1 -> {
            assertThat(bad1.fatal()).isFalse();
            assertThat(bad1.index()).isEqualTo(1);
            InputProblem p = bad1.problem();
            assertThat(p.file()).isEqualTo(f.toString());
            assertThat(p.record()).isEqualTo(1);
            assertThat(p.lineBased()).isFalse();
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(word);
            assertThat(p.byteOffset()).isEqualTo(expectedOffset);
            String line = p.toLine();
            assertThat(line).startsWith(f + ": record 1 (byte " + expectedOffset + ")").doesNotContain("\n");
            if (!field.isEmpty()) {
                assertThat(line).contains("field '" + field + "'");
            }
        });
    }

    @ParameterizedTest(name = "jsonl: {0}")
    @MethodSource("badRecords")
    void badRecordInJsonlIsReportedAndReadingGoesOn(String what, String bad, String field, String word, String at)
            throws IOException {
        Built b = jsonl(new byte[0], "\n", List.of(good("before"), bad, good("after")));
        Path f = file("bad.jsonl", b.bytes());
        List<ReadItem> items = readAll(f);
        assertThat(items).hasSize(3);
        assertThat(items.get(0)).isInstanceOf(ReadItem.Ok.class);
        assertThat(items.get(2)).isInstanceOfSatisfying(ReadItem.Ok.class, ok -> {
            assertThat(ok.record().id()).isEqualTo("after");
            assertThat(ok.index()).isEqualTo(3);
            assertThat(ok.byteOffset()).isEqualTo(b.offsets().get(2));
        });
        long expectedOffset = indexOf(b.bytes(), at, b.offsets().get(1));
        assertThat(items.get(1)).isInstanceOfSatisfying(ReadItem.Bad.class, bad1 -> {
            assertThat(bad1.fatal()).isFalse();
            assertThat(bad1.index()).isEqualTo(2);
            InputProblem p = bad1.problem();
            assertThat(p.file()).isEqualTo(f.toString());
            assertThat(p.record()).isEqualTo(2);
            assertThat(p.lineBased()).isTrue();
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(word);
            assertThat(p.byteOffset()).isEqualTo(expectedOffset);
            String line = p.toLine();
            assertThat(line).startsWith(f + ": line 2 (byte " + expectedOffset + ")").doesNotContain("\n");
            if (!field.isEmpty()) {
                assertThat(line).contains("field '" + field + "'");
            }
        });
    }

    @Test
    void exampleProblemLines() throws IOException {
        String bad = "{\"id\":\"x\",\"conversations\":[{\"from\":\"human\",\"value\":\"Q\"},{\"from\":\"gpt\",\"value\":42}]}";
        Built a = array(new byte[0], "\n", List.of(good("a"), bad));
        Path fa = file("c.json", a.bytes());
        long off = indexOf(a.bytes(), "42", 0);
        assertThat(((ReadItem.Bad) readAll(fa).get(1)).problem().toLine())
                .isEqualTo(fa + ": record 1 (byte " + off + "): field 'conversations[1].value': expected a string, got a number");
        Built l = jsonl(new byte[0], "\n", List.of(good("a"), bad));
        Path fl = file("c.jsonl", l.bytes());
        long offl = indexOf(l.bytes(), "42", 0);
        assertThat(((ReadItem.Bad) readAll(fl).get(1)).problem().toLine())
                .isEqualTo(fl + ": line 2 (byte " + offl + "): field 'conversations[1].value': expected a string, got a number");
    }

    @Test
    void severalBadRecordsInARow() throws IOException {
        List<String> recs = List.of(good("0"), "{\"conversations\":[]}", "7", "{\"id\":\"x\"}", good("4"));
        List<ReadItem> items = readAll(file("many.json", array(new byte[0], "\n", recs).bytes()));
        assertThat(items).extracting(i -> i.getClass().getSimpleName()).containsExactly("Ok", "Bad", "Bad", "Bad", "Ok");
        assertThat(items).extracting(ReadItem::index).containsExactly(0L, 1L, 2L, 3L, 4L);
        // the first problem of a record is the one reported
        assertThat(((ReadItem.Bad) items.get(1)).problem().field()).isEqualTo("id");
    }

    @Test
    void malformedJsonlLineIsBadAndTheOthersAreRead() throws IOException {
        String broken = "{\"id\":\"b\",\"conversations\":[{\"from\":\"human\" \"value\":\"Q\"}]}";
        Built b = jsonl(new byte[0], "\n", List.of(good("a"), broken, "{\"id\":\"c\",", good("d"),
                good("e") + " {}", good("f") + " trailing"));
        Path f = file("m.jsonl", b.bytes());
        List<ReadItem> items = readAll(f);
        assertThat(items).extracting(i -> i.getClass().getSimpleName())
                .containsExactly("Ok", "Bad", "Bad", "Ok", "Bad", "Bad");
        assertThat(items).extracting(ReadItem::index).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        for (int i : new int[] {1, 2, 4, 5}) {
            ReadItem.Bad bad = (ReadItem.Bad) items.get(i);
            assertThat(bad.fatal()).isFalse();
            assertThat(bad.problem().record()).isEqualTo(i + 1);
            assertThat(bad.problem().toLine()).startsWith(f + ": line " + (i + 1) + " (byte ");
            long start = b.offsets().get(i);
            long end = i + 1 < b.offsets().size() ? b.offsets().get(i + 1) : b.bytes().length;
            assertThat(bad.problem().byteOffset()).isBetween(start, end - 1);
        }
        // the syntax error is located at the unexpected '"' of "value"
        long errorAt = indexOf(b.bytes(), "\"value\":\"Q\"}]}", b.offsets().get(1));
        assertThat(((ReadItem.Bad) items.get(1)).problem().byteOffset()).isBetween(errorAt, errorAt + 1);
        assertThat(((ReadItem.Bad) items.get(1)).problem().message()).startsWith("malformed JSON");
        assertThat(((ReadItem.Bad) items.get(4)).problem().message()).contains("trailing");
        assertThat(((ReadItem.Ok) items.get(3)).record().id()).isEqualTo("d");
    }

    @Test
    void malformedJsonInsideAnArrayIsFatalAtTheErrorOffset() throws IOException {
        String broken = "{\"id\":\"b\",\"conversations\":[{\"from\":\"human\" \"value\":\"Q\"}]}";
        Built b = array(new byte[0], "\n", List.of(good("a"), good("b"), broken, good("d")));
        Path f = file("m.json", b.bytes());
        List<ReadItem> items = readAll(f);
        assertThat(items).hasSize(3);
        assertThat(records(items.subList(0, 2))).extracting(LlavaRecord::id).containsExactly("a", "b");
        ReadItem.Bad bad = (ReadItem.Bad) items.get(2);
        assertThat(bad.fatal()).isTrue();
        assertThat(bad.index()).isEqualTo(2);
        long errorAt = indexOf(b.bytes(), "\"value\":\"Q\"}]}", b.offsets().get(2));
        assertThat(bad.problem().byteOffset()).isEqualTo(errorAt);
        assertThat(bad.problem().toLine())
                .startsWith(f + ": record 2 (byte " + errorAt + "): malformed JSON")
                .doesNotContain("\n");
    }

    @Test
    void malformedJsonBetweenRecordsNamesTheNextRecord() throws IOException {
        byte[] bytes = ("[" + good("a") + ",\n  oops, " + good("c") + "]").getBytes(UTF_8);
        List<ReadItem> items = readAll(file("between.json", bytes));
        assertThat(items).hasSize(2);
        ReadItem.Bad bad = (ReadItem.Bad) items.get(1);
        assertThat(bad.fatal()).isTrue();
        assertThat(bad.index()).isEqualTo(1);
        assertThat(bad.problem().record()).isEqualTo(1);
        assertThat(bad.problem().byteOffset()).isEqualTo(indexOf(bytes, "oops", 0));

        byte[] missingComma = ("[" + good("a") + " " + good("b") + "]").getBytes(UTF_8);
        items = readAll(file("nocomma.json", missingComma));
        assertThat(items).hasSize(2);
        assertThat(((ReadItem.Bad) items.get(1)).problem().record()).isEqualTo(1);
        assertThat(((ReadItem.Bad) items.get(1)).problem().byteOffset())
                .isEqualTo(indexOf(missingComma, "{\"id\":\"b\"", 0));
    }

    @Test
    void truncatedArrayEndsWithAFatalProblem() throws IOException {
        String full = "[" + good("a") + ",\n" + good("b") + ",\n" + good("c") + "]\n";
        byte[] all = full.getBytes(UTF_8);
        long startOfC = indexOf(all, "{\"id\":\"c\"", 0);
        // cut inside record c, right after record b's comma, and just before the closing bracket
        for (long cut : new long[] {startOfC + 20, startOfC - 1, all.length - 2}) {
            byte[] bytes = java.util.Arrays.copyOf(all, (int) cut);
            List<ReadItem> items = readAll(file("t.json", bytes));
            String name = "cut at " + cut;
            int oks = cut == all.length - 2 ? 3 : 2;
            assertThat(items).as(name).hasSize(oks + 1);
            assertThat(records(items.subList(0, oks))).as(name).extracting(LlavaRecord::id)
                    .containsExactlyElementsOf(List.of("a", "b", "c").subList(0, oks));
            ReadItem.Bad bad = (ReadItem.Bad) items.get(oks);
            assertThat(bad.fatal()).as(name).isTrue();
            assertThat(bad.problem().message()).as(name).containsAnyOf("end", "EOF", "end-of-input");
            assertThat(bad.problem().byteOffset()).as(name).isBetween(0L, cut);
            assertThat(bad.problem().toLine()).as(name).doesNotContain("\n");
        }
        // cut inside record c: the problem names record 2
        List<ReadItem> items = readAll(file("t2.json", java.util.Arrays.copyOf(all, (int) startOfC + 20)));
        assertThat(((ReadItem.Bad) items.get(2)).problem().record()).isEqualTo(2);
    }

    @Test
    void truncatedJsonlLastLineIsBadOnly() throws IOException {
        byte[] bytes = (good("a") + "\n" + good("b").substring(0, 30)).getBytes(UTF_8);
        List<ReadItem> items = readAll(file("t.jsonl", bytes));
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isInstanceOf(ReadItem.Ok.class);
        assertThat(((ReadItem.Bad) items.get(1)).fatal()).isFalse();
        assertThat(((ReadItem.Bad) items.get(1)).problem().record()).isEqualTo(2);
    }

    @Test
    void trailingGarbageAfterTheArrayIsReported() throws IOException {
        byte[] bytes = ("[" + good("a") + "]\n garbage").getBytes(UTF_8);
        List<ReadItem> items = readAll(file("tail.json", bytes));
        assertThat(items).hasSize(2);
        assertThat(items.get(0)).isInstanceOf(ReadItem.Ok.class);
        ReadItem.Bad bad = (ReadItem.Bad) items.get(1);
        assertThat(bad.fatal()).isTrue();
        long at = indexOf(bytes, "garbage", 0);
        assertThat(bad.problem().byteOffset()).isEqualTo(at);
        assertThat(bad.problem().toLine()).startsWith(dir.resolve("tail.json") + " (byte " + at + "): ")
                .contains("after the end of the array").doesNotContain("\n");
        // a second array glued to the first (concatenated dumps) is not dropped silently either
        byte[] two = ("[" + good("a") + "]\n[" + good("b") + "]\n").getBytes(UTF_8);
        items = readAll(file("two.json", two));
        assertThat(items).hasSize(2);
        assertThat(((ReadItem.Bad) items.get(1)).fatal()).isTrue();
        assertThat(((ReadItem.Bad) items.get(1)).problem().byteOffset()).isEqualTo(indexOf(two, "\n[", 0) + 1);
        // whitespace after the array is fine
        assertThat(readAll(file("ws.json", ("[" + good("a") + "]\r\n\n  ").getBytes(UTF_8)))).hasSize(1);
    }

    // ------------------------------------------------------------------ encodings and line ends

    static final List<String> UNICODE = List.of(
            rec("zh", "<image>\\n图片里的汽车是什么颜色？", "汽车是红色的。"),
            rec("emoji", "<image>\\nWhat is this? \uD83D\uDE00", "A smiling face \uD83D\uDE00\uD83D\uDC4D."),
            rec("accents", "<image>\\nQu'est-ce que c'est ? Ça coûte très cher, naïve Zoë", "Un café crème à Málaga."),
            rec("escaped", "<image>\\n\\u7ea2\\u8272 \\ud83d\\ude00", "\\u00e9t\\u00e9"),
            good("plain"));

    static final List<LlavaRecord> UNICODE_RECORDS = List.of(
            new LlavaRecord("zh", "coco/zh.jpg", List.of(Message.human("<image>\n图片里的汽车是什么颜色？"), Message.gpt("汽车是红色的。"))),
            new LlavaRecord("emoji", "coco/emoji.jpg", List.of(Message.human("<image>\nWhat is this? \uD83D\uDE00"),
                    Message.gpt("A smiling face \uD83D\uDE00\uD83D\uDC4D."))),
            new LlavaRecord("accents", "coco/accents.jpg", List.of(
                    Message.human("<image>\nQu'est-ce que c'est ? Ça coûte très cher, naïve Zoë"),
                    Message.gpt("Un café crème à Málaga."))),
            new LlavaRecord("escaped", "coco/escaped.jpg", List.of(Message.human("<image>\n红色 \uD83D\uDE00"), Message.gpt("été"))),
            new LlavaRecord("plain", "coco/plain.jpg", List.of(Message.human("<image>\nWhat is it?"), Message.gpt("A cat."))));

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("array", false, new byte[0], "\n"),
                Arguments.of("array BOM", false, BOM, "\n"),
                Arguments.of("array CRLF", false, new byte[0], "\r\n"),
                Arguments.of("array BOM CRLF", false, BOM, "\r\n"),
                Arguments.of("jsonl", true, new byte[0], "\n"),
                Arguments.of("jsonl BOM", true, BOM, "\n"),
                Arguments.of("jsonl CRLF", true, new byte[0], "\r\n"),
                Arguments.of("jsonl BOM CRLF", true, BOM, "\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void nonAsciiTextRoundTripsWithByteOffsets(String name, boolean lines, byte[] prefix, String nl) throws IOException {
        Built b = lines ? jsonl(prefix, nl, UNICODE) : array(prefix, nl, UNICODE);
        Path f = file(lines ? "u.jsonl" : "u.json", b.bytes());
        List<ReadItem> items = readAll(f);
        assertThat(items).allMatch(i -> i instanceof ReadItem.Ok);
        assertThat(records(items)).containsExactlyElementsOf(UNICODE_RECORDS);
        for (int i = 0; i < items.size(); i++) {
            long off = ((ReadItem.Ok) items.get(i)).byteOffset();
            assertThat(off).as("record %d", i).isEqualTo(b.offsets().get(i));
            assertThat(b.bytes()[(int) off]).isEqualTo((byte) '{');
            assertThat(items.get(i).index()).isEqualTo(lines ? i + 1 : i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void problemOffsetsAfterBomAndNonAsciiAreByteOffsets(String name, boolean lines, byte[] prefix, String nl)
            throws IOException {
        String bad = "{\"id\":\"x\",\"conversations\":[{\"from\":\"human\",\"value\":\"<image>\\n几个？\"},{\"from\":\"gpt\",\"value\":3}]}";
        List<String> recs = new ArrayList<>(UNICODE);
        recs.add(bad);
        recs.add(good("last"));
        Built b = lines ? jsonl(prefix, nl, recs) : array(prefix, nl, recs);
        List<ReadItem> items = readAll(file(lines ? "p.jsonl" : "p.json", b.bytes()));
        assertThat(items).hasSize(recs.size());
        ReadItem.Bad p = (ReadItem.Bad) items.get(UNICODE.size());
        assertThat(p.problem().byteOffset()).isEqualTo(indexOf(b.bytes(), "3}]}", b.offsets().get(UNICODE.size())));
        assertThat(p.problem().field()).isEqualTo("conversations[1].value");
        assertThat(((ReadItem.Ok) items.get(recs.size() - 1)).byteOffset()).isEqualTo(b.offsets().get(recs.size() - 1));
    }

    @Test
    void fatalErrorOffsetAfterABomIsAFileOffset() throws IOException {
        String broken = "{\"id\":\"b\",\"conversations\":[{\"from\":\"human\" \"value\":\"Q\"}]}";
        Built b = array(BOM, "\n", List.of(good("a"), broken));
        List<ReadItem> items = readAll(file("bomfatal.json", b.bytes()));
        assertThat(items).hasSize(2);
        assertThat(((ReadItem.Bad) items.get(1)).problem().byteOffset())
                .isEqualTo(indexOf(b.bytes(), "\"value\":\"Q\"", b.offsets().get(1)));
    }

    @Test
    void manyRecordsStreamWithExactOffsets() throws IOException {
        List<String> recs = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            recs.add(rec("r" + i, "<image>\\nHow many dogs are there? 第" + i + "个" + VQA.replace("\n", "\\n"), String.valueOf(i % 7)));
        }
        Built b = array(new byte[0], "\n", recs);
        assertThat(b.bytes().length).isGreaterThan(1 << 18); // several parser buffers
        List<ReadItem> items = readAll(file("big.json", b.bytes()));
        assertThat(items).hasSize(3000);
        for (int i = 0; i < items.size(); i += 97) {
            ReadItem.Ok ok = (ReadItem.Ok) items.get(i);
            assertThat(ok.byteOffset()).isEqualTo(b.offsets().get(i));
            assertThat(ok.record().id()).isEqualTo("r" + i);
            assertThat(ok.record().conversations().get(1).value()).isEqualTo(String.valueOf(i % 7));
        }
    }
}
