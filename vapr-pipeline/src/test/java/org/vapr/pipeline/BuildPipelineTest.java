package org.vapr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.AnswerVerifier;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.core.Verdict;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.RunManifest;
import org.vapr.core.record.PreferencePair;
import org.vapr.core.record.Span;

class BuildPipelineTest {
    @TempDir
    Path dir;

    private BuildPipeline.Builder base(Path input, Path out) {
        return BuildPipeline.builder().setInput(input).setOut(out).optSize(120).optSeed(7)
                .optClock(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC));
    }

    private static List<PreferencePair> pairs(Path out) throws Exception {
        List<PreferencePair> list = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("pairs.jsonl"))) {
            list.add(Json.mapper().readValue(l, PreferencePair.class));
        }
        return list;
    }

    private static byte[] bytes(Path p) throws Exception {
        return Files.readAllBytes(p);
    }

    private static JsonNode manifestWithoutTiming(Path out) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.mapper().readTree(out.resolve("manifest.json").toFile());
        RunManifest.TIMING_KEYS.forEach(m::remove);
        return m;
    }

    @Test
    void fullRunWritesPairsExportsAndManifest() throws Exception {
        List<Map<String, Object>> recs = CorpusFixture.records(60);
        Path corpus = CorpusFixture.writeJson(dir.resolve("llava.json"), recs);
        Path images = CorpusFixture.images(dir.resolve("images"), recs, null);
        Path out = dir.resolve("out");
        AtomicLong progress = new AtomicLong(-1);
        BuildReport r = base(corpus, out).optImages(images).optProgress(progress::set).optCommandLine("vapr build x").build().run();

        assertThat(r.recordsRead()).isEqualTo(recs.size());
        assertThat(progress.get()).isEqualTo(recs.size());
        assertThat(r.badRecords()).isZero();
        assertThat(r.droppedByReason()).containsEntry("text_only", 6L).containsEntry("ocr", 6L)
                .containsEntry("multiple_choice", 6L).containsEntry("bbox", 6L);
        assertThat(r.candidatesByCategory()).hasSize(10);
        assertThat(r.candidatesByCategory().values()).allMatch(v -> v == 60L);
        assertThat(r.sampled()).isEqualTo(120);
        assertThat(r.pairs()).isGreaterThan(110).isLessThanOrEqualTo(120);
        assertThat(r.targetByCategory().get("counting")).isEqualTo(20L);
        assertThat(r.meanWordLevenshtein()).isBetween(1.0, 6.0);
        assertThat(Double.isNaN(r.oracleVerifiedShare())).isFalse();
        assertThat(r.oracleVerifiedShare()).isZero();
        assertThat(r.oracleUnknown()).isEqualTo(r.pairs());

        List<PreferencePair> ps = pairs(out);
        assertThat(ps).hasSize((int) r.pairs());
        for (PreferencePair p : ps) {
            assertThat(p.rejected()).isNotEqualTo(p.chosen());
            assertThat(p.id()).isEqualTo(p.sourceId() + "#" + p.turn());
            assertThat(p.prompt()).doesNotContain("<image>").doesNotContain("Answer the question using");
            assertThat(p.edit().editor()).isEqualTo("rules");
            assertThat(p.edit().spans()).isNotEmpty();
            for (Span s : p.edit().spans()) {
                assertThat(s.to()).isLessThanOrEqualTo(p.rejected().length());
            }
            assertThat(p.chosen().split(" ").length).as(p.chosen()).isGreaterThan(1);
        }
        assertThat(ps.stream().filter(p -> p.category().equals("existence")).findFirst().orElseThrow().chosen())
                .matches("(Yes, there is an? |No, there is no )\\w+ \\w+ in the image\\.");
        String pairsLine = Files.readAllLines(out.resolve("pairs.jsonl")).get(0);
        assertThat(pairsLine).startsWith("{\"id\":").contains("\"source_id\":").contains("\"word_edit_distance\":")
                .contains("\"token_length_delta\":");

        // exports
        List<String> trl = Files.readAllLines(out.resolve("trl/train.jsonl"));
        assertThat(trl).hasSize(ps.size());
        for (String line : trl) {
            JsonNode n = Json.mapper().readTree(line);
            int imageParts = 0;
            for (JsonNode msg : n.get("prompt")) {
                for (JsonNode part : msg.get("content")) {
                    imageParts += part.get("type").asText().equals("image") ? 1 : 0;
                }
            }
            assertThat(imageParts).isEqualTo(n.get("images").size()).isEqualTo(1);
            assertThat(n.get("chosen").get(0).get("role").asText()).isEqualTo("assistant");
            assertThat(Path.of(n.get("images").get(0).asText())).isAbsolute().exists();
        }
        JsonNode lf = Json.mapper().readTree(out.resolve("llamafactory/vapr.json").toFile());
        assertThat(lf.size()).isEqualTo(ps.size());
        for (JsonNode n : lf) {
            String human = n.get("conversations").get(0).get("value").asText();
            assertThat(human.split("<image>", -1).length - 1).isEqualTo(n.get("images").size());
            assertThat(n.get("chosen").get("from").asText()).isEqualTo("gpt");
        }
        JsonNode info = Json.mapper().readTree(out.resolve("llamafactory/dataset_info.json").toFile()).get("vapr");
        assertThat(info.get("formatting").asText()).isEqualTo("sharegpt");
        assertThat(info.get("ranking").asBoolean()).isTrue();
        assertThat(info.get("columns").get("messages").asText()).isEqualTo("conversations");
        JsonNode next = Json.mapper().readTree(out.resolve("llava-next/vapr.json").toFile());
        assertThat(next.get(0).get("prompt").asText()).startsWith("<image>\n");
        assertThat(next.get(0).get("id").asText()).isEqualTo(ps.get(0).id());

        JsonNode m = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.get("command").asText()).isEqualTo("build");
        assertThat(m.get("inputs").get("input").get("sha256").asText()).hasSize(64);
        assertThat(m.get("hashes").get("rules").asText()).hasSize(64);
        assertThat(m.get("seeds").get("seed").asLong()).isEqualTo(7);
        assertThat(m.get("counts").get("dropped_by_reason").get("ocr").asLong()).isEqualTo(6);
        assertThat(m.get("counts").get("target_by_category").get("counting").asLong()).isEqualTo(20);
        assertThat(m.get("statistics").get("mean_word_levenshtein").asDouble()).isEqualTo(r.meanWordLevenshtein(),
                org.assertj.core.data.Offset.offset(1e-3));
        assertThat(m.get("options").get("command_line").asText()).isEqualTo("vapr build x");
        assertThat(r.outputs()).contains(out.resolve("pairs.jsonl"), out.resolve("manifest.json"));
    }

    @Test
    void sameInputAndSeedGiveIdenticalBytes() throws Exception {
        List<Map<String, Object>> recs = CorpusFixture.records(40);
        Path corpus = CorpusFixture.writeJson(dir.resolve("llava.json"), recs);
        Path out = dir.resolve("out");
        base(corpus, out).optClock(Clock.systemUTC()).build().run();
        byte[] pairs1 = bytes(out.resolve("pairs.jsonl"));
        byte[] trl1 = bytes(out.resolve("trl/train.jsonl"));
        byte[] lf1 = bytes(out.resolve("llamafactory/vapr.json"));
        byte[] next1 = bytes(out.resolve("llava-next/vapr.json"));
        JsonNode m1 = manifestWithoutTiming(out);
        Thread.sleep(5);
        base(corpus, out).optClock(Clock.systemUTC()).build().run();
        assertThat(bytes(out.resolve("pairs.jsonl"))).isEqualTo(pairs1);
        assertThat(bytes(out.resolve("trl/train.jsonl"))).isEqualTo(trl1);
        assertThat(bytes(out.resolve("llamafactory/vapr.json"))).isEqualTo(lf1);
        assertThat(bytes(out.resolve("llava-next/vapr.json"))).isEqualTo(next1);
        assertThat(manifestWithoutTiming(out)).isEqualTo(m1);

        Path out2 = dir.resolve("out2");
        base(corpus, out2).optSeed(8).build().run();
        assertThat(bytes(out2.resolve("pairs.jsonl"))).isNotEqualTo(pairs1);
    }

    @Test
    void jsonlWithBadRecordKeepsTheOthers() throws Exception {
        List<String> lines = CorpusFixture.jsonLines(CorpusFixture.records(20));
        lines.add(5, "{\"id\": \"broken\", \"conversations\": [");
        lines.add(9, "{\"id\": \"nofrom\", \"image\": \"a.png\", \"conversations\": [{\"value\": \"hi\"}]}");
        Path corpus = CorpusFixture.writeJsonl(dir.resolve("llava.jsonl"), lines);
        Path out = dir.resolve("out");
        BuildReport r = base(corpus, out).optSize(50).build().run();
        assertThat(r.recordsRead()).isEqualTo(lines.size());
        assertThat(r.badRecords()).isEqualTo(2);
        assertThat(r.droppedByReason()).containsEntry("bad_record", 2L);
        assertThat(r.candidatesByCategory().get("color")).isEqualTo(20L);
        assertThat(r.warnings()).anyMatch(w -> w.contains("llava.jsonl: line 6") && w.contains("malformed JSON"));
        assertThat(r.warnings()).anyMatch(w -> w.contains("line 10") && w.contains("conversations[0].from"));
        assertThat(r.pairs()).isGreaterThan(40);

        assertThatThrownBy(() -> base(corpus, dir.resolve("strict")).optStrict(true).build().run())
                .isInstanceOf(InputException.class).hasMessageContaining("llava.jsonl: line 6");
    }

    @Test
    void missingImageIsCountedOrFatalInStrictMode() throws Exception {
        List<Map<String, Object>> recs = CorpusFixture.records(20);
        Path corpus = CorpusFixture.writeJson(dir.resolve("llava.json"), recs);
        Path images = CorpusFixture.images(dir.resolve("images"), recs, "synth/3.png");
        BuildReport r = base(corpus, dir.resolve("out")).optSize(200).optImages(images).build().run();
        assertThat(r.droppedByReason()).containsEntry("missing_image", 10L);
        assertThat(pairs(dir.resolve("out"))).noneMatch(p -> p.image().equals("synth/3.png"));
        assertThatThrownBy(() -> base(corpus, dir.resolve("strict")).optSize(200).optImages(images).optStrict(true).build().run())
                .isInstanceOf(InputException.class).hasMessageContaining("llava.json: record ")
                .hasMessageContaining("field 'image'").hasMessageContaining("synth/3.png");
    }

    @Test
    void bomCrlfAndNonAsciiInputGiveTheSamePairs() throws Exception {
        List<Map<String, Object>> recs = new ArrayList<>(CorpusFixture.records(20));
        recs.add(3, CorpusFixture.record("ü1", "synth/ü 1.png", "<image>\nWhat color is the café sign?",
                "Red", "Où est le chat ? Describe the image in detail.", "Un chat rouge est à gauche d'un chien. A red cat 🐱 sits next to a blue dog."));
        Path plain = CorpusFixture.writeJson(dir.resolve("plain.json"), recs);
        String text = Files.readString(plain, StandardCharsets.UTF_8).replace("\n", "\r\n");
        Path bom = dir.resolve("bom.json");
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[body.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, withBom, 3, body.length);
        Files.write(bom, withBom);
        base(plain, dir.resolve("a")).optSize(300).build().run();
        BuildReport r = base(bom, dir.resolve("b")).optSize(300).build().run();
        assertThat(r.badRecords()).isZero();
        assertThat(bytes(dir.resolve("b/pairs.jsonl"))).isEqualTo(bytes(dir.resolve("a/pairs.jsonl")));
        List<PreferencePair> ps = pairs(dir.resolve("b"));
        assertThat(ps).anySatisfy(p -> {
            assertThat(p.sourceId()).isEqualTo("ü1");
            assertThat(p.prompt()).isEqualTo("What color is the café sign?");
            assertThat(p.chosen()).isEqualTo("The café sign is red.");
        });
        // JSONL with BOM and CRLF too
        String jsonl = "\uFEFF" + String.join("\r\n", CorpusFixture.jsonLines(recs)) + "\r\n";
        Path jl = dir.resolve("c.jsonl");
        Files.writeString(jl, jsonl, StandardCharsets.UTF_8);
        BuildReport rj = base(jl, dir.resolve("c")).optSize(300).build().run();
        assertThat(rj.badRecords()).isZero();
        assertThat(bytes(dir.resolve("c/pairs.jsonl"))).isEqualTo(bytes(dir.resolve("a/pairs.jsonl")));
    }

    @Test
    void stagesRunSeparatelyGiveTheSameResult() throws Exception {
        List<Map<String, Object>> recs = CorpusFixture.records(30);
        Path corpus = CorpusFixture.writeJson(dir.resolve("llava.json"), recs);
        Path full = dir.resolve("full");
        base(corpus, full).optWriteDropped(true).build().run();

        Path f = dir.resolve("f");
        BuildReport rf = base(corpus, f).optStages(Stage.parsePrefix("filter")).build().run();
        assertThat(f.resolve("turns.jsonl")).exists();
        assertThat(f.resolve("dropped.jsonl")).exists();
        assertThat(f.resolve("candidates.jsonl")).doesNotExist();
        assertThat(rf.kept()).isEqualTo(300);
        JsonNode turn = Json.mapper().readTree(Files.readAllLines(f.resolve("turns.jsonl")).get(0));
        assertThat(turn.fieldNames()).toIterable().containsExactly("source_id", "turn", "image", "prompt", "answer");
        JsonNode drop = Json.mapper().readTree(Files.readAllLines(f.resolve("dropped.jsonl")).get(0));
        assertThat(drop.get("reason").asText()).isIn("text_only", "ocr", "multiple_choice", "bbox");

        Path c = dir.resolve("c");
        base(f.resolve("turns.jsonl"), c).optOnly(Stage.CATEGORIZE).build().run();
        Path c2 = dir.resolve("c2");
        base(corpus, c2).optStages(Stage.parsePrefix("filter,categorize")).build().run();
        assertThat(bytes(c.resolve("candidates.jsonl"))).isEqualTo(bytes(c2.resolve("candidates.jsonl")));

        Path s = dir.resolve("s");
        base(c.resolve("candidates.jsonl"), s).optOnly(Stage.SAMPLE).build().run();
        Path s2 = dir.resolve("s2");
        base(corpus, s2).optStages(Stage.parsePrefix("filter,categorize,sample")).build().run();
        assertThat(bytes(s.resolve("sampled.jsonl"))).isEqualTo(bytes(s2.resolve("sampled.jsonl")));
        assertThat(Files.readAllLines(s.resolve("sampled.jsonl"))).hasSize(120);
        assertThat(Files.readAllLines(s.resolve("sampled.jsonl")).get(0)).startsWith("{\"order\":0,");

        Path e = dir.resolve("e");
        BuildReport re = base(s.resolve("sampled.jsonl"), e).optOnly(Stage.EDIT).build().run();
        assertThat(bytes(e.resolve("pairs.jsonl"))).isEqualTo(bytes(full.resolve("pairs.jsonl")));
        assertThat(bytes(e.resolve("trl/train.jsonl"))).isEqualTo(bytes(full.resolve("trl/train.jsonl")));
        assertThat(re.sampled()).isEqualTo(120);
        assertThat(Json.mapper().readTree(e.resolve("manifest.json").toFile()).get("command").asText()).isEqualTo("edit");

        // a bad line in a stage file is counted and named
        List<String> cand = new ArrayList<>(Files.readAllLines(c.resolve("candidates.jsonl")));
        cand.set(2, cand.get(2).replace("\"category\":\"", "\"category\":\"x"));
        Path badCand = CorpusFixture.writeJsonl(dir.resolve("bad.jsonl"), cand);
        BuildReport rb = base(badCand, dir.resolve("sb")).optOnly(Stage.SAMPLE).build().run();
        assertThat(rb.badRecords()).isEqualTo(1);
        assertThat(rb.warnings()).anyMatch(w -> w.contains("bad.jsonl: line 3") && w.contains("field 'category'"));
    }

    @Test
    void nestedSizesGiveNestedPairs() throws Exception {
        Path corpus = CorpusFixture.writeJson(dir.resolve("llava.json"), CorpusFixture.records(40));
        base(corpus, dir.resolve("small")).optSize(60).build().run();
        base(corpus, dir.resolve("large")).optSize(200).build().run();
        List<String> small = Files.readAllLines(dir.resolve("small/pairs.jsonl"));
        List<String> large = Files.readAllLines(dir.resolve("large/pairs.jsonl"));
        assertThat(large.subList(0, small.size())).isEqualTo(small);
    }

    @Test
    void verifierChecksChosenAndRejected() throws Exception {
        List<Map<String, Object>> recs = CorpusFixture.records(30);
        Path corpus = CorpusFixture.writeJson(dir.resolve("llava.json"), recs);
        // knows each image's true shape color (color questions) and says counting answers are always TRUE
        AnswerVerifier fake = (image, category, question, answer) -> {
            int i = Integer.parseInt(image.replaceAll("\\D", ""));
            if (category == Category.COLOR) {
                return answer.toLowerCase().contains(CorpusFixture.colorOf(i)) ? Verdict.TRUE : Verdict.FALSE;
            }
            if (category == Category.COUNTING) {
                return Verdict.TRUE;
            }
            return Verdict.UNKNOWN;
        };
        BuildReport r = base(corpus, dir.resolve("out")).optVerifier(fake).build().run();
        long counting = r.targetByCategory().get("counting");
        long color = r.pairsByCategory().getOrDefault("color", 0L);
        assertThat(r.oracleTrue()).isEqualTo(counting);
        assertThat(r.droppedByReason()).containsEntry("oracle_true", counting);
        assertThat(r.pairsByCategory()).doesNotContainKey("counting");
        assertThat(color).isEqualTo(r.targetByCategory().get("color"));
        assertThat(r.oracleFalse()).isEqualTo(color);
        assertThat(r.oracleFalse() + r.oracleUnknown()).isEqualTo(r.pairs());
        assertThat(r.oracleVerifiedShare()).isEqualTo((double) color / r.pairs());
        JsonNode oracle = Json.mapper().readTree(dir.resolve("out/manifest.json").toFile()).get("oracle");
        assertThat(oracle.get("rejected_true_dropped").asLong()).isEqualTo(counting);
        assertThat(oracle.get("verified_share").asDouble()).isEqualTo(r.oracleVerifiedShare(), org.assertj.core.data.Offset.offset(1e-4));
        List<PreferencePair> ps = pairs(dir.resolve("out"));
        assertThat(ps.stream().filter(p -> p.category().equals("color"))).allSatisfy(p -> assertThat(p.edit().attempts()).isEqualTo(1));
    }

    @Test
    void badOptionsAreInputErrors() throws Exception {
        Path corpus = CorpusFixture.writeJson(dir.resolve("llava.json"), CorpusFixture.records(2));
        assertThatThrownBy(() -> base(dir.resolve("nope.json"), dir.resolve("o")).build().run())
                .isInstanceOf(InputException.class).hasMessageContaining("nope.json").hasMessageContaining("no such file");
        assertThatThrownBy(() -> base(corpus, dir.resolve("o")).optEditor("gpt-7").build().run())
                .isInstanceOf(InputException.class).hasMessageContaining("option 'editor'");
        assertThatThrownBy(() -> base(corpus, dir.resolve("o")).optSize(0).build().run())
                .isInstanceOf(InputException.class).hasMessageContaining("option 'size'");
        assertThatThrownBy(() -> base(corpus, dir.resolve("o")).optRules(dir.resolve("r.yaml")).build().run())
                .isInstanceOf(InputException.class).hasMessageContaining("r.yaml");
        Path notCorpus = dir.resolve("x.json");
        Files.writeString(notCorpus, "hello");
        assertThatThrownBy(() -> base(notCorpus, dir.resolve("o")).build().run())
                .isInstanceOf(InputException.class).hasMessageContaining("x.json");
    }

    @Test
    void stagePrefixParsing() {
        assertThat(Stage.parsePrefix("filter, categorize")).containsExactly(Stage.FILTER, Stage.CATEGORIZE);
        assertThat(Stage.parsePrefix("filter,categorize,sample,edit")).hasSize(4);
        assertThatThrownBy(() -> Stage.parsePrefix("categorize,sample")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a prefix");
        assertThatThrownBy(() -> Stage.parsePrefix("filter,bake")).hasMessageContaining("unknown stage 'bake'");
        assertThatThrownBy(() -> Stage.parsePrefix(" ")).isInstanceOf(IllegalArgumentException.class);
    }
}
