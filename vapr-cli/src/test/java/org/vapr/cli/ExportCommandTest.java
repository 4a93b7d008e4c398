package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;

/** {@code vapr export} on the output of a real {@code vapr build}, through the real parser. */
class ExportCommandTest {
    @TempDir
    static Path tmp;
    static Path built;

    @BeforeAll
    static void build() {
        Path world = tmp.resolve("world");
        assertThat(CliRun.of("synth", "--out", world.toString(), "--samples", "40", "--image-size", "32", "--seed", "5", "-q").exitCode()).isZero();
        built = tmp.resolve("vapr");
        CliRun b = CliRun.of("build", "--input", world.resolve("llava.json").toString(), "--images", world.toString(),
                "--out", built.toString(), "--size", "12", "-q");
        assertThat(b.exitCode()).as(b.err()).isZero();
    }

    @Test
    void llamaFactoryExportWritesAResolvableYaml() throws IOException {
        Path out = tmp.resolve("lf");
        CliRun r = CliRun.of("export", "llamafactory", "--model", "qwen2.5-vl-7b", "--dataset", built.toString(),
                "--out", out.toString(), "--gpus", "4", "--epochs", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Qwen/Qwen2.5-VL-7B-Instruct").contains("2 x 4 x 4 GPU(s) = 32 per step")
                .contains("run: FORCE_TORCHRUN=1 NNODES=1 NPROC_PER_NODE=4 llamafactory-cli train");
        Path yamlFile = out.resolve("qwen2.5-vl-7b_lora_dpo.yaml");
        JsonNode y = new YAMLMapper().readTree(yamlFile.toFile());
        assertThat(y.get("template").asText()).isEqualTo("qwen2_vl");
        assertThat(y.get("num_train_epochs").asDouble()).isEqualTo(3.0);
        assertThat(y.get("warmup_ratio").asDouble()).isEqualTo(0.1);
        Path datasetDir = Path.of(y.get("dataset_dir").asText());
        JsonNode entry = Json.mapper().readTree(datasetDir.resolve("dataset_info.json").toFile()).get(y.get("dataset").asText());
        assertThat(datasetDir.resolve(entry.get("file_name").asText())).isRegularFile();
        assertThat(Path.of(y.get("deepspeed").asText())).isRegularFile();
        // the images the dataset names exist under media_dir
        JsonNode first = Json.mapper().readTree(datasetDir.resolve(entry.get("file_name").asText()).toFile()).get(0);
        assertThat(Path.of(y.get("media_dir").asText()).resolve(first.at("/images/0").asText())).isRegularFile();
        JsonNode manifest = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.at("/options/command_line").asText()).startsWith("vapr export llamafactory --model qwen2.5-vl-7b");
        assertThat(Files.readString(out.resolve("README.md"))).contains("vapr export llamafactory --model qwen2.5-vl-7b");
    }

    @Test
    void trlExportWritesScriptAndConfigs() throws IOException {
        Path out = tmp.resolve("trl");
        CliRun r = CliRun.of("export", "trl", "--model", "llava-1.5-13b", "--dataset", built.toString(),
                "--out", out.toString(), "--seed", "9");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out.resolve("train_dpo.py")).isRegularFile();
        JsonNode dpo = Json.mapper().readTree(out.resolve("dpo_config.json").toFile());
        assertThat(dpo.get("per_device_train_batch_size").asInt() * dpo.get("gradient_accumulation_steps").asInt() * 8).isEqualTo(32);
        assertThat(dpo.get("warmup_ratio").asDouble()).isEqualTo(0.03);
        assertThat(dpo.get("seed").asLong()).isEqualTo(9);
        JsonNode acc = new YAMLMapper().readTree(out.resolve("accelerate_config.yaml").toFile());
        assertThat(acc.at("/deepspeed_config/zero_stage").asInt()).isEqualTo(3);
        JsonNode run = Json.mapper().readTree(out.resolve("run.json").toFile());
        assertThat(run.get("model_class").asText()).isEqualTo("LlavaForConditionalGeneration");
        assertThat(Path.of(run.get("train_file").asText())).isRegularFile();
    }

    @Test
    void aDirectoryThatIsNotABuildIsAOneLineInputError() throws IOException {
        Path notBuilt = Files.createDirectories(tmp.resolve("not-built"));
        CliRun r = CliRun.of("export", "llamafactory", "--model", "llava-1.5-7b", "--dataset", notBuilt.toString(),
                "--out", tmp.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(r.err().strip()).startsWith("vapr export: ").contains("missing llamafactory directory").doesNotContain("\n");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    @Test
    void badChoicesAreUsageErrors() {
        String[][] cases = {
            {"export", "axolotl", "--model", "llava-1.5-7b", "--dataset", "d", "--out", "o"},
            {"export", "trl", "--model", "llava-1.6-7b", "--dataset", "d", "--out", "o"},
            {"export", "trl", "--model", "llava-1.5-7b", "--dataset", "d"},
        };
        for (String[] args : cases) {
            CliRun r = CliRun.of(args);
            assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r.err()).isEqualTo(ExitCode.USAGE);
        }
        CliRun gpus = CliRun.of("export", "trl", "--model", "llava-1.5-7b", "--dataset", built.toString(),
                "--out", tmp.resolve("g").toString(), "--gpus", "3");
        assertThat(gpus.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(gpus.err()).contains("does not split evenly over 3 GPUs");
        assertThat(CliRun.of("export", "axolotl", "--model", "x", "--dataset", "d", "--out", "o").err())
                .contains("llamafactory, trl");
    }
}
