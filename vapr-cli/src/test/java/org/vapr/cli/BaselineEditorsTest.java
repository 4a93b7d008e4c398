package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.Category;
import org.vapr.core.Verdict;
import org.vapr.core.io.Json;
import org.vapr.train.model.VlmConfig;
import org.vapr.train.model.WorldVlm;
import org.vapr.train.text.WordTokenizer;
import org.vapr.world.SceneOracle;

/**
 * The three datasets of the paper's comparison from one world and the same sampled turns: VaPR (rules),
 * POVID-style (longer, hallucinated) and SIMA-style (sampled from a model, duplicates kept).
 */
@Tag("slow")
class BaselineEditorsTest {
    @TempDir
    static Path tmp;
    static Path world;

    /** The injected sentences of {@code PovidStyleEditor}: color in group 1 or 3, shape in group 2 or 4. */
    private static final Pattern INJECTED = Pattern.compile("(?:There is also|In addition,) an? (?:small|large|tiny|big) (\\w+) "
            + "(?:(?:solid|striped|dotted|checkered) )?(\\w+)|An? (?:small|large|tiny|big) (\\w+) "
            + "(?:(?:solid|striped|dotted|checkered) )?(\\w+) can also be seen");

    @BeforeAll
    static void synth() {
        world = tmp.resolve("world");
        CliRun synth = CliRun.of("synth", "--out", world.toString(), "--samples", "150", "--seed", "4", "-q");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
    }

