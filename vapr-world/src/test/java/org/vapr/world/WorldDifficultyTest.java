package org.vapr.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;

class WorldDifficultyTest {

    @Test
    void demoScenesUseOnlyTheDemoValues() {
        SceneGenerator gen = new SceneGenerator(3, WorldDifficulty.DEMO);
        int[] counts = new int[7];
        Set<String> shapes = new HashSet<>();
        Set<String> colors = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Scene s = gen.generate(i);
            assertThat(WorldDifficulty.DEMO.backgrounds).contains(s.background());
            assertThat(s.objects()).hasSizeBetween(1, 4);
            counts[s.objects().size()]++;
            for (SceneObject o : s.objects()) {
                assertThat(WorldDifficulty.DEMO.shapes).contains(o.shape());
                assertThat(WorldDifficulty.DEMO.colors).contains(o.color());
                assertThat(o.pattern()).isEqualTo("solid");
                assertThat(o.size()).isIn("medium", "large");
                shapes.add(o.shape());
                colors.add(o.color());
            }
        }
        assertThat(shapes).hasSize(4);
        assertThat(colors).hasSize(6);
        for (int n = 1; n <= 4; n++) {
            assertThat(counts[n]).as("scenes with %d objects", n).isGreaterThan(100);
        }
    }

    @Test
    void standardIsTheDefaultAndLeavesScenesUnchanged() {
        assertThat(SynthOptions.defaults().difficulty()).isEqualTo(WorldDifficulty.STANDARD);
        SceneGenerator plain = new SceneGenerator(5);
        SceneGenerator standard = new SceneGenerator(5, WorldDifficulty.STANDARD);
        for (int i = 0; i < 50; i++) {
            assertThat(standard.generate(i)).isEqualTo(plain.generate(i));
        }
        assertThat(WorldDifficulty.of("DEMO")).isEqualTo(WorldDifficulty.DEMO);
        assertThatThrownBy(() -> WorldDifficulty.of("hard")).hasMessageContaining("--difficulty");
    }

    @Test
    void demoCorpusAndPopeAskOnlyAboutDemoClasses(@TempDir Path dir) throws IOException {
        Path world = dir.resolve("world");
        WorldSynthesizer.synthesize(world, SynthOptions.defaults().withSamples(150).withImages(false)
                .withDifficulty(WorldDifficulty.DEMO));
        List<String> outside = List.of("hexagon", "diamond", "heart", "cross", "orange", "pink", "brown",
                "striped", "dotted", "checkered"); // "gray" (the cloudy sky) and "small" (size options, chats) stay
        String corpus = Files.readString(world.resolve("llava.json")).toLowerCase();
        for (String word : outside) {
            assertThat(corpus).as(word).doesNotContainPattern("\\b" + word + "\\b");
        }
        assertThat(Files.readString(world.resolve("manifest.json"))).contains("\"difficulty\" : \"demo\"");

        Path pope = dir.resolve("pope");
        BenchmarkSynthesizer.builder().setOut(pope).setKind(BenchmarkKind.POPE).optScenes(40).optSeed(3)
                .optHeldOutFrom(world).optDifficulty(WorldDifficulty.DEMO).build().synthesize();
        List<String> classes = PopeSampler.classes(WorldDifficulty.DEMO);
        assertThat(classes).hasSize(24);
        for (String split : PopeSampler.SPLITS) {
            for (String line : Files.readAllLines(pope.resolve("pope_" + split + ".jsonl"))) {
                JsonNode n = Json.mapper().readTree(line);
                String text = n.get("text").asText();
                String cls = text.replaceFirst("^Is there an? ", "").replaceFirst(" in the image\\?$", "");
                assertThat(classes).as(text).contains(cls);
            }
        }
    }
}
