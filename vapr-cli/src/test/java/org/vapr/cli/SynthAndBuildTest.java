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

    @Test
    void replacementWordsKeepTheRuleEditorsColorsInsideTheList() throws IOException {
        Path world = tmp.resolve("rw");
        assertThat(CliRun.of("synth", "--out", world.toString(), "--samples", "300", "--seed", "3", "-q").exitCode()).isZero();
        Path words = Files.writeString(tmp.resolve("words.txt"), "red blue\ngreen  yellow\n");
        Path out = tmp.resolve("rw-out");
        CliRun build = CliRun.of("build", "--input", world.resolve("llava.json").toString(), "--out", out.toString(),
                "--size", "150", "--replacement-words", words.toString(), "-q");
        assertThat(build.exitCode()).as(build.err()).isZero();
        java.util.Set<String> colors = new java.util.TreeSet<>();
        for (String line : Files.readAllLines(out.resolve("pairs.jsonl"))) {
            var pair = org.vapr.core.io.Json.mapper().readTree(line);
            if (pair.get("category").asText().equals("color")) {
                for (String w : pair.get("rejected").asText().toLowerCase(java.util.Locale.ROOT).split("[^a-z]+")) {
                    if (List.of("red", "orange", "yellow", "green", "blue", "purple", "pink", "brown", "black", "white",
                            "gray", "silver", "gold").contains(w) && !pair.get("chosen").asText().toLowerCase(java.util.Locale.ROOT).contains(w)) {
                        colors.add(w);
                    }
                }
            }
        }
        assertThat(colors).isNotEmpty().isSubsetOf("red", "blue", "green", "yellow");
        assertThat(Files.readString(out.resolve("manifest.json"))).contains("\"replacement_word_count\" : 4");

        CliRun missing = CliRun.of("build", "--input", world.resolve("llava.json").toString(), "--out",
                tmp.resolve("rw-bad").toString(), "--replacement-words", tmp.resolve("none.txt").toString(), "-q");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.err()).contains("none.txt", "--replacement-words");
    }

    @Test
    void stageCommandsInTurnGiveTheSameBytesAsBuild() throws IOException {
        Path world = tmp.resolve("w");
        assertThat(CliRun.of("synth", "--out", world.toString(), "--samples", "150", "--seed", "5", "-q").exitCode()).isZero();
        String corpus = world.resolve("llava.json").toString();
        Path full = tmp.resolve("full");
        assertThat(CliRun.of("build", "--input", corpus, "--out", full.toString(), "--size", "80", "-q").exitCode()).isZero();

        Path s1 = tmp.resolve("s1");
        Path s2 = tmp.resolve("s2");
        Path s3 = tmp.resolve("s3");
        Path s4 = tmp.resolve("s4");
        assertThat(CliRun.of("filter", "--input", corpus, "--out", s1.toString(), "-q").exitCode()).isZero();
        assertThat(CliRun.of("categorize", "--input", s1.resolve("turns.jsonl").toString(), "--out", s2.toString(), "-q").exitCode()).isZero();
        assertThat(CliRun.of("sample", "--input", s2.resolve("candidates.jsonl").toString(), "--out", s3.toString(), "--size", "80", "-q").exitCode()).isZero();
        CliRun edit = CliRun.of("edit", "--input", s3.resolve("sampled.jsonl").toString(), "--out", s4.toString(), "--images", world.toString(), "-q");
        assertThat(edit.exitCode()).as(edit.err()).isZero();
        assertThat(edit.out()).contains("oracle (scenes.jsonl)");
        assertThat(Files.readAllBytes(s4.resolve("pairs.jsonl"))).isEqualTo(Files.readAllBytes(full.resolve("pairs.jsonl")));
        assertThat(Files.readAllBytes(s4.resolve("trl").resolve("train.jsonl"))).isEqualTo(Files.readAllBytes(full.resolve("trl").resolve("train.jsonl")));
    }
}