    private static CliRun build(String name, String... extra) {
        List<String> args = new ArrayList<>(List.of("build", "--input", world.resolve("llava.json").toString(),
                "--out", tmp.resolve(name).toString(), "--size", "120", "--seed", "3", "-q"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<JsonNode> pairs(String name) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(tmp.resolve(name).resolve("pairs.jsonl"))) {
            out.add(Json.mapper().readTree(l));
        }
        return out;
    }

    private static Set<String> ids(List<JsonNode> pairs) {
        Set<String> s = new LinkedHashSet<>();
        pairs.forEach(p -> s.add(p.get("id").asText()));
        return s;
    }

    private static JsonNode manifest(String name) throws IOException {
        return Json.mapper().readTree(tmp.resolve(name).resolve("manifest.json").toFile());
    }

    private static JsonNode analyze(String name) throws IOException {
        Path json = tmp.resolve(name + "-analysis.json");
        CliRun run = CliRun.of("analyze", tmp.resolve(name).resolve("pairs.jsonl").toString(), "--json", json.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.mapper().readTree(json.toFile());
    }

    @Test
    void vaprPovidAndSelfSampleShareTheSampledTurns() throws IOException {
        Path model = tmp.resolve("model");
        List<String> texts = new ArrayList<>(Files.readAllLines(world.resolve("llava.json")));
        WordTokenizer tokenizer = WordTokenizer.build(texts, 1);
        try (WorldVlm m = WorldVlm.create(VlmConfig.world(tokenizer.size()), tokenizer, 5)) {
            m.save(model);
        }
        CliRun vapr = build("vapr");
        CliRun povid = build("povid", "--editor", "povid-style");
        long t0 = System.nanoTime();
        CliRun self = build("self", "--editor", "self-sample", "--model", model.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(vapr.exitCode()).as(vapr.err()).isZero();
        assertThat(povid.exitCode()).as(povid.err()).isZero();
        assertThat(self.exitCode()).as(self.err()).isZero();

        // the same sampled turns: every pair of each set comes from the sampled turns, all of which self-sample keeps
        for (String name : List.of("vapr", "povid", "self")) {
            assertThat(manifest(name).at("/counts/sampled").asLong()).as(name).isEqualTo(120);
        }
        List<JsonNode> selfPairs = pairs("self");
        Set<String> sampled = ids(selfPairs);
        assertThat(manifest("self").at("/counts/pairs").asLong()).isEqualTo(selfPairs.size());
        assertThat(sampled).hasSizeGreaterThan(110);
        Set<String> vaprIds = ids(pairs("vapr"));
        Set<String> povidIds = ids(pairs("povid"));
        assertThat(sampled).containsAll(vaprIds).containsAll(povidIds);
        assertThat(vaprIds).hasSizeGreaterThan(90);
        assertThat(povidIds).hasSizeGreaterThan(90);
        // and the same gold answers for a turn in all three
        for (JsonNode p : pairs("povid")) {
            JsonNode s = selfPairs.stream().filter(q -> q.get("id").equals(p.get("id"))).findFirst().orElseThrow();
            assertThat(s.get("chosen")).isEqualTo(p.get("chosen"));
        }

        // POVID-style: a token-length gap far beyond VaPR's, past the bounds, oracle-checked against the world
        JsonNode av = analyze("vapr");
        JsonNode ap = analyze("povid");
        double vaprGap = av.at("/token_length_delta/mean_abs").asDouble();
        double povidGap = ap.at("/token_length_delta/mean_abs").asDouble();
        assertThat(vaprGap).isLessThan(3);
        assertThat(povidGap).isGreaterThan(10).isGreaterThan(5 * vaprGap);
        assertThat(ap.at("/token_length_delta/chosen_shorter").asDouble()).isEqualTo(1.0);
        JsonNode pm = manifest("povid");
        assertThat(pm.at("/options/bounds").asText()).isEqualTo("none");
        assertThat(pm.at("/options/editor").asText()).isEqualTo("povid-style");
        assertThat(pm.at("/oracle/rejected_checked").asBoolean()).isTrue();
        SceneOracle oracle = SceneOracle.load(world.resolve("scenes.jsonl"));
        int falseVerdicts = 0;
        int injected = 0;
        for (JsonNode p : pairs("povid")) {
            String image = p.get("image").asText();
            Category c = Category.fromId(p.get("category").asText()).orElseThrow();
            Verdict v = oracle.verify(image, c, p.get("prompt").asText(), p.get("rejected").asText());
            assertThat(v).as(p.get("rejected").asText()).isNotEqualTo(Verdict.TRUE);
            falseVerdicts += v == Verdict.FALSE ? 1 : 0;
            Matcher m = INJECTED.matcher(p.get("rejected").asText());
            while (m.find()) {
                injected++;
                String thing = m.group(1) != null ? m.group(1) + " " + m.group(2) : m.group(3) + " " + m.group(4);
                assertThat(oracle.verify(image, Category.EXISTENCE, "Is there a " + thing + " in the image?",
                        "Yes, there is a " + thing + " in the image.")).as(thing + " in " + image).isNotEqualTo(Verdict.TRUE);
            }
        }
        assertThat(falseVerdicts).isGreaterThan(povidIds.size() / 2);
        assertThat(injected).isGreaterThanOrEqualTo(povidIds.size());

        // SIMA-style: no checks, no oracle; duplicates counted as vapr analyze counts them
        JsonNode sm = manifest("self");
        assertThat(sm.at("/options/editor").asText()).isEqualTo("self-sample");
        assertThat(sm.at("/options/bounds").asText()).isEqualTo("none");
        assertThat(sm.at("/options/checks").asText()).isEqualTo("none");
        assertThat(sm.at("/oracle/rejected_checked").asBoolean()).isFalse();
        assertThat(sm.at("/oracle/rejected_true_dropped").asLong()).isZero();
        JsonNode cfg = sm.get("editor_config");
        assertThat(cfg.get("oracle_on_rejected").asBoolean()).isFalse();
        assertThat(cfg.get("temperature").asDouble()).isEqualTo(1.0);
        assertThat(cfg.get("samples").asLong()).isEqualTo(selfPairs.size());
        JsonNode as = analyze("self");
        assertThat(cfg.get("exact_duplicates").asLong()).isEqualTo(as.at("/duplicates/exact").asLong());
        assertThat(cfg.get("near_duplicates").asLong()).isEqualTo(as.at("/duplicates/near").asLong());
        assertThat(selfPairs).allMatch(p -> p.at("/edit/editor").asText().equals("self-sample"));
        System.out.printf("self-sample: %d pairs in %.2f s (%.1f ms per pair, build included)%n", selfPairs.size(), seconds,
                1000 * seconds / selfPairs.size());

        // deterministic whatever the concurrency
        CliRun again = build("self2", "--editor", "self-sample", "--model", model.toString(), "--concurrency", "3");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(tmp.resolve("self2").resolve("pairs.jsonl")))
                .isEqualTo(Files.readAllBytes(tmp.resolve("self").resolve("pairs.jsonl")));
    }

    @Test
    void selfSampleNeedsAModelDirectory() {
        CliRun run = build("nomodel", "--editor", "self-sample");
        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(run.err()).contains("--model MODEL_DIR");
    }
}
