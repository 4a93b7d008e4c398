package org.vapr.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.Category;
import org.vapr.core.io.Json;
import org.vapr.core.io.LlavaReader;
import org.vapr.core.io.ReadItem;
import org.vapr.core.record.LlavaRecord;
import org.vapr.core.record.Message;

class WorldSynthesizerTest {

    private static List<LlavaRecord> read(Path corpus) throws IOException {
        List<LlavaRecord> out = new ArrayList<>();
        try (LlavaReader r = LlavaReader.open(corpus)) {
            for (ReadItem item; (item = r.next()) != null; ) {
                assertThat(item).as("bad record").isInstanceOf(ReadItem.Ok.class);
                out.add(((ReadItem.Ok) item).record());
            }
        }
        return out;
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("manifest.json"))
                    .map(dir::relativize).sorted().toList();
        }
    }

    @Test
    void sameSeedGivesIdenticalFilesAndAnotherSeedDifferentOnes(@TempDir Path tmp) throws IOException {
        SynthOptions o = SynthOptions.defaults().withSamples(60);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Path c = tmp.resolve("c");
        WorldSynthesizer.synthesize(a, o);
        WorldSynthesizer.synthesize(b, o);
        WorldSynthesizer.synthesize(c, o.withSeed(43));
        List<Path> fa = files(a);
        assertThat(fa).contains(Path.of("llava.json"), Path.of("scenes.jsonl"), Path.of("labels.jsonl"), Path.of("images/000000.png"));
        assertThat(fa).hasSize(63);
        assertThat(files(b)).isEqualTo(fa);
        for (Path f : fa) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f.toString()).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        assertThat(Files.readAllBytes(c.resolve("llava.json"))).isNotEqualTo(Files.readAllBytes(a.resolve("llava.json")));
        assertThat(Files.readAllBytes(c.resolve("scenes.jsonl"))).isNotEqualTo(Files.readAllBytes(a.resolve("scenes.jsonl")));
        assertThat(Files.readAllBytes(c.resolve("images/000000.png"))).isNotEqualTo(Files.readAllBytes(a.resolve("images/000000.png")));
        // the manifest records options, seed and counts
        JsonNode m = Json.mapper().readTree(a.resolve("manifest.json").toFile());
        assertThat(m.get("command").asText()).isEqualTo("synth");
        assertThat(m.at("/options/seed").asLong()).isEqualTo(42);
        assertThat(m.at("/options/mix").asText()).isEqualTo("world");
        assertThat(m.at("/counts/scenes").asLong()).isEqualTo(60);
        assertThat(m.at("/counts/records_by_kind").size()).isGreaterThan(3);
    }

    @Test
    void sceneDoesNotDependOnSampleCount(@TempDir Path tmp) throws IOException {
        SynthReport small = WorldSynthesizer.synthesize(tmp.resolve("s"), SynthOptions.defaults().withSamples(10).withImages(false));
        SynthReport large = WorldSynthesizer.synthesize(tmp.resolve("l"), SynthOptions.defaults().withSamples(30).withImages(false));
        List<String> a = Files.readAllLines(small.scenesFile());
        List<String> b = Files.readAllLines(large.scenesFile());
        assertThat(a).hasSize(10);
        assertThat(b.subList(0, 10)).isEqualTo(a);
        // records of the first ten scenes are identical too
        List<LlavaRecord> ra = read(small.corpus());
        List<LlavaRecord> rb = read(large.corpus());
        assertThat(rb.subList(0, ra.size())).isEqualTo(ra);
    }

    @Test
    void worldCorpusHasLlavaShapeAllCategoriesAndDropKinds(@TempDir Path tmp) throws IOException {
        SynthReport report = WorldSynthesizer.synthesize(tmp, SynthOptions.defaults().withSamples(300).withImages(false));
        List<LlavaRecord> records = read(report.corpus());
        assertThat(records).hasSize((int) report.records());
        assertThat(report.scenes()).isEqualTo(300);
        assertThat(report.images()).isZero();
        assertThat(Files.exists(tmp.resolve("images"))).isFalse();
        Set<String> ids = new HashSet<>();
        int tail = 0;
        for (LlavaRecord r : records) {
            assertThat(ids.add(r.id())).as("duplicate id " + r.id()).isTrue();
            List<Message> conv = r.conversations();
            assertThat(conv.size() % 2).isZero();
            for (int i = 0; i < conv.size(); i++) {
                Message m = conv.get(i);
                assertThat(m.from()).isEqualTo(i % 2 == 0 ? Message.HUMAN : Message.GPT);
                assertThat(m.value()).isNotBlank();
                boolean placeholder = m.value().contains("<image>");
                assertThat(placeholder).as(r.id() + " turn " + i).isEqualTo(i == 0 && r.hasImage());
                if (i == 0 && r.hasImage()) {
                    assertThat(m.value().startsWith("<image>\n") || m.value().endsWith("\n<image>")).isTrue();
                    tail += m.value().endsWith("\n<image>") ? 1 : 0;
                }
            }
        }
        assertThat(tail).isBetween(10, 60);
        assertThat(report.recordsByKind().keySet()).containsExactlyInAnyOrder("vqa", "instruct_conversation", "instruct_detail",
                "instruct_reasoning", "caption", "region", "text_only", "multiple_choice", "bbox", "ocr");
        long text = report.recordsByKind().get("text_only");
        assertThat(text / (double) report.records()).isBetween(0.06, 0.14);
        assertThat(records.stream().filter(r -> !r.hasImage()).count()).isEqualTo(text);

        // every category has plenty of candidate turns
        EnumSet<Category> seen = EnumSet.noneOf(Category.class);
        int[] perCategory = new int[Category.values().length];
        new CorpusGenerator(SynthOptions.defaults().withSamples(300).withImages(false)).forEach(g -> g.categories().forEach(c -> {
            if (c != null) {
                seen.add(c);
                perCategory[c.ordinal()]++;
            }
        }));
        assertThat(seen).containsExactlyInAnyOrder(Category.values());
        for (Category c : Category.values()) {
            assertThat(perCategory[c.ordinal()]).as(c.id()).isGreaterThanOrEqualTo(15);
        }
        // drop kinds look like their sources
        String all = Files.readString(report.corpus());
        assertThat(all).contains("\\nAnswer with the option's letter from the given choices directly.")
                .contains("Please provide the bounding box coordinate of the region this sentence describes: ")
                .contains("What word is written on the sign?")
                .contains("Please provide a short description for this region: [")
                .contains("Provide a one-sentence caption for the provided image.")
                .contains("\\nAnswer the question using a single word or phrase.");
    }

    @Test
    void yesShareFollowsThePrior(@TempDir Path tmp) throws IOException {
        for (double prior : new double[] {0.65, 0.3}) {
            long[] yn = new long[2];
            new CorpusGenerator(SynthOptions.defaults().withSamples(1500).withYesShare(prior).withImages(false)).forEach(g -> {
                for (Qa qa : g.qas()) {
                    if (qa.yes() != null) {
                        yn[qa.yes() ? 0 : 1]++;
                    }
                }
            });
            assertThat(yn[0] + yn[1]).isGreaterThan(400);
            assertThat(yn[0] / (double) (yn[0] + yn[1])).as("prior " + prior).isCloseTo(prior, org.assertj.core.data.Offset.offset(0.05));
        }
        // and in the written file, short yes/no answers follow it too
        SynthReport r = WorldSynthesizer.synthesize(tmp, SynthOptions.defaults().withSamples(800).withImages(false));
        long yes = 0;
        long no = 0;
        for (LlavaRecord rec : read(r.corpus())) {
            for (Message m : rec.conversations()) {
                yes += m.value().equals("Yes") || m.value().startsWith("Yes,") ? 1 : 0;
                no += m.value().equals("No") || m.value().startsWith("No,") ? 1 : 0;
            }
        }
        assertThat(yes / (double) (yes + no)).isCloseTo(0.65, org.assertj.core.data.Offset.offset(0.06));
    }

    @Test
    void scaleModeFollowsTheLlava665kMixAndWritesNoImages(@TempDir Path tmp) throws IOException {
        SynthReport r = WorldSynthesizer.synthesize(tmp, SynthOptions.defaults().withRecords(20_000).withMix("llava665k").withImages(false));
        assertThat(r.records()).isEqualTo(20_000);
        assertThat(r.images()).isZero();
        assertThat(Files.exists(tmp.resolve("images"))).isFalse();
        assertThat(Files.exists(tmp.resolve("coco"))).isFalse();
        double[] expected = {164, 58, 23, 77, 22, 67, 40, 66, 67, 80};
        double total = 0;
        for (double e : expected) {
            total += e;
        }
        RecordKind[] kinds = RecordKind.values();
        for (int i = 0; i < kinds.length; i++) {
            double share = r.recordsByKind().getOrDefault(kinds[i].id, 0L) / 20_000.0;
            assertThat(share).as(kinds[i].id).isCloseTo(expected[i] / total, org.assertj.core.data.Offset.offset(0.012));
        }
        assertThat(r.scenes()).isEqualTo(20_000 - r.recordsByKind().get("text_only"));
        List<LlavaRecord> records = read(r.corpus());
        assertThat(records).hasSize(20_000);
        long coco = records.stream().filter(x -> x.hasImage() && x.image().startsWith("coco/train2017/")).count();
        assertThat(coco).isGreaterThan(8000);
        assertThat(records.stream().filter(LlavaRecord::hasImage).map(LlavaRecord::image).map(p -> p.substring(0, p.indexOf('/'))).distinct())
                .containsExactlyInAnyOrder("coco", "gqa", "ocr_vqa", "textvqa", "vg");
        assertThat(records.stream().map(LlavaRecord::id).distinct().count()).isEqualTo(20_000);
        // the oracle knows the scenes under the corpus's image paths
        SceneOracle oracle = SceneOracle.load(r.scenesFile());
        LlavaRecord first = records.stream().filter(x -> x.image() != null && x.image().startsWith("gqa/")).findFirst().orElseThrow();
        assertThat(oracle.scene(first.image())).isPresent();
    }

    @Test
    void optionsAreValidatedWithOneLineMessages() {
        SynthOptions d = SynthOptions.defaults();
        assertThat(d).isEqualTo(new SynthOptions(2000, 0, 42, 64, true, "world", 0.65));
        assertThatThrownBy(() -> d.withImageSize(16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--image-size must be between 32 and 1024");
        assertThatThrownBy(() -> d.withImageSize(2048)).hasMessageContaining("--image-size");
        assertThatThrownBy(() -> d.withSamples(0)).hasMessage("--samples must be at least 1");
        assertThatThrownBy(() -> d.withMix("coco")).hasMessage("--mix must be one of world, llava665k");
        assertThatThrownBy(() -> d.withYesShare(1.5)).hasMessage("--yes-share must be between 0 and 1");
        assertThatThrownBy(() -> d.withYesShare(Double.NaN)).hasMessageContaining("--yes-share");
        assertThatThrownBy(() -> d.withRecords(-1)).hasMessageContaining("--records");
        assertThat(d.withMix("LLaVA665K").mix()).isEqualTo("llava665k");
        assertThat(d.withSeed(7).withImages(false).withImageSize(128).withRecords(5).withYesShare(0.5).withSamples(3))
                .isEqualTo(new SynthOptions(3, 5, 7, 128, false, "world", 0.5));
    }

    @Test
    void labelsCarryTheWorldsSentenceAndForYesNoTheOtherAnswerWhichTheOracleJudgesFalse(@TempDir Path tmp) throws IOException {
        WorldSynthesizer.synthesize(tmp, SynthOptions.defaults().withSamples(150));
        SceneOracle oracle = SceneOracle.load(tmp.resolve("scenes.jsonl"));
        java.util.Map<String, LlavaRecord> records = new java.util.HashMap<>();
        read(tmp.resolve("llava.json")).forEach(r -> records.put(r.id(), r));
        int yesNo = 0;
        int sentences = 0;
        int existence = 0;
        for (String line : Files.readAllLines(tmp.resolve("labels.jsonl"))) {
            JsonNode l = Json.mapper().readTree(line);
            LlavaRecord r = records.get(l.get("id").asText());
            if (!l.hasNonNull("sentence")) {
                assertThat(l.has("opposite")).isFalse();
                continue;
            }
            sentences++;
            String asked = r.conversations().get(2 * l.get("turn").asInt()).value().replace("<image>", "").strip();
            assertThat(asked).as("the turn's question").startsWith(l.get("question").asText());
            if (!l.hasNonNull("opposite")) {
                continue;
            }
            yesNo++;
            String sentence = l.get("sentence").asText();
            String opposite = l.get("opposite").asText();
            assertThat(opposite.startsWith("Yes")).as(opposite).isEqualTo(sentence.startsWith("No"));
            Category c = Category.valueOf(l.get("expected").asText().toUpperCase(java.util.Locale.ROOT));
            assertThat(oracle.verify(r.image(), c, l.get("question").asText(), opposite)).as(line)
                    .isNotEqualTo(org.vapr.core.Verdict.TRUE);
            if (c == Category.EXISTENCE) {
                existence++;
                assertThat(oracle.verify(r.image(), c, l.get("question").asText(), opposite)).as(line)
                        .isEqualTo(org.vapr.core.Verdict.FALSE);
                assertThat(oracle.verify(r.image(), c, l.get("question").asText(), sentence)).as(line)
                        .isEqualTo(org.vapr.core.Verdict.TRUE);
            }
        }
        assertThat(existence).isGreaterThan(20);
        assertThat(sentences).isGreaterThan(200);
        assertThat(yesNo).isGreaterThan(40);
    }
}
