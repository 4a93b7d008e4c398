package org.vapr.core.io;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.record.EditInfo;
import org.vapr.core.record.LlavaRecord;
import org.vapr.core.record.Message;
import org.vapr.core.record.PreferencePair;
import org.vapr.core.record.Span;

class JsonlWriterTest {
    @TempDir
    Path dir;

    static PreferencePair pair(String id, String image) {
        return new PreferencePair(id, "000000033471", 2, image, "color", "What color is the bus?",
                "The bus is red.", "The bus is blue.",
                new EditInfo("rules", "color-swap-v1", List.of(new Span(11, 15)), 1, 0, 1));
    }

    static final String PAIR_LINE = "{\"id\":\"p1\",\"source_id\":\"000000033471\",\"turn\":2,"
            + "\"image\":\"coco/train2017/000000033471.jpg\",\"category\":\"color\",\"prompt\":\"What color is the bus?\","
            + "\"chosen\":\"The bus is red.\",\"rejected\":\"The bus is blue.\","
            + "\"edit\":{\"editor\":\"rules\",\"model\":\"color-swap-v1\",\"spans\":[{\"from\":11,\"to\":15}],"
            + "\"word_edit_distance\":1,\"token_length_delta\":0,\"attempts\":1}}\n";

    private Path writeAll(String name, Object... values) throws IOException {
        Path target = dir.resolve(name);
        try (JsonlWriter w = JsonlWriter.open(target)) {
            for (Object v : values) {
                w.write(v);
            }
            assertThat(w.count()).isEqualTo(values.length);
        }
        return target;
    }

    @Test
    void preferencePairIsWrittenWithSnakeCaseNamesInDeclarationOrder() throws IOException {
        Path f = writeAll("pairs.jsonl", pair("p1", "coco/train2017/000000033471.jpg"));
        assertThat(Files.readString(f)).isEqualTo(PAIR_LINE);
    }

    @Test
    void nullsAreOmitted() throws IOException {
        Path f = writeAll("pairs.jsonl", pair("p1", null), new EditInfo("openai", null, List.of(), 2, -1, 3));
        List<String> lines = Files.readAllLines(f);
        assertThat(lines.get(0)).doesNotContain("image").doesNotContain("null")
                .startsWith("{\"id\":\"p1\",\"source_id\":\"000000033471\",\"turn\":2,\"category\":\"color\",");
        assertThat(lines.get(1)).isEqualTo(
                "{\"editor\":\"openai\",\"spans\":[],\"word_edit_distance\":2,\"token_length_delta\":-1,\"attempts\":3}");
    }

    @Test
    void llavaRecordsWriteInTheCorpusShape() throws IOException {
        LlavaRecord r = new LlavaRecord("42", "coco/x.jpg",
                List.of(Message.human("<image>\nWhat is it?"), Message.gpt("A cat.")));
        Path f = writeAll("c.jsonl", r, new LlavaRecord("t", null, List.of(Message.human("hi"), Message.gpt("yo"))));
        assertThat(Files.readString(f)).isEqualTo(
                "{\"id\":\"42\",\"image\":\"coco/x.jpg\",\"conversations\":[{\"from\":\"human\",\"value\":\"<image>\\nWhat is it?\"},"
                        + "{\"from\":\"gpt\",\"value\":\"A cat.\"}]}\n"
                        + "{\"id\":\"t\",\"conversations\":[{\"from\":\"human\",\"value\":\"hi\"},{\"from\":\"gpt\",\"value\":\"yo\"}]}\n");
    }

    @Test
    void everyLineEndsWithLfAndNonAsciiIsRawUtf8() throws IOException {
        Path f = writeAll("x.jsonl", Map.of("t", "红色 café"), Map.of("t", "line\nbreak"), Map.of("t", "\uD83D\uDE00!"));
        byte[] bytes = Files.readAllBytes(f);
        String s = new String(bytes, UTF_8);
        assertThat(s).startsWith("{\"t\":\"红色 café\"}\n{\"t\":\"line\\nbreak\"}\n").endsWith("\n").doesNotContain("\r");
        // Jackson writes characters outside the BMP as a \\u escape pair by default; either way it reads back
        List<String> lines = Files.readAllLines(f, UTF_8);
        assertThat(lines).hasSize(3);
        assertThat(Json.mapper().readTree(lines.get(2)).get("t").asText()).isEqualTo("\uD83D\uDE00!");
    }

    @Test
    void mapKeysAreSortedSoBytesAreDeterministic() throws IOException {
        Map<String, Object> a = new HashMap<>();
        Map<String, Object> b = new LinkedHashMap<>();
        for (String k : List.of("zeta", "alpha", "mid", "beta", "omega", "k1", "k10", "k2")) {
            a.put(k, k.length());
        }
        for (String k : List.of("k2", "k10", "k1", "omega", "beta", "mid", "alpha", "zeta")) {
            b.put(k, k.length());
        }
        Path fa = writeAll("a.jsonl", a, pair("p1", "coco/train2017/000000033471.jpg"));
        Path fb = writeAll("b.jsonl", b, pair("p1", "coco/train2017/000000033471.jpg"));
        assertThat(Files.readAllBytes(fa)).isEqualTo(Files.readAllBytes(fb));
        assertThat(Files.readAllLines(fa).get(0))
                .isEqualTo("{\"alpha\":5,\"beta\":4,\"k1\":2,\"k10\":3,\"k2\":2,\"mid\":3,\"omega\":5,\"zeta\":4}");
    }

    @Test
    void targetAppearsOnlyOnCloseAndNoTemporaryFileRemains() throws IOException {
        Path target = dir.resolve("out/pairs.jsonl");
        JsonlWriter w = JsonlWriter.open(target);
        w.write(pair("p1", "a.jpg"));
        w.write(pair("p2", "b.jpg"));
        assertThat(target).doesNotExist();
        w.close();
        assertThat(target).exists();
        assertThat(Files.readAllLines(target)).hasSize(2);
        try (var s = Files.list(target.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("pairs.jsonl");
        }
        w.close(); // idempotent
        assertThat(Files.readAllLines(target)).hasSize(2);
    }

    @Test
    void existingTargetIsKeptUntilClose() throws IOException {
        Path target = dir.resolve("pairs.jsonl");
        Files.writeString(target, "old\n");
        try (JsonlWriter w = JsonlWriter.open(target)) {
            w.write(Map.of("n", 1));
            assertThat(Files.readString(target)).isEqualTo("old\n");
        }
        assertThat(Files.readString(target)).isEqualTo("{\"n\":1}\n");
        try (var s = Files.list(dir)) {
            assertThat(s.count()).isEqualTo(1);
        }
    }

    @Test
    void emptyWriterWritesAnEmptyFile() throws IOException {
        Path f = writeAll("empty.jsonl");
        assertThat(Files.size(f)).isZero();
    }

    @Test
    void writeAfterCloseFails() throws IOException {
        JsonlWriter w = JsonlWriter.open(dir.resolve("c.jsonl"));
        w.close();
        assertThatThrownBy(() -> w.write(Map.of("a", 1))).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void pairsRoundTripThroughTheSharedMapper() throws IOException {
        PreferencePair p = pair("p1", "coco/train2017/000000033471.jpg");
        Path f = writeAll("rt.jsonl", p);
        PreferencePair back = Json.mapper().readValue(Files.readAllLines(f).get(0), PreferencePair.class);
        assertThat(back).isEqualTo(p);
        LlavaRecord r = new LlavaRecord("1", null, List.of(Message.human("q"), Message.gpt("a")));
        assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(r), LlavaRecord.class)).isEqualTo(r);
    }
}
