package org.vapr.train.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.RunManifest;

class TrainingConfigExportTest {
    private static final YAMLMapper YAML = new YAMLMapper();
    /** A scalar in exponent notation: PyYAML (YAML 1.1) reads {@code 1e-06} as a string, not a float. */
    private static final Pattern EXPONENT = Pattern.compile(":\\s*-?\\d+(\\.\\d*)?[eE][-+]?\\d+\\s*$", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    private static JsonNode yaml(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    private static JsonNode json(Path file) throws IOException {
        return Json.mapper().readTree(file.toFile());
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    @ParameterizedTest
    @EnumSource(BaseCheckpoint.class)
    void llamaFactoryYamlFollowsThePaperAndResolves(BaseCheckpoint checkpoint) throws IOException {
        Path data = BuildDirFixture.write(tmp);
        Path out = tmp.resolve("lf");
        ExportResult result = TrainingConfigExport.run(ExportRequest.of(TrainingEngine.LLAMAFACTORY, checkpoint, data, out, 8, 7));

        Path yamlFile = out.resolve(checkpoint.id() + "_lora_dpo.yaml");
        assertThat(result.mainConfig()).isEqualTo(yamlFile);
        String text = Files.readString(yamlFile);
        assertThat(EXPONENT.matcher(text).find()).as("no exponent notation in\n%s", text).isFalse();
        JsonNode y = yaml(yamlFile);
        assertThat(KeyAllowList.load(KeyAllowList.LLAMAFACTORY).disallowed(y)).isEmpty();

        assertThat(y.get("model_name_or_path").asText()).isEqualTo(checkpoint.huggingFaceId());
        assertThat(y.get("stage").asText()).isEqualTo("dpo");
        assertThat(y.get("do_train").isBoolean()).isTrue();
        assertThat(y.get("finetuning_type").asText()).isEqualTo("lora");
        assertThat(y.get("lora_rank").asInt()).isEqualTo(128);
        assertThat(y.get("lora_alpha").asInt()).isEqualTo(256);
        assertThat(y.get("lora_target").asText()).isEqualTo("all");
        assertThat(y.get("pref_beta").asDouble()).isEqualTo(0.1);
        assertThat(y.get("pref_loss").asText()).isEqualTo("sigmoid");
        assertThat(y.get("learning_rate").isNumber()).isTrue();
        assertThat(y.get("learning_rate").asDouble()).isEqualTo(1e-6);
        assertThat(y.get("num_train_epochs").asDouble()).isEqualTo(5.0);
        assertThat(y.get("cutoff_len").asInt()).isEqualTo(2048);
        assertThat(y.get("lr_scheduler_type").asText()).isEqualTo("cosine");
        assertThat(y.get("bf16").asBoolean()).isTrue();
        assertThat(y.get("seed").asLong()).isEqualTo(7);
        assertThat(y.get("per_device_train_batch_size").asInt() * y.get("gradient_accumulation_steps").asInt() * 8)
                .isEqualTo(32);
        boolean llava = checkpoint.family() == ModelFamily.LLAVA;
        assertThat(y.get("template").asText()).isEqualTo(llava ? "llava" : "qwen2_vl");
        assertThat(y.get("warmup_ratio").asDouble()).isEqualTo(llava ? 0.03 : 0.1);

        // the dataset name resolves in dataset_dir/dataset_info.json, and its file exists
        Path datasetDir = Path.of(y.get("dataset_dir").asText());
        assertThat(datasetDir).isAbsolute();
        JsonNode entry = json(datasetDir.resolve("dataset_info.json")).get(y.get("dataset").asText());
        assertThat(entry).isNotNull();
        assertThat(datasetDir.resolve(entry.get("file_name").asText())).isRegularFile();
        assertThat(Path.of(y.get("media_dir").asText())).isEqualTo(tmp.resolve("world").toAbsolutePath());
        // ... and in the copy written beside the YAML, with an absolute file_name
        JsonNode copy = json(out.resolve("dataset_info.json")).get(y.get("dataset").asText());
        assertThat(Path.of(copy.get("file_name").asText())).isAbsolute().isRegularFile();
        assertThat(copy.get("ranking").asBoolean()).isTrue();

        // DeepSpeed: ZeRO-3 from 13B up, ZeRO-2 otherwise; the file exists and its keys are allowed
        Path ds = Path.of(y.get("deepspeed").asText());
        assertThat(ds).isRegularFile().hasFileName(checkpoint.billionParameters() >= 13 ? "ds_z3_config.json" : "ds_z2_config.json");
        assertThat(json(ds).at("/zero_optimization/stage").asInt()).isEqualTo(checkpoint.billionParameters() >= 13 ? 3 : 2);
        assertThat(KeyAllowList.load(KeyAllowList.DEEPSPEED).disallowed(json(ds))).isEmpty();
        assertThat(out.resolve("ds_z2_config.json")).isRegularFile();

        String readme = Files.readString(out.resolve("README.md"));
        assertThat(readme).contains("FORCE_TORCHRUN=1 NNODES=1 NPROC_PER_NODE=8 llamafactory-cli train " + yamlFile)
                .contains(checkpoint.huggingFaceId());
        JsonNode manifest = json(out.resolve("manifest.json"));
        assertThat(manifest.get("command").asText()).isEqualTo("export");
        assertThat(manifest.at("/counts/pairs").asLong()).isEqualTo(BuildDirFixture.PAIRS);
        assertThat(manifest.at("/options/model").asText()).isEqualTo(checkpoint.id());
        assertThat(manifest.at("/seeds/seed").asLong()).isEqualTo(7);
        assertThat(result.stepsPerEpoch()).isEqualTo(2); // 40 pairs / 32 per step, rounded up
    }

    @Test
    void oneGpuAccumulatesTheWholeBatchAndLeavesDeepSpeedOut() throws IOException {
        Path data = BuildDirFixture.write(tmp);
        Path out = tmp.resolve("lf1");
        TrainingConfigExport.run(ExportRequest.of(TrainingEngine.LLAMAFACTORY, BaseCheckpoint.LLAVA_1_5_13B, data, out, 1, 42));
        JsonNode y = yaml(out.resolve("llava-1.5-13b_lora_dpo.yaml"));
        assertThat(y.get("per_device_train_batch_size").asInt()).isEqualTo(1);
        assertThat(y.get("gradient_accumulation_steps").asInt()).isEqualTo(32);
        assertThat(y.has("deepspeed")).isFalse();
        assertThat(Files.readString(out.resolve("README.md"))).contains("\nllamafactory-cli train " + out.toAbsolutePath());
    }

    @ParameterizedTest
    @EnumSource(BaseCheckpoint.class)
    void trlConfigsFollowThePaperAndResolve(BaseCheckpoint checkpoint) throws IOException {
        Path data = BuildDirFixture.write(tmp);
        Path out = tmp.resolve("trl");
        ExportResult result = TrainingConfigExport.run(ExportRequest.of(TrainingEngine.TRL, checkpoint, data, out, 4, 42));
        assertThat(result.mainConfig()).isEqualTo(out.resolve("train_dpo.py")).isRegularFile();
        assertThat(Files.readString(result.mainConfig())).contains("DPOTrainer(", "DPOConfig(", "LoraConfig(", "AutoProcessor");

        JsonNode dpo = json(out.resolve("dpo_config.json"));
        assertThat(KeyAllowList.load(KeyAllowList.TRL_DPO_CONFIG).disallowed(dpo)).isEmpty();
        assertThat(dpo.get("beta").asDouble()).isEqualTo(0.1);
        assertThat(dpo.get("loss_type").asText()).isEqualTo("sigmoid");
        assertThat(dpo.get("learning_rate").asDouble()).isEqualTo(1e-6);
        assertThat(dpo.get("num_train_epochs").asDouble()).isEqualTo(5.0);
        assertThat(dpo.get("max_length").asInt()).isEqualTo(2048);
        assertThat(dpo.get("lr_scheduler_type").asText()).isEqualTo("cosine");
        assertThat(dpo.get("bf16").asBoolean()).isTrue();
        assertThat(dpo.get("seed").asLong()).isEqualTo(42);
        assertThat(dpo.get("warmup_ratio").asDouble()).isEqualTo(checkpoint.family() == ModelFamily.LLAVA ? 0.03 : 0.1);

        JsonNode acc = yaml(out.resolve("accelerate_config.yaml"));
        assertThat(KeyAllowList.load(KeyAllowList.ACCELERATE).disallowed(acc)).isEmpty();
        int processes = acc.get("num_processes").asInt();
        assertThat(processes).isEqualTo(4);
        assertThat(dpo.get("per_device_train_batch_size").asInt() * dpo.get("gradient_accumulation_steps").asInt() * processes)
                .isEqualTo(32);
        assertThat(acc.at("/deepspeed_config/zero_stage").asInt()).isEqualTo(checkpoint.billionParameters() >= 13 ? 3 : 2);
        // "no" unquoted would be a YAML 1.1 boolean for accelerate's PyYAML loader
        assertThat(Files.readString(out.resolve("accelerate_config.yaml"))).containsPattern("downcast_bf16: [\"']no[\"']");

        JsonNode lora = json(out.resolve("lora_config.json"));
        assertThat(KeyAllowList.load(KeyAllowList.PEFT_LORA_CONFIG).disallowed(lora)).isEmpty();
        assertThat(lora.get("r").asInt()).isEqualTo(128);
        assertThat(lora.get("lora_alpha").asInt()).isEqualTo(256);
        Pattern target = Pattern.compile(lora.get("target_modules").asText());
        assertThat(target.matcher("model.language_model.layers.3.self_attn.q_proj").matches()).isTrue();
        assertThat(target.matcher("language_model.model.layers.0.mlp.down_proj").matches()).isTrue();
        assertThat(target.matcher("vision_tower.vision_model.encoder.layers.0.self_attn.q_proj").matches()).isFalse();
        assertThat(target.matcher("visual.blocks.0.mlp.gate_proj").matches()).isFalse();

        JsonNode run = json(out.resolve("run.json"));
        assertThat(run.get("model_name_or_path").asText()).isEqualTo(checkpoint.huggingFaceId());
        assertThat(run.get("model_class").asText()).isEqualTo(checkpoint.family().transformersClass());
        assertThat(Path.of(run.get("train_file").asText())).isAbsolute().isRegularFile();
        assertThat(Path.of(run.get("image_root").asText())).isEqualTo(tmp.resolve("world").toAbsolutePath());
        assertThat(Files.readString(out.resolve("README.md")))
                .contains("accelerate launch --config_file " + out.resolve("accelerate_config.yaml").toAbsolutePath());
    }

    @Test
    void familiesGetTheirOwnClassesAndWarmUp() {
        assertThat(ModelFamily.LLAVA.transformersClass()).isNotEqualTo(ModelFamily.QWEN2_VL.transformersClass());
        assertThat(ModelFamily.QWEN2_VL.transformersClass()).isNotEqualTo(ModelFamily.QWEN2_5_VL.transformersClass());
        assertThat(ModelFamily.LLAVA.warmupRatio()).isLessThan(ModelFamily.QWEN2_VL.warmupRatio());
        assertThat(BaseCheckpoint.parse("Qwen2.5-VL-7B")).isEqualTo(BaseCheckpoint.QWEN2_5_VL_7B);
        assertThatThrownBy(() -> BaseCheckpoint.parse("llava-2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("llava-1.5-7b");
    }

    @Test
    void sameRequestGivesSameBytes() throws IOException {
        Path data = BuildDirFixture.write(tmp);
        for (TrainingEngine engine : TrainingEngine.values()) {
            Path a = tmp.resolve(engine.id() + "-a");
            Path b = tmp.resolve(engine.id() + "-b");
            Clock t1 = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
            Clock t2 = Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);
            ExportRequest base = ExportRequest.of(engine, BaseCheckpoint.QWEN2_VL_7B, data, a, 8, 3);
            Path runDir = tmp.resolve("run");
            ExportRequest ra = new ExportRequest(engine, base.checkpoint(), data, null, null, a, 8, null, runDir, 3, null);
            ExportRequest rb = new ExportRequest(engine, base.checkpoint(), data, null, null, b, 8, null, runDir, 3, null);
            ExportResult x = TrainingConfigExport.run(ra, t1);
            TrainingConfigExport.run(rb, t2);
            List<String> names = new ArrayList<>();
            for (Path f : x.files()) {
                names.add(f.getFileName().toString());
            }
            for (String name : names) {
                if (name.equals("manifest.json")) {
                    continue;
                }
                // outputs differ only by the output directory they name
                assertThat(Files.readString(b.resolve(name)).replace(b.toString(), a.toString()))
                        .as(name).isEqualTo(Files.readString(a.resolve(name)));
            }
            ObjectNode ma = (ObjectNode) json(a.resolve("manifest.json"));
            ObjectNode mb = (ObjectNode) json(b.resolve("manifest.json"));
            ma.remove(RunManifest.TIMING_KEYS);
            mb.remove(RunManifest.TIMING_KEYS);
            assertThat(mb.toString().replace(b.toString(), a.toString())).isEqualTo(ma.toString());
            // and writing into the same directory again gives identical bytes
            byte[] before = Files.readAllBytes(x.mainConfig());
            TrainingConfigExport.run(ra, t2);
            assertThat(Files.readAllBytes(x.mainConfig())).isEqualTo(before);
        }
    }

    @Test
    void overridesReplaceThePapersValues() throws IOException {
        Path data = BuildDirFixture.write(tmp);
        Path out = tmp.resolve("o");
        RecipeOverrides o = new RecipeOverrides(3.0, 5e-6, 0.2, 64, null, 0.05, 64, 4, 4096);
        TrainingConfigExport.run(new ExportRequest(TrainingEngine.LLAMAFACTORY, BaseCheckpoint.QWEN2_VL_2B, data, null, null,
                out, 2, o, null, 42, null));
        JsonNode y = yaml(out.resolve("qwen2-vl-2b_lora_dpo.yaml"));
        assertThat(y.get("num_train_epochs").asDouble()).isEqualTo(3.0);
        assertThat(y.get("learning_rate").asDouble()).isEqualTo(5e-6);
        assertThat(y.get("pref_beta").asDouble()).isEqualTo(0.2);
        assertThat(y.get("lora_rank").asInt()).isEqualTo(64);
        assertThat(y.get("lora_alpha").asInt()).isEqualTo(128);
        assertThat(y.get("warmup_ratio").asDouble()).isEqualTo(0.05);
        assertThat(y.get("cutoff_len").asInt()).isEqualTo(4096);
        assertThat(y.get("per_device_train_batch_size").asInt()).isEqualTo(4);
        assertThat(y.get("gradient_accumulation_steps").asInt()).isEqualTo(8);
    }

    @Test
    void batchesThatDoNotSplitAreRejected() {
        assertThatThrownBy(() -> DpoRecipe.of(BaseCheckpoint.LLAVA_1_5_7B, 3, null, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 GPUs");
        assertThatThrownBy(() -> DpoRecipe.of(BaseCheckpoint.LLAVA_1_5_7B, 8,
                new RecipeOverrides(null, null, null, null, null, null, null, 3, null), 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per-device batch 3");
        DpoRecipe wide = DpoRecipe.of(BaseCheckpoint.LLAVA_1_5_7B, 32, null, 1);
        assertThat(wide.perDeviceBatch()).isEqualTo(1);
        assertThat(wide.gradientAccumulation()).isEqualTo(1);
    }

    @Test
    void mergesIntoAnExistingDatasetInfo() throws IOException {
        Path data = BuildDirFixture.write(tmp);
        Path out = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(out.resolve("dataset_info.json"), "{\"other\":{\"file_name\":\"x.json\"}}");
        TrainingConfigExport.run(ExportRequest.of(TrainingEngine.LLAMAFACTORY, BaseCheckpoint.LLAVA_1_5_7B, data, out, 8, 42));
        assertThat(keys(json(out.resolve("dataset_info.json")))).containsExactlyInAnyOrder("other", "vapr");
    }

    @Test
    void badDatasetDirectoriesAreOneLineInputErrors() throws IOException {
        Path data = BuildDirFixture.write(tmp);
        Path out = tmp.resolve("bad");
        Path missing = tmp.resolve("nope");
        assertInputError(ExportRequest.of(TrainingEngine.LLAMAFACTORY, BaseCheckpoint.LLAVA_1_5_7B, missing, out, 8, 1), "not a directory");

        Path noLf = Files.createDirectories(tmp.resolve("empty"));
        assertInputError(ExportRequest.of(TrainingEngine.LLAMAFACTORY, BaseCheckpoint.LLAVA_1_5_7B, noLf, out, 8, 1),
                "missing llamafactory directory");
        assertInputError(ExportRequest.of(TrainingEngine.TRL, BaseCheckpoint.LLAVA_1_5_7B, noLf, out, 8, 1), "train.jsonl: missing");

        Path info = data.resolve("llamafactory/dataset_info.json");
        String good = Files.readString(info);
        Files.writeString(info, good.replace("\"ranking\" : true", "\"ranking\" : false"));
        assertInputError(ExportRequest.of(TrainingEngine.LLAMAFACTORY, BaseCheckpoint.LLAVA_1_5_7B, data, out, 8, 1),
                "entry 'vapr': field ranking must be true");
        Files.writeString(info, good.replace("vapr.json", "gone.json"));
        assertInputError(ExportRequest.of(TrainingEngine.LLAMAFACTORY, BaseCheckpoint.LLAVA_1_5_7B, data, out, 8, 1),
                "field file_name");
        Files.writeString(info, "{\"a\":{\"file_name\":\"vapr.json\",\"ranking\":true},\"b\":{\"file_name\":\"vapr.json\",\"ranking\":true}}");
        assertInputError(ExportRequest.of(TrainingEngine.LLAMAFACTORY, BaseCheckpoint.LLAVA_1_5_7B, data, out, 8, 1),
                "--dataset-name");
        Files.writeString(info, "{not json");
        assertInputError(ExportRequest.of(TrainingEngine.LLAMAFACTORY, BaseCheckpoint.LLAVA_1_5_7B, data, out, 8, 1),
                "not valid JSON");
        Files.writeString(info, good);
        Files.writeString(data.resolve("llamafactory/vapr.json"), "[]");
        assertInputError(ExportRequest.of(TrainingEngine.LLAMAFACTORY, BaseCheckpoint.LLAVA_1_5_7B, data, out, 8, 1),
                "no preference pairs");
        assertThat(out).doesNotExist();
    }

    private static void assertInputError(ExportRequest request, String fragment) {
        assertThatThrownBy(() -> TrainingConfigExport.run(request))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(fragment)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void allowListFindsUnknownKeysAtAnyDepth() throws IOException {
        KeyAllowList ds = KeyAllowList.load(KeyAllowList.DEEPSPEED);
        JsonNode tree = Json.mapper().readTree("{\"bf16\":{\"enabled\":true},\"zero_optimization\":{\"stage\":2,\"stage_3\":1},\"fp32\":1}");
        assertThat(ds.disallowed(tree)).containsExactly("zero_optimization.stage_3", "fp32");
        assertThatThrownBy(() -> ds.check("x.json", tree)).isInstanceOf(IllegalStateException.class).hasMessageContaining("fp32");
        assertThat(Stream.of(KeyAllowList.LLAMAFACTORY, KeyAllowList.LLAMAFACTORY_DATASET_INFO, KeyAllowList.TRL_DPO_CONFIG,
                KeyAllowList.PEFT_LORA_CONFIG, KeyAllowList.DEEPSPEED, KeyAllowList.ACCELERATE).map(KeyAllowList::load))
                .allSatisfy(l -> assertThat(l.keys()).isNotEmpty().noneMatch(k -> k.contains(" ")));
        assertThat(KeyAllowList.load(KeyAllowList.TRL_DPO_CONFIG).keys()).doesNotContain("max_prompt_length");
    }
}
