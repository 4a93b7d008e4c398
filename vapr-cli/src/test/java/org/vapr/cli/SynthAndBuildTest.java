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

/** End to end through the real parser: synthesize a world, build from it, check outputs and determinism. */
class SynthAndBuildTest {
    @TempDir
    Path tmp;

    @Test
    void synthThenBuildWritesVerifiedPairsDeterministically() throws IOException {
        Path world = tmp.resolve("world");
        CliRun synth = CliRun.of("synth", "--out", world.toString(), "--samples", "400", "--seed", "7", "-q");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        assertThat(world.resolve("llava.json")).exists();
        assertThat(world.resolve("scenes.jsonl")).exists();
        assertThat(world.resolve("manifest.json")).exists();

        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        for (Path out : List.of(a, b)) {
            CliRun build = CliRun.of("build", "--input", world.resolve("llava.json").toString(), "--out", out.toString(),
                    "--size", "200", "--seed", "3", "-q");
            assertThat(build.exitCode()).as(build.err()).isZero();
            assertThat(build.out()).contains("oracle (scenes.jsonl)");
        }
        assertThat(Files.readAllBytes(a.resolve("pairs.jsonl"))).isEqualTo(Files.readAllBytes(b.resolve("pairs.jsonl")));
        List<String> lines = Files.readAllLines(a.resolve("pairs.jsonl"));
        assertThat(lines).hasSizeGreaterThan(150);
        for (String line : lines) {
            JsonNode pair = Json.mapper().readTree(line);
            assertThat(pair.get("chosen").asText()).isNotEqualTo(pair.get("rejected").asText());
            assertThat(Files.exists(world.resolve(pair.get("image").asText()))).isTrue();
        }
        JsonNode manifest = Json.mapper().readTree(a.resolve("manifest.json").toFile());
        assertThat(manifest.get("command").asText()).isEqualTo("build");
        assertThat(manifest.get("inputs").toString()).contains("sha256");
        assertThat(a.resolve("trl")).isDirectory();
        assertThat(a.resolve("llamafactory").resolve("dataset_info.json")).exists();
        assertThat(a.resolve("llava-next")).isDirectory();
    }
}
