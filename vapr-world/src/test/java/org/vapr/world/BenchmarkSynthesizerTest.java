package org.vapr.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.Category;
import org.vapr.core.Verdict;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.RunManifest;

class BenchmarkSynthesizerTest {
    @TempDir
    static Path tmp;
    static Path pope;
    static Path nb;
    static Path mc;

    @BeforeAll
    static void generate() throws IOException {
        pope = make(BenchmarkKind.POPE, 150, 5, "pope");
        nb = make(BenchmarkKind.NATURALBENCH, 100, 5, "nb");
        mc = make(BenchmarkKind.MC, 160, 5, "mc");
    }

    private static Path make(BenchmarkKind kind, int scenes, long seed, String name) throws IOException {
        Path dir = tmp.resolve(name);
        BenchmarkSynthesizer.builder().setOut(dir).setKind(kind).optScenes(scenes).optSeed(seed).optImageSize(32).build()
                .synthesize();
        return dir;
    }

    private static List<JsonNode> jsonl(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            out.add(Json.mapper().readTree(line));
        }
        return out;
    }

    private static Map<String, Scene> scenes(Path dir) throws IOException {
        Map<String, Scene> out = new HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("scenes.jsonl"), StandardCharsets.UTF_8)) {
            Scene s = Json.mapper().readValue(line, Scene.class);
            out.put(s.image(), s);
        }
        return out;
    }

    private static String cls(String popeText) {
        String t = popeText.substring("Is there ".length(), popeText.length() - " in the image?".length());
        return t.substring(t.indexOf(' ') + 1);
    }

    // ------------------------------------------------------------------ POPE

    @Test
    void popeSplitsAreBalancedShareThePositivesAndAgreeWithTheOracle() throws IOException {
        SceneOracle oracle = SceneOracle.load(pope.resolve("scenes.jsonl"));
        List<List<String>> positives = new ArrayList<>();
        for (String split : PopeSampler.SPLITS) {
            List<JsonNode> rows = jsonl(pope.resolve("pope_" + split + ".jsonl"));
            assertThat(rows).hasSizeGreaterThan(300);
            long yes = rows.stream().filter(r -> r.get("label").asText().equals("yes")).count();
            assertThat(yes * 2).as(split).isEqualTo(rows.size());
            List<String> pos = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                JsonNode r = rows.get(i);
                assertThat(r.get("question_id").asLong()).isEqualTo(i + 1);
                assertThat(r.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("question_id", "image", "text", "label");
                String text = r.get("text").asText();
                assertThat(text).matches("Is there an? [a-z]+ [a-z]+ in the image\\?");
                assertThat(Files.exists(pope.resolve(r.get("image").asText()))).isTrue();
                boolean label = r.get("label").asText().equals("yes");
                assertThat(oracle.verify(r.get("image").asText(), Category.EXISTENCE, text, "Yes"))
                        .as("%s %s", r.get("image"), text).isEqualTo(label ? Verdict.TRUE : Verdict.FALSE);
                if (label) {
                    pos.add(r.get("image").asText() + "|" + text);
                }
            }
            positives.add(pos);
        }
        assertThat(positives.get(1)).isEqualTo(positives.get(0));
        assertThat(positives.get(2)).isEqualTo(positives.get(0));
    }

    /** Negatives per image, per split. */
    private static Map<String, List<String>> negatives(String split) throws IOException {
        Map<String, List<String>> out = new TreeMap<>();
        for (JsonNode r : jsonl(pope.resolve("pope_" + split + ".jsonl"))) {
            if (r.get("label").asText().equals("no")) {
                out.computeIfAbsent(r.get("image").asText(), k -> new ArrayList<>()).add(cls(r.get("text").asText()));
            }
        }
        return out;
    }

    @Test
    void popularNegativesAreTheMostFrequentAbsentObjects() throws IOException {
        Map<String, Scene> scenes = scenes(pope);
        Map<String, Integer> freq = new HashMap<>();
        scenes.values().forEach(s -> PopeSampler.classes(s).forEach(c -> freq.merge(c, 1, Integer::sum)));
        double popularMean = 0;
        double randomMean = 0;
        int n = 0;
        Map<String, List<String>> random = negatives("random");
        for (Map.Entry<String, List<String>> e : negatives("popular").entrySet()) {
            Set<String> present = PopeSampler.classes(scenes.get(e.getKey()));
            int minChosen = e.getValue().stream().mapToInt(c -> freq.getOrDefault(c, 0)).min().orElseThrow();
            for (String c : PopeSampler.CLASSES) {
                if (!present.contains(c) && !e.getValue().contains(c)) {
                    assertThat(freq.getOrDefault(c, 0)).as("%s not chosen over %s", c, e.getValue()).isLessThanOrEqualTo(minChosen);
                }
            }
            for (String c : e.getValue()) {
                popularMean += freq.getOrDefault(c, 0);
                n++;
            }
            for (String c : random.get(e.getKey())) {
                randomMean += freq.getOrDefault(c, 0);
            }
        }
        assertThat(popularMean / n).isGreaterThan(randomMean / n);
    }

    @Test
    void adversarialNegativesShareAColorOrShapeWithAPresentObjectAndCoOccurMore() throws IOException {
        Map<String, Scene> scenes = scenes(pope);
        PopeSampler stats = new PopeSampler(List.copyOf(new TreeMap<>(scenes).values()), 0);
        int randomSharing = 0;
        int randomTotal = 0;
        long advCo = 0;
        long randCo = 0;
        Map<String, List<String>> random = negatives("random");
        for (Map.Entry<String, List<String>> e : negatives("adversarial").entrySet()) {
            Set<String> present = PopeSampler.classes(scenes.get(e.getKey()));
            for (String c : e.getValue()) {
                assertThat(PopeSampler.sharesAttribute(c, present)).as("%s vs %s", c, present).isTrue();
                assertThat(present).doesNotContain(c);
                advCo += stats.coScore(c, present);
            }
            for (String c : random.get(e.getKey())) {
                randomTotal++;
                randomSharing += PopeSampler.sharesAttribute(c, present) ? 1 : 0;
                randCo += stats.coScore(c, present);
            }
        }
        assertThat((double) randomSharing / randomTotal).isLessThan(0.8);
        assertThat(advCo).isGreaterThan(randCo);
        assertThat(negatives("adversarial")).isNotEqualTo(negatives("popular")).isNotEqualTo(random);
    }

    // ------------------------------------------------------------------ NaturalBench

    @Test
    void naturalBenchGroupsUseTheOfficialColumnsAndTheGoldPattern1001() throws IOException {
        List<JsonNode> rows = jsonl(nb.resolve("naturalbench.jsonl"));
        assertThat(rows).hasSize(100);
        Set<String> types = new HashSet<>();
        Set<String> sources = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            assertThat(r.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("Index", "Image_0", "Image_1",
                    "Question_0", "Question_1", "Image_0_Question_0", "Image_1_Question_0", "Image_0_Question_1",
                    "Image_1_Question_1", "Question_Type", "Source");
            assertThat(r.get("Index").asInt()).isEqualTo(i);
            String type = r.get("Question_Type").asText();
            types.add(type);
            sources.add(r.get("Source").asText());
            String[] gold = {r.get("Image_0_Question_0").asText(), r.get("Image_1_Question_0").asText(),
                r.get("Image_0_Question_1").asText(), r.get("Image_1_Question_1").asText()};
            assertThat(gold).containsExactly(type.equals("yes_no") ? new String[] {"Yes", "No", "No", "Yes"}
                    : new String[] {"A", "B", "B", "A"});
            assertThat(r.get("Image_0").asText()).isNotEqualTo(r.get("Image_1").asText());
            assertThat(r.get("Question_0").asText()).isNotEqualTo(r.get("Question_1").asText());
            assertThat(nb.resolve(r.get("Image_0").asText())).exists();
            assertThat(nb.resolve(r.get("Image_1").asText())).exists();
        }
        assertThat(types).containsExactlyInAnyOrder("yes_no", "multiple_choice");
        assertThat(sources).hasSize(NaturalBenchPairs.CONSTRUCTIONS.size());
    }

    @Test
    void everyNaturalBenchItemAgreesWithTheOracle() throws IOException {
        SceneOracle oracle = SceneOracle.load(nb.resolve("scenes.jsonl"));
        for (JsonNode r : jsonl(nb.resolve("naturalbench.jsonl"))) {
            for (int q = 0; q < 2; q++) {
                for (int i = 0; i < 2; i++) {
                    String image = r.get("Image_" + i).asText();
                    String question = r.get("Question_" + q).asText();
                    String gold = r.get("Image_" + i + "_Question_" + q).asText();
                    if (r.get("Question_Type").asText().equals("yes_no")) {
                        String other = gold.equals("Yes") ? "No" : "Yes";
                        assertThat(oracle.verify(image, null, question, gold)).as(question).isEqualTo(Verdict.TRUE);
                        assertThat(oracle.verify(image, null, question, other)).as(question).isEqualTo(Verdict.FALSE);
                    } else {
                        String[] parts = question.split("\nA\\. |\nB\\. ");
                        assertThat(parts).hasSize(3);
                        String right = gold.equals("A") ? parts[1] : parts[2];
                        String wrong = gold.equals("A") ? parts[2] : parts[1];
                        assertThat(oracle.verify(image, null, parts[0], right)).as(question).isEqualTo(Verdict.TRUE);
                        assertThat(oracle.verify(image, null, parts[0], wrong)).as(question).isEqualTo(Verdict.FALSE);
                    }
                }
            }
        }
    }

    @Test
    void naturalBenchImagePairsDifferMinimally() throws IOException {
        Map<String, Scene> scenes = scenes(nb);
        for (JsonNode r : jsonl(nb.resolve("naturalbench.jsonl"))) {
            Scene a = scenes.get(r.get("Image_0").asText());
            Scene b = scenes.get(r.get("Image_1").asText());
            assertThat(b.background()).isEqualTo(a.background());
            assertThat(b.objects()).hasSameSizeAs(a.objects());
            if (r.get("Source").asText().endsWith("mirror")) {
                continue; // every object moves to its mirror position, attributes kept
            }
            List<SceneObject> onlyA = new ArrayList<>(a.objects());
            onlyA.removeAll(b.objects());
            List<SceneObject> onlyB = new ArrayList<>(b.objects());
            onlyB.removeAll(a.objects());
            assertThat(onlyA).hasSize(1);
            assertThat(onlyB).hasSize(1);
            SceneObject x = onlyA.get(0);
            SceneObject y = onlyB.get(0);
            assertThat(List.of(y.size(), y.pattern(), y.x(), y.y(), y.bbox())).isEqualTo(List.of(x.size(), x.pattern(), x.x(), x.y(), x.bbox()));
            assertThat(x.color().equals(y.color()) != x.shape().equals(y.shape())).as("exactly one of color, shape changed").isTrue();
        }
    }

    // ------------------------------------------------------------------ MC

    @Test
    void mcQuestionsAreSeedBenchShapedBalancedAndAgreeWithTheOracle() throws IOException {
        JsonNode doc = Json.mapper().readTree(mc.resolve("mc.json").toFile());
        assertThat(doc.get("question_type").get("color").asInt()).isEqualTo(1);
        JsonNode qs = doc.get("questions");
        assertThat(qs.size()).isEqualTo(160);
        SceneOracle oracle = SceneOracle.load(mc.resolve("scenes.jsonl"));
        Map<Integer, Map<String, Integer>> letters = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode q : qs) {
            assertThat(ids.add(q.get("question_id").asText())).isTrue();
            assertThat(q.get("data_type").asText()).isEqualTo("image");
            assertThat(q.get("data_id").asText()).isEqualTo(q.get("image").asText());
            assertThat(mc.resolve(q.get("image").asText())).exists();
            String answer = q.get("answer").asText();
            int type = q.get("question_type_id").asInt();
            letters.computeIfAbsent(type, k -> new TreeMap<>()).merge(answer, 1, Integer::sum);
            Set<String> options = new HashSet<>();
            for (String l : List.of("a", "b", "c", "d")) {
                String opt = q.get("choice_" + l).asText();
                assertThat(options.add(opt)).as("distinct options").isTrue();
                Verdict want = l.equalsIgnoreCase(answer) ? Verdict.TRUE : Verdict.FALSE;
                assertThat(oracle.verify(q.get("image").asText(), null, q.get("question").asText(), opt))
                        .as("%s -> %s", q.get("question").asText(), opt).isEqualTo(want);
            }
        }
        assertThat(letters).containsOnlyKeys(1, 2, 3, 4);
        Map<String, Integer> total = new TreeMap<>();
        letters.forEach((type, perLetter) -> {
            assertThat(perLetter).containsOnlyKeys("A", "B", "C", "D");
            int max = perLetter.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
            int min = perLetter.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
            assertThat(max - min).as("type %d letters %s", type, perLetter).isLessThanOrEqualTo(1);
            perLetter.forEach((k, v) -> total.merge(k, v, Integer::sum));
        });
        assertThat(total.values().stream().mapToInt(Integer::intValue).max().orElseThrow()
                - total.values().stream().mapToInt(Integer::intValue).min().orElseThrow()).isLessThanOrEqualTo(4);
    }

    // ------------------------------------------------------------------ cross-cutting

    @Test
    void manifestHoldsTheSeedAndCountsPerSplitAndType() throws IOException {
        JsonNode m = Json.mapper().readTree(pope.resolve("manifest.json").toFile());
        assertThat(m.get("seeds").get("seed").asLong()).isEqualTo(5);
        assertThat(m.get("options").get("benchmark").asText()).isEqualTo("pope");
        JsonNode bySplit = m.get("counts").get("items_by_split");
        assertThat(bySplit.get("random").asLong()).isEqualTo(Files.readAllLines(pope.resolve("pope_random.jsonl")).size());
        assertThat(m.get("counts").get("yes_by_split").get("adversarial").asLong() * 2).isEqualTo(bySplit.get("adversarial").asLong());
        JsonNode nbm = Json.mapper().readTree(nb.resolve("manifest.json").toFile());
        assertThat(nbm.get("counts").get("groups_by_question_type").get("yes_no").asLong()
                + nbm.get("counts").get("groups_by_question_type").get("multiple_choice").asLong()).isEqualTo(100);
        JsonNode mcm = Json.mapper().readTree(mc.resolve("manifest.json").toFile());
        assertThat(mcm.get("counts").get("questions_by_type").size()).isEqualTo(4);
    }

    private static Map<String, byte[]> contents(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    private static JsonNode withoutTiming(byte[] manifest) throws IOException {
        com.fasterxml.jackson.databind.node.ObjectNode n = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(manifest);
        RunManifest.TIMING_KEYS.forEach(n::remove);
        return n;
    }

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherScenes() throws IOException {
        for (BenchmarkKind kind : BenchmarkKind.values()) {
            Path a = make(kind, 24, 9, kind.id + "-a");
            Path b = make(kind, 24, 9, kind.id + "-b");
            Path c = make(kind, 24, 10, kind.id + "-c");
            Map<String, byte[]> ca = contents(a);
            Map<String, byte[]> cb = contents(b);
            assertThat(cb.keySet()).isEqualTo(ca.keySet());
            for (String f : ca.keySet()) {
                if (f.equals("manifest.json")) {
                    assertThat(withoutTiming(cb.get(f))).isEqualTo(withoutTiming(ca.get(f)));
                } else {
                    assertThat(cb.get(f)).as(f).isEqualTo(ca.get(f));
                }
            }
            assertThat(Files.readAllBytes(c.resolve("scenes.jsonl"))).isNotEqualTo(ca.get("scenes.jsonl"));
        }
    }

    @Test
    void benchmarkScenesAreHeldOutFromTheTrainingWorldOfTheSameSeed() throws IOException {
        Path world = tmp.resolve("world");
        WorldSynthesizer.synthesize(world, SynthOptions.defaults().withSamples(200).withSeed(5).withImages(false));
        Path out = tmp.resolve("held");
        BenchmarkReport report = BenchmarkSynthesizer.builder().setOut(out).setKind(BenchmarkKind.NATURALBENCH).optScenes(200)
                .optSeed(5).optImageSize(32).optHeldOutFrom(world).build().synthesize();
        assertThat(report.images()).isGreaterThan(380);
        Map<String, Scene> bench = scenes(out);
        Set<List<Object>> worldContents = new HashSet<>();
        Set<String> worldIds = new HashSet<>();
        for (String line : Files.readAllLines(world.resolve("scenes.jsonl"))) {
            Scene s = Json.mapper().readValue(line, Scene.class);
            worldContents.add(List.of(s.background(), s.objects()));
            worldIds.add(s.id());
        }
        for (Scene s : bench.values()) {
            assertThat(s.id()).startsWith("heldout_");
            assertThat(worldIds).doesNotContain(s.id());
            assertThat(worldContents).doesNotContain(List.of(s.background(), s.objects()));
        }
        JsonNode m = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.get("counts").get("held_out_world_scenes").asLong()).isEqualTo(200);
        assertThat(m.get("inputs").get("held_out_scenes").get("sha256").asText()).hasSize(64);
    }

    @Test
    void aHeldOutSceneATrainingSceneEqualsIsDrawnAgainAndAReusedIdIsRejected() throws IOException {
        Path world = tmp.resolve("small-world");
        Files.createDirectories(world);
        Scene taken = new HeldOutScenes(3).scene(7);
        // same picture under a training id and path: held-out index 7 is left out, index 20 takes its place
        Scene renamed = new Scene("scene_000007", "images/000007.png", taken.background(), taken.objects(), null);
        Files.writeString(world.resolve("scenes.jsonl"), Json.mapper().writeValueAsString(renamed) + "\n");
        Path out = tmp.resolve("redrawn");
        BenchmarkSynthesizer.builder().setOut(out).setKind(BenchmarkKind.MC).optScenes(20).optSeed(3).optImageSize(32)
                .optHeldOutFrom(world).build().synthesize();
        Map<String, Scene> bench = scenes(out);
        assertThat(bench).hasSize(20).doesNotContainKey("images/heldout_000007.png").containsKey("images/heldout_000020.png");
        assertThat(bench.values()).noneMatch(b -> b.background().equals(taken.background()) && b.objects().equals(taken.objects()));
        JsonNode m = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.at("/counts/held_out_skipped_as_training_scenes").asLong()).isEqualTo(1);

        Path leaky = tmp.resolve("leaky");
        Files.createDirectories(leaky);
        Scene other = new HeldOutScenes(3).scene(2);
        Scene reused = new Scene("heldout_000002", "images/elsewhere.png", "night", List.of(), null);
        assertThat(other.id()).isEqualTo(reused.id());
        Files.writeString(leaky.resolve("scenes.jsonl"), Json.mapper().writeValueAsString(reused) + "\n");
        assertThatThrownBy(() -> BenchmarkSynthesizer.builder().setOut(tmp.resolve("leak-out")).setKind(BenchmarkKind.MC)
                .optScenes(20).optSeed(3).optImageSize(32).optHeldOutFrom(leaky).build().synthesize())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("heldout_000002")
                .hasMessageContaining("scene id");
        assertThat(tmp.resolve("leak-out")).doesNotExist();
        assertThatThrownBy(() -> BenchmarkSynthesizer.builder().setOut(leaky).setKind(BenchmarkKind.MC).optHeldOutFrom(leaky).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--held-out-from");
        assertThatThrownBy(() -> BenchmarkSynthesizer.builder().setOut(tmp.resolve("x")).setKind(BenchmarkKind.MC)
                .optHeldOutFrom(tmp.resolve("nowhere")).build().synthesize())
                .isInstanceOf(org.vapr.core.InputException.class).hasMessageContaining("scenes.jsonl");
    }

    @Test
    void aClaimTheOracleContradictsStopsTheRun() {
        Scene s = new HeldOutScenes(1).scene(0);
        String present = PopeSampler.classOf(s.objects().get(0));
        OracleCheck wrong = new OracleCheck(s.image(), Category.EXISTENCE, PopeSampler.question(present), "Yes", false);
        assertThatThrownBy(() -> BenchmarkSynthesizer.verify(List.of(s), List.of(wrong)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("oracle contradiction")
                .hasMessageContaining(present);
        BenchmarkSynthesizer.verify(List.of(s), List.of(new OracleCheck(s.image(), Category.EXISTENCE,
                PopeSampler.question(present), "Yes", true)));
    }

    @Test
    void kindsParseByTheirCommandLineNames() {
        assertThat(Arrays.stream(BenchmarkKind.values()).map(k -> BenchmarkKind.parse(k.id.toUpperCase())).toList())
                .containsExactly(BenchmarkKind.values());
        assertThatThrownBy(() -> BenchmarkKind.parse("mmbench")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--benchmark");
        assertThat(new TreeSet<>(PopeSampler.CLASSES)).hasSize(80);
    }
}
