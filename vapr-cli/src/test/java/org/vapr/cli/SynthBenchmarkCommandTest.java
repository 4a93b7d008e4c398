package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;

/** {@code vapr synth --benchmark} through the real parser. */
class SynthBenchmarkCommandTest {
    @TempDir
    Path tmp;

    @Test
    void writesEachBenchmarkInItsFormatWithAManifest() throws IOException {
        for (String[] kind : new String[][] {{"pope", "pope_random.jsonl", "pope_popular.jsonl", "pope_adversarial.jsonl"},
            {"naturalbench", "naturalbench.jsonl"}, {"mc", "mc.json"}}) {
            Path out = tmp.resolve(kind[0]);
            CliRun r = CliRun.of("synth", "--benchmark", kind[0], "--out", out.toString(), "--scenes", "24", "--seed", "3",
                    "--image-size", "32", "-q");
            assertThat(r.exitCode()).as(r.err()).isZero();
            for (int i = 1; i < kind.length; i++) {
                assertThat(out.resolve(kind[i])).isNotEmptyFile();
                assertThat(r.out()).contains(kind[i]);
            }
            assertThat(out.resolve("scenes.jsonl")).isNotEmptyFile();
            JsonNode m = Json.mapper().readTree(out.resolve("manifest.json").toFile());
            assertThat(m.get("options").get("benchmark").asText()).isEqualTo(kind[0]);
            assertThat(m.get("seeds").get("seed").asLong()).isEqualTo(3);
            assertThat(m.get("counts").get("scenes").asLong()).isEqualTo(24);
            try (var images = Files.list(out.resolve("images"))) {
                assertThat(images.toList()).isNotEmpty().allMatch(p -> p.getFileName().toString().startsWith("heldout_"));
            }
        }
        List<String> pope = Files.readAllLines(tmp.resolve("pope/pope_popular.jsonl"));
        assertThat(pope.stream().filter(l -> l.contains("\"label\":\"yes\"")).count() * 2).isEqualTo(pope.size());
    }

    @Test
    void heldOutFromAWorldIsCheckedAndRecorded() throws IOException {
        Path world = tmp.resolve("world");
        assertThat(CliRun.of("synth", "--out", world.toString(), "--samples", "120", "--seed", "3", "--no-images", "-q")
                .exitCode()).isZero();
        Path out = tmp.resolve("bench");
        CliRun r = CliRun.of("synth", "--benchmark", "naturalbench", "--out", out.toString(), "--scenes", "20", "--seed", "3",
                "--held-out-from", world.toString(), "--image-size", "32", "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode m = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.get("counts").get("held_out_world_scenes").asLong()).isEqualTo(120);
        assertThat(m.get("options").get("held_out_from").asText()).isEqualTo(world.toString());
    }

    @Test
    void badBenchmarkOptionsAreUsageOrInputErrors() {
        CliRun unknown = CliRun.of("synth", "--benchmark", "mmbench", "--out", tmp.resolve("x").toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("--benchmark");
        CliRun zero = CliRun.of("synth", "--benchmark", "pope", "--scenes", "0", "--out", tmp.resolve("y").toString());
        assertThat(zero.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(zero.err()).contains("--scenes");
        CliRun same = CliRun.of("synth", "--benchmark", "mc", "--out", tmp.toString(), "--held-out-from", tmp.toString());
        assertThat(same.exitCode()).isEqualTo(ExitCode.USAGE);
        CliRun noWorld = CliRun.of("synth", "--benchmark", "mc", "--out", tmp.resolve("z").toString(), "--held-out-from",
                tmp.resolve("missing").toString());
        assertThat(noWorld.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(noWorld.err()).contains("scenes.jsonl");
        CliRun orphan = CliRun.of("synth", "--out", tmp.resolve("w").toString(), "--held-out-from", tmp.toString());
        assertThat(orphan.exitCode()).isEqualTo(ExitCode.USAGE);
    }
}
