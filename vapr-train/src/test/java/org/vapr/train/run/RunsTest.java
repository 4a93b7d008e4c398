package org.vapr.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.train.loop.TrainingListener;
import org.vapr.train.loop.TrainingLoop;
import org.vapr.train.model.WorldVlm;
import org.vapr.train.objective.DpoLoss;
import org.vapr.train.objective.DpoLossType;
import org.vapr.train.objective.DpoSettings;
import org.vapr.train.objective.PairDumpLine;
import org.vapr.train.objective.PairLogProbs;
import org.vapr.train.objective.PreferenceMetrics;

/** SFT then DPO with the real world model on a tiny corpus: outputs, manifest, dump, resume. */
class RunsTest {
    @TempDir
    static Path tmp;
    static Path world;
    static Path sftModel;

    static RunControl control(List<TrainingListener> extra, int checkpointEvery, boolean resume) {
        return new RunControl(5, 2, 1, checkpointEvery, resume, true, "test", extra);
    }

    static Overrides sftOverrides() {
        return new Overrides(1, 2e-3, 8, 1, 0.0, null, null, null, null, null, null, null, null, null);
    }

    @BeforeAll
    static void sft() throws IOException {
        world = tmp.resolve("world");
        TinyWorld.write(world, 8);
        sftModel = tmp.resolve("sft");
        SftRun.Result r = new SftRun(world.resolve("llava.json"), world, sftModel, null, null, TrainingPreset.WORLD,
                sftOverrides(), control(List.of(), 0, false)).run();
        assertThat(r.rows()).isEqualTo(16);
        assertThat(r.skipped().asMap()).containsEntry("missing_image", 1L).containsEntry("no_image", 1L);
        assertThat(r.steps()).isEqualTo(2);
    }

    @Test
    void sftWritesALoadableModelDirectoryWithMetricsAndManifest() throws IOException {
        assertThat(sftModel.resolve("config.json")).exists();
        assertThat(sftModel.resolve("tokenizer.json")).exists();
        List<String> metrics = Files.readAllLines(sftModel.resolve("metrics.jsonl"));
        assertThat(metrics).hasSize(2);
        assertThat(Json.mapper().readTree(metrics.get(1)).get("loss").asDouble()).isPositive();
        JsonNode m = Json.mapper().readTree(sftModel.resolve("manifest.json").toFile());
        assertThat(m.at("/options/preset").asText()).isEqualTo("world");
        assertThat(m.at("/options/learning_rate").asDouble()).isEqualTo(2e-3);
        assertThat(m.at("/options/batch_size").asInt()).isEqualTo(8);
        assertThat(m.at("/counts/rows").asInt()).isEqualTo(16);
        assertThat(m.at("/counts/skipped_by_reason/missing_image").asInt()).isEqualTo(1);
        try (WorldVlm loaded = WorldVlm.load(sftModel)) {
            assertThat(loaded.tokenizer().id("yellow")).isGreaterThan(0);
        }
    }

    /** DPO from the SFT model on the world's pairs, world preset, LoRA, sigmoid loss: what the tests vary from. */
    static DpoRun.Builder worldDpo(Path out, Overrides o, RunControl control) {
        return DpoRun.builder().setModel(sftModel).setPairs(world.resolve("pairs.jsonl")).setImages(world).setOut(out)
                .setPreset(TrainingPreset.WORLD).setControl(control).optLoss(DpoLossType.SIGMOID).optOverrides(o);
    }

    static DpoRun dpo(Path out, Path dump, int epochs, int checkpointEvery, boolean resume, List<TrainingListener> extra) {
        Overrides o = new Overrides(epochs, 5e-3, 4, 2, 0.1, null, null, null, null, 4, 8.0, null, null, 0.5);
        return worldDpo(out, o, control(extra, checkpointEvery, resume)).optEvalPairs(world.resolve("eval-pairs.jsonl"))
                .optDumpPairs(dump).optMerge(true).build();
    }

