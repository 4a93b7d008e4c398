package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;

/** {@code vapr train} through the real parser: usage errors, missing files, an SFT → DPO run, divergence. */
class TrainCommandTest {
    @TempDir
    static Path tmp;
    static Path world;

    @BeforeAll
    static void tinyWorld() throws IOException {
        world = tmp.resolve("world");
        Files.createDirectories(world.resolve("images"));
        String[] names = {"red", "green", "blue", "yellow"};
        Color[] colors = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};
        List<Map<String, Object>> records = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = img.createGraphics();
            g.setColor(colors[i % 4]);
            g.fillRect(0, 0, 64, 64);
            g.dispose();
            String name = "images/" + i + ".png";
            ImageIO.write(img, "png", world.resolve(name).toFile());
            String c = names[i % 4];
            records.add(Map.of("id", "r" + i, "image", name, "conversations", List.of(
                    Map.of("from", "human", "value", "<image>\nWhat color is it?"),
                    Map.of("from", "gpt", "value", "It is " + c + "."))));
            pairs.add(Json.mapper().writeValueAsString(Map.of("id", "p" + i, "image", name, "category", "color",
                    "prompt", "What color is it?", "chosen", "It is " + c + ".", "rejected", "It is " + names[(i + 1) % 4] + ".")));
        }
        Files.writeString(world.resolve("llava.json"), Json.mapper().writeValueAsString(records));
        Files.write(world.resolve("pairs.jsonl"), pairs);
    }

    @Test
    void helpListsBothSubcommandsAndTheDivergenceCode() {
        CliRun r = CliRun.of("train", "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("sft").contains("dpo").contains("exit code " + TrainCommand.DIVERGED);
        CliRun dpo = CliRun.of("train", "dpo", "--help");
        assertThat(dpo.out()).contains("--lora-rank").contains("--dump-pairs").contains("--eval-pairs").contains("--resume");
    }

    @Test
    void aMissingRequiredOptionIsAUsageError() {
        CliRun r = CliRun.of("train", "sft", "--images", world.toString(), "--out", tmp.resolve("x").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).startsWith("vapr sft: Missing required option: '--data=FILE'");
    }

    @Test
    void anUnknownLossIsAUsageError() {
        CliRun r = CliRun.of("train", "dpo", "--model", world.toString(), "--pairs", "p", "--images", world.toString(),
                "--out", tmp.resolve("x").toString(), "--loss", "kto");
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("Invalid value for option '--loss'");
    }

    @Test
    void badValuesAndConflictsAreOneLineUsageErrors() {
        CliRun preset = CliRun.of("train", "sft", "--data", world.resolve("llava.json").toString(), "--images",
                world.toString(), "--out", tmp.resolve("y").toString(), "--preset", "huge", "-q");
        assertThat(preset.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(preset.err().strip()).isEqualTo("vapr sft: unknown preset 'huge' (expected paper-llava, paper-qwen or world)");
        CliRun conflict = CliRun.of("train", "dpo", "--model", world.toString(), "--pairs", world.resolve("pairs.jsonl").toString(),
                "--images", world.toString(), "--out", tmp.resolve("z").toString(), "--full", "--lora-rank", "4", "-q");
        assertThat(conflict.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(conflict.err().strip().lines()).hasSize(1);
        CliRun beta = CliRun.of("train", "dpo", "--model", world.toString(), "--pairs", world.resolve("pairs.jsonl").toString(),
                "--images", world.toString(), "--out", tmp.resolve("z").toString(), "--beta", "-1", "-q");
        assertThat(beta.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(beta.err().strip()).isEqualTo("vapr dpo: --beta must be a positive number, not -1.0");
        CliRun anchor = CliRun.of("train", "dpo", "--model", world.toString(), "--pairs", world.resolve("pairs.jsonl").toString(),
                "--images", world.toString(), "--out", tmp.resolve("z").toString(), "--anchor-weight", "-1", "-q");
        assertThat(anchor.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(anchor.err().strip()).isEqualTo("vapr dpo: --anchor-weight must be zero or positive, not -1.0");
        CliRun simpo = CliRun.of("train", "dpo", "--model", world.toString(), "--pairs", world.resolve("pairs.jsonl").toString(),
                "--images", world.toString(), "--out", tmp.resolve("z").toString(), "--loss", "simpo", "--anchor-weight", "1", "-q");
        assertThat(simpo.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(simpo.err().strip()).contains("SimPO").doesNotContain("\n");
    }

    @Test
    void missingFilesAreOneLineInputErrors() {
        Path missing = tmp.resolve("missing.json");
        CliRun r = CliRun.of("train", "sft", "--data", missing.toString(), "--images", world.toString(), "--out",
                tmp.resolve("o").toString(), "-q");
        assertThat(r.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(r.err().strip()).isEqualTo("vapr sft: " + missing + ": no such file (--data)");
        CliRun noModel = CliRun.of("train", "dpo", "--model", tmp.resolve("nomodel").toString(), "--pairs",
                world.resolve("pairs.jsonl").toString(), "--images", world.toString(), "--out", tmp.resolve("o2").toString(), "-q");
        assertThat(noModel.exitCode()).isEqualTo(ExitCode.INPUT);
        assertThat(noModel.err().strip()).isEqualTo("vapr dpo: " + tmp.resolve("nomodel") + ": no such directory (--model)");
    }

    @Test
    void sftThenDpoThenADivergingDpo() throws IOException {
        Path model = tmp.resolve("model");
        CliRun sft = CliRun.of("train", "sft", "--data", world.resolve("llava.json").toString(), "--images", world.toString(),
                "--out", model.toString(), "--epochs", "1", "--batch-size", "6", "--threads", "2", "-q");
        assertThat(sft.exitCode()).as(sft.err()).isZero();
        assertThat(sft.out()).contains("sft: 6 rows (0 records or turns skipped), 1 steps");
        assertThat(model.resolve("model.safetensors")).exists();

        Path out = tmp.resolve("dpo");
        Path dump = tmp.resolve("dump.jsonl");
        CliRun dpo = CliRun.of("train", "dpo", "--model", model.toString(), "--pairs", world.resolve("pairs.jsonl").toString(),
                "--images", world.toString(), "--out", out.toString(), "--epochs", "1", "--batch-size", "3",
                "--grad-accum", "2", "--lora-rank", "2", "--lora-alpha", "4", "--dump-pairs", dump.toString(), "--merge",
                "--no-group-by-length", "-q");
        assertThat(dpo.exitCode()).as(dpo.err()).isZero();
        assertThat(dpo.out()).contains("dpo: 6 pairs").contains("rewards/accuracies=");
        assertThat(Files.readAllLines(dump)).hasSize(6);
        JsonNode m = Json.mapper().readTree(out.resolve("manifest.json").toFile());
        assertThat(m.at("/command").asText()).startsWith("vapr train dpo --model");
        assertThat(m.at("/options/lora/rank").asInt()).isEqualTo(2);
        assertThat(m.at("/options/effective_batch").asInt()).isEqualTo(6);
        assertThat(m.at("/options/group_by_length").asBoolean(true)).isFalse(); // the world preset's true, overridden
        assertThat(Json.mapper().readTree(model.resolve("manifest.json").toFile()).at("/options/group_by_length").asBoolean())
                .isTrue();
        assertThat(out.resolve("merged/model.safetensors")).exists();
        // Each run writes its own report; train report overlays several runs.
        assertThat(Files.readString(model.resolve("report.html"))).contains("<svg");
        String dpoPage = Files.readString(out.resolve("report.html"));
        assertThat(dpoPage).contains("rewards/accuracies").contains("<svg");
        Path page = tmp.resolve("both.html");
        CliRun report = CliRun.of("train", "report", model + "=SFT", out + "=DPO", "--dump-pairs", "-," + dump,
                "--out", page.toString(), "--json", tmp.resolve("both.json").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("(2 runs)");
        assertThat(Files.readString(page)).contains("SFT").contains("DPO");
        JsonNode both = Json.mapper().readTree(tmp.resolve("both.json").toFile());
        assertThat(both.toString()).contains("\"DPO\"");
        CliRun mismatch = CliRun.of("train", "report", model.toString(), out.toString(), "--dump-pairs", dump.toString(),
                "--out", page.toString());
        assertThat(mismatch.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(mismatch.err().strip().lines()).hasSize(1);

        CliRun diverged = CliRun.of("train", "dpo", "--model", model.toString(), "--pairs", world.resolve("pairs.jsonl").toString(),
                "--images", world.toString(), "--out", tmp.resolve("nan").toString(), "--epochs", "3", "--batch-size", "6",
                "--full", "--lr", "1e30", "--warmup-ratio", "0", "--scheduler", "constant", "--max-grad-norm", "0", "-q");
        assertThat(diverged.exitCode()).as(diverged.err()).isEqualTo(TrainCommand.DIVERGED);
        assertThat(diverged.err().strip()).matches("vapr train dpo: training diverged at step \\d+: the (loss|gradient norm) is .*");
        assertThat(tmp.resolve("nan/manifest.json")).doesNotExist();
    }
}
