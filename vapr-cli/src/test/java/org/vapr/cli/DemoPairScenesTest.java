package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.cli.demo.DemoPlan;
import org.vapr.cli.demo.FullDemo;
import org.vapr.core.io.Json;

/**
 * {@code vapr demo --pair-scenes N}: the pairs come from world scenes the SFT corpus does not hold, and the SFT corpus
 * is the one the demo writes without them (its first stages only, no training).
 */
class DemoPairScenesTest {
    @TempDir
    Path tmp;

    @Test
    void pairScenesLeaveTheSftCorpusAsItWasAndGiveThePairsOtherImages() throws Exception {
        FullDemo plain = demo(tmp.resolve("plain"), 0);
        plain.synthesizeWorld();
        Path plainSft = plain.writeSftCorpus();

        FullDemo split = demo(tmp.resolve("split"), 150);
        assertThat(split.synthesizeWorld().images()).isEqualTo(DemoPlan.quick().scenes() + 150);
        Path sft = split.writeSftCorpus();
        Path pool = split.writePairPool();
        split.buildDataset("vapr", null);

        assertThat(Files.readString(sft)).isEqualTo(Files.readString(plainSft));
        Set<String> sftImages = images(Json.mapper().readTree(sft.toFile()));
        Set<String> poolImages = images(Json.mapper().readTree(pool.toFile()));
        assertThat(poolImages).isNotEmpty().doesNotContainAnyElementsOf(sftImages);
        Set<String> pairImages = new HashSet<>();
        for (String line : Files.readAllLines(tmp.resolve("split/datasets/build-vapr/pairs.jsonl"))) {
            pairImages.add(Json.mapper().readTree(line).get("image").asText());
        }
        assertThat(pairImages).hasSizeGreaterThan(50);
        assertThat(poolImages).containsAll(pairImages);
        JsonNode manifest = Json.mapper().readTree(tmp.resolve("split/datasets/pair-scenes/manifest.json").toFile());
        assertThat(manifest.toString()).contains("600-749");
    }

    @Test
    void aNegativeCountIsAUsageError() {
        CliRun r = CliRun.of("demo", "--quick", "--pair-scenes", "-1", "--out", tmp.resolve("never").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("--pair-scenes must be 0 or more, not -1");
        assertThat(tmp.resolve("never")).doesNotExist();
    }

    private static FullDemo demo(Path out, int pairScenes) {
        FullDemo.Settings settings = new FullDemo.Settings(out, 42, 1, DemoPlan.quick().withPairScenes(pairScenes), true,
                "vapr demo --quick", null);
        return new FullDemo(settings, new PrintWriter(new StringWriter()));
    }

    private static Set<String> images(JsonNode records) {
        Set<String> out = new HashSet<>();
        records.forEach(r -> out.add(r.get("image").asText()));
        return out;
    }
}