    @Test
    void dpoWithLoraWritesAdaptersMergedModelDumpAndRecomputableEvalMetrics() throws IOException {
        Path out = tmp.resolve("dpo");
        Path dump = out.resolve("dump.jsonl");
        DpoRun run = dpo(out, dump, 2, 0, false, List.of());
        DpoRun.Result r = run.run();
        assertThat(r.pairs()).isEqualTo(6);
        assertThat(r.evalPairs()).isEqualTo(2);
        assertThat(r.steps()).isEqualTo(2); // 6 pairs, micro 4, accum 2 → 1 step/epoch
        for (String f : List.of("model/config.json", "model/adapter_config.json", "adapter/adapter.safetensors",
                "merged/model.safetensors", "reference-logps.jsonl", "metrics.jsonl", "manifest.json")) {
            assertThat(out.resolve(f)).as(f).exists();
        }
        assertThat(out.resolve("merged/adapter_config.json")).doesNotExist();
        assertThat(Files.readAllLines(out.resolve("reference-logps.jsonl"))).hasSize(8);
        List<PairDumpLine> lines = new ArrayList<>();
        for (String l : Files.readAllLines(dump)) {
            lines.add(Json.mapper().readValue(l, PairDumpLine.class));
        }
        assertThat(lines).hasSize(2 * 8);
        DpoLoss loss = new DpoLoss(run.dpoSettings());
        List<JsonNode> evals = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            JsonNode n = Json.mapper().readTree(l);
            if (n.has("eval_loss")) {
                evals.add(n);
            } else {
                assertThat(n.has("rewards/accuracies") && n.has("logps/rejected") && n.has("grad_norm")).isTrue();
            }
        }
        assertThat(evals).hasSize(2);
        for (int epoch = 1; epoch <= 2; epoch++) {
            int e = epoch;
            PairLogProbs[] p = lines.stream().filter(d -> d.epoch() == e && d.split().equals("eval"))
                    .map(PairDumpLine::logProbs).toArray(PairLogProbs[]::new);
            Map<String, Double> recomputed = PreferenceMetrics.evalPrefixed(PreferenceMetrics.of(loss,
                    PreferenceMetrics.loss(loss, p), p));
            recomputed.forEach((k, v) -> assertThat(evals.get(e - 1).get(k).asDouble()).as(k).isEqualTo(v));
        }
        JsonNode m = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.at("/options/lora/rank").asInt()).isEqualTo(4);
        assertThat(m.at("/options/beta").asDouble()).isEqualTo(0.5);
        assertThat(m.at("/options/max_length").asInt()).isEqualTo(64);
        assertThat(m.at("/reference/kind").asText()).isEqualTo("adapters_disabled");
        try (WorldVlm policy = WorldVlm.load(out.resolve("model"))) {
            assertThat(policy.hasAdapters()).isTrue();
        }
    }

    @Test
    void contrastImagesAddTheConditionalTermWhichStartsAtLog2AndTeachesTheImage() throws IOException {
        // each pair's contrast image is the next image, of another color: the chosen answer is wrong there
        List<String> lines = new ArrayList<>();
        List<String> original = Files.readAllLines(world.resolve("pairs.jsonl"));
        for (int i = 0; i < original.size(); i++) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(original.get(i));
            o.put("contrast_image", i == original.size() - 1 ? "images/none.png" : String.format("images/%02d.png", i + 1));
            lines.add(Json.mapper().writeValueAsString(o));
        }
        Path pairs = tmp.resolve("contrast-pairs.jsonl");
        Files.write(pairs, lines);
        List<String> evalLines = new ArrayList<>();
        for (String l : Files.readAllLines(world.resolve("eval-pairs.jsonl"))) {
            com.fasterxml.jackson.databind.node.ObjectNode o = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().readTree(l);
            o.put("contrast_image", "images/00.png");
            evalLines.add(Json.mapper().writeValueAsString(o));
        }
        Path evalPairs = tmp.resolve("contrast-eval-pairs.jsonl");
        Files.write(evalPairs, evalLines);
        Path out = tmp.resolve("dpo-conditional");
        Path dump = out.resolve("dump.jsonl");
        Overrides o = new Overrides(3, 5e-3, 4, 2, 0.0, null, null, null, null, 4, 8.0, null, null, 0.5);
        // with mDPO's anchored term too (weight 0.5)
        DpoRun run = worldDpo(out, o, control(List.of(), 0, false)).setPairs(pairs).optEvalPairs(evalPairs).optDumpPairs(dump)
                .optConditionalWeight(1.0).optAnchorWeight(0.5).build();
        DpoRun.Result r = run.run();
        assertThat(r.pairs()).isEqualTo(5);
        assertThat(r.skipped().asMap()).containsEntry("missing_contrast_image", 1L);
        JsonNode m = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.at("/options/conditional_weight").asDouble()).isEqualTo(1.0);
        assertThat(m.at("/options/anchor_weight").asDouble()).isEqualTo(0.5);
        assertThat(m.at("/counts/contrast_pairs").asInt()).isEqualTo(5);
        assertThat(Files.readAllLines(out.resolve("reference-logps.jsonl")))
                .allMatch(l -> l.contains("\"logp_chosen_contrast\""));
        List<JsonNode> steps = new ArrayList<>();
        List<JsonNode> evals = new ArrayList<>();
        for (String l : Files.readAllLines(out.resolve("metrics.jsonl"))) {
            JsonNode n = Json.mapper().readTree(l);
            (n.has("eval_loss") ? evals : steps).add(n);
        }
        assertThat(steps).hasSize(3);
        // the eval metrics, the conditional ones and the loss with the term included, are recomputed from the dump
        List<PairDumpLine> dumped = new ArrayList<>();
        for (String l : Files.readAllLines(dump)) {
            dumped.add(Json.mapper().readValue(l, PairDumpLine.class));
        }
        assertThat(dumped).allMatch(d -> d.logpChosenContrast() != null && d.refLogpChosenContrast() != null);
        DpoLoss loss = new DpoLoss(run.dpoSettings());
        for (int epoch = 1; epoch <= 3; epoch++) {
            int e = epoch;
            Map<String, Double> recomputed = PreferenceMetrics.evalPrefixed(PreferenceMetrics.ofLines(loss,
                    dumped.stream().filter(d -> d.epoch() == e && d.split().equals("eval")).toList()));
            assertThat(recomputed).containsKeys("eval_conditional/accuracies", "eval_conditional/loss", "eval_anchor/loss",
                    "eval_anchor/accuracies");
            recomputed.forEach((k, v) -> assertThat(evals.get(e - 1).get(k).asDouble()).as(k).isEqualTo(v));
        }
        // at the first step the policy is the reference: every margin is 0 and the term is log 2
        assertThat(steps.get(0).get("conditional/loss").asDouble()).isCloseTo(Math.log(2), org.assertj.core.api.Assertions.within(1e-4));
        assertThat(steps.get(0).get("conditional/margins").asDouble()).isCloseTo(0, org.assertj.core.api.Assertions.within(1e-4));
        assertThat(steps.get(0).get("anchor/loss").asDouble()).isCloseTo(Math.log(2), org.assertj.core.api.Assertions.within(1e-4));
        // the step's loss is the DPO term plus 1.0 x the conditional and 0.5 x the anchored term (all log 2 at the start)
        assertThat(steps.get(0).get("loss").asDouble()).isCloseTo(2.5 * Math.log(2), org.assertj.core.api.Assertions.within(1e-4));
        assertThat(steps.get(2).get("conditional/margins").asDouble()).isPositive();
        assertThat(steps.get(2).get("conditional/loss").asDouble()).isLessThan(Math.log(2));
    }

    @Test
    void blankContrastGivesEveryPairWithoutAContrastImageAGrayOne() throws IOException {
        Path out = tmp.resolve("dpo-blank");
        Overrides o = new Overrides(1, 5e-3, 4, 2, 0.0, null, null, null, null, 4, 8.0, null, null, 0.5);
        DpoRun run = worldDpo(out, o, control(List.of(), 0, false)).optEvalPairs(world.resolve("eval-pairs.jsonl"))
                .optConditionalWeight(1.0).optBlankContrast(true).build();
        DpoRun.Result r = run.run();
        JsonNode m = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.at("/counts/contrast_pairs").asInt()).isEqualTo(r.pairs());
        assertThat(m.at("/counts/blank_contrast_pairs").asInt()).isEqualTo(r.pairs());
        java.awt.image.BufferedImage blank = javax.imageio.ImageIO.read(out.resolve("blank-contrast.png").toFile());
        assertThat(blank.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x808080);
        assertThat(blank.getRGB(blank.getWidth() - 1, blank.getHeight() - 1) & 0xFFFFFF).isEqualTo(0x808080);
        JsonNode first = Json.mapper().readTree(Files.readAllLines(out.resolve("metrics.jsonl")).get(0));
        assertThat(first.get("conditional/loss").asDouble()).isCloseTo(Math.log(2), org.assertj.core.api.Assertions.within(1e-4));
        assertThat(Files.readString(out.resolve("metrics.jsonl"))).contains("eval_conditional/accuracies");
        // without the conditional term a blank contrast would do nothing: refused before anything is written
        DpoRun useless = worldDpo(tmp.resolve("dpo-useless"), o, control(List.of(), 0, false)).optBlankContrast(true).build();
        assertThatThrownBy(useless::run).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--conditional-weight");
        assertThat(tmp.resolve("dpo-useless")).doesNotExist();
    }

    @Test
    void theBuilderNamesARequiredSettingLeftUnset() {
        assertThatThrownBy(() -> DpoRun.builder().setModel(sftModel).setPairs(world.resolve("pairs.jsonl")).setImages(world)
                .setPreset(TrainingPreset.WORLD).setControl(control(List.of(), 0, false)).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("DpoRun.Builder: out is not set");
        DpoRun defaults = worldDpo(tmp.resolve("d"), Overrides.none(), control(List.of(), 0, false)).build();
        assertThat(defaults.dpoSettings()).isEqualTo(new DpoSettings(DpoLossType.SIGMOID, TrainingPreset.WORLD.beta(), 0,
                DpoSettings.DEFAULT_SIMPO_GAMMA, 0, 0, 0));
        assertThat(defaults.full()).isFalse();
        assertThat(defaults.blankContrast()).isFalse();
    }

    @Test
    void aMalformedPairNamesFileLineAndField() throws IOException {
        Path bad = tmp.resolve("bad.jsonl");
        Files.writeString(bad, "{\"id\":\"a\",\"image\":\"images/00.png\",\"prompt\":\"q\",\"chosen\":\"c\",\"rejected\":3}\n");
        assertThatThrownBy(() -> PairsFile.read(bad, world, new org.vapr.core.manifest.Tally()))
                .isInstanceOf(InputException.class)
                .hasMessage(bad + ": line 1 (byte 0): field 'rejected': expected a string, got number");
    }

    @Test
    void trlFormatPairsAreReadToo() throws IOException {
        Path trl = tmp.resolve("trl.jsonl");
        Files.writeString(trl, "{\"images\":[\"images/01.png\"],\"prompt\":[{\"role\":\"user\",\"content\":[{\"type\":\"image\"},"
                + "{\"type\":\"text\",\"text\":\"What color?\"}]}],\"chosen\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"text\","
                + "\"text\":\"green\"}]}],\"rejected\":[{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"red\"}]}]}\n");
        List<PreferenceText> p = PairsFile.read(trl, world, new org.vapr.core.manifest.Tally());
        assertThat(p).containsExactly(new PreferenceText("line-1", world.resolve("images/01.png"), "What color?", "green", "red", null));
    }
}
