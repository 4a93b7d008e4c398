package org.vapr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.io.Json;

/** The README's first command, end to end at the quick size: every stage's outputs, summary.json and report.html. */
@Tag("slow")
class DemoCommandTest {
    private static final List<String> MODELS = List.of("base", "sft", "sft_on_vapr", "dpo_vapr", "dpo_povid", "dpo_sima");

    @TempDir
    Path tmp;

    @Test
    void quickDemoComparesThreeDatasetsAndSixModelsInOneReport() throws IOException {
        Path out = tmp.resolve("demo");
        CliRun r = CliRun.of("demo", "--quick", "--out", out.toString(), "-q");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("POPE F1", "NB G-Acc", "timings:", "report:  " + out.resolve("report.html"));

        // every stage wrote its own directory with a manifest
        for (String dir : List.of("world", "benchmarks/pope", "benchmarks/naturalbench", "benchmarks/mc", "datasets",
                "datasets/build-vapr", "datasets/build-povid", "datasets/build-sima", "datasets/sft", "models/base", "models/sft",
                "models/sft_on_vapr", "dpo/vapr", "dpo/povid", "dpo/sima", "eval/dpo_vapr/pope", "eval/dpo_vapr/pope_bare",
                "eval/base/naturalbench", "")) {
            assertThat(out.resolve(dir).resolve("manifest.json")).as(dir).isRegularFile();
        }

        JsonNode s = Json.mapper().readTree(out.resolve("summary.json").toFile());
        // the plateau check: a validation POPE of other held-out scenes, scored for the SFT model; one more epoch
        // when it answered "yes" to everything, and then that model is the SFT model of every later stage
        assertThat(out.resolve("benchmarks/validation-pope/manifest.json")).isRegularFile();
        assertThat(out.resolve("eval/sft-check-1/manifest.json")).isRegularFile();
        JsonNode check = Json.mapper().readTree(out.resolve("eval/sft-check-1/scores.json").toFile());
        assertThat(check.toString()).contains("average/yes_ratio");
        assertThat(s.at("/models/sft/model_dir").asText())
                .isEqualTo(Files.isDirectory(out.resolve("models/sft-extra-1")) ? "models/sft-extra-1" : "models/sft");
        // three datasets of equal size from the same turns, VaPR with the smallest style and length gaps
        long pairs = s.at("/datasets/vapr/pairs").asLong();
        assertThat(pairs).isGreaterThan(100);
        for (String d : List.of("povid", "sima")) {
            assertThat(s.at("/datasets/" + d + "/pairs").asLong()).as(d).isEqualTo(pairs);
            assertThat(s.at("/datasets/vapr/word_levenshtein_mean").asDouble())
                    .isLessThan(s.at("/datasets/" + d + "/word_levenshtein_mean").asDouble());
        }
        assertThat(s.at("/datasets/povid/token_delta_mean").asDouble()).as("POVID-style rejected answers are longer").isLessThan(-2);
        assertThat(Files.readAllLines(out.resolve("datasets/vapr.train.jsonl"))).hasSize((int) pairs);
        assertThat(Files.readAllLines(out.resolve("datasets/sima.train.jsonl"))).hasSize((int) pairs);
        // the pairs come from the SFT corpus, in the plan's categories only
        // every color pair and most others get a contrast image (a scene edit that makes its chosen answer wrong; none for
        // "Is there a large object?" or "How many objects …?"), the same one in all three datasets, and DPO adds the
        // conditional term over them
        JsonNode datasetsManifest = Json.mapper().readTree(out.resolve("datasets/manifest.json").toFile());
        long contrast = 0;
        for (String line : Files.readAllLines(out.resolve("datasets/vapr.train.jsonl"))) {
            JsonNode pair = Json.mapper().readTree(line);
            if (pair.get("category").asText().equals("color")) {
                assertThat(pair.has("contrast_image")).as(line).isTrue();
            }
            if (pair.has("contrast_image")) {
                contrast++;
                assertThat(out.resolve("world").resolve(pair.get("contrast_image").asText())).isRegularFile();
            }
        }
        assertThat(datasetsManifest.at("/counts/contrast_images_by_category/existence").asLong()
                + datasetsManifest.at("/counts/contrast_images_by_category/color").asLong()
                + datasetsManifest.at("/counts/contrast_images_by_category/counting").asLong()).isEqualTo(contrast);
        assertThat(contrast).isGreaterThan(pairs / 2);
        assertThat(Files.readString(out.resolve("datasets/sima.train.jsonl"))).contains("contrast_image");
        JsonNode dpoManifest = Json.mapper().readTree(out.resolve("dpo/vapr/manifest.json").toFile());
        assertThat(dpoManifest.at("/counts/contrast_pairs").asLong()).isEqualTo(contrast);
        assertThat(dpoManifest.at("/options/conditional_weight").asDouble()).isEqualTo(1.0);
        assertThat(dpoManifest.at("/options/beta").asDouble()).isEqualTo(1.0);
        assertThat(Files.readString(out.resolve("dpo/vapr/metrics.jsonl"))).contains("conditional/accuracies",
                "eval_conditional/accuracies");
        // the held-out pairs have contrast images too, and the summary says how often each model reads the image
        assertThat(Files.readString(out.resolve("datasets/vapr.eval.jsonl"))).contains("contrast_image");
        long evalWith = 0;
        long evalLines = 0;
        for (String line : Files.readAllLines(out.resolve("datasets/vapr.eval.jsonl"))) {
            evalLines++;
            evalWith += Json.mapper().readTree(line).has("contrast_image") ? 1 : 0;
        }
        // every held-out pair is counted, with a contrast image or without one
        assertThat(sumOf(datasetsManifest.at("/counts/eval_contrast_images_by_category"))).isEqualTo(evalWith);
        assertThat(sumOf(datasetsManifest.at("/counts/eval_no_contrast_image_by_category"))).isEqualTo(evalLines - evalWith);
        JsonNode images = s.get("held_out_image_preferences");
        assertThat(images.size()).isPositive();
        for (JsonNode p : images) {
            assertThat(p.get("reference").asDouble(-1)).isBetween(0.0, 1.0);
            assertThat(p.get("policies").size()).isEqualTo(3);
        }
        for (String line : Files.readAllLines(out.resolve("datasets/vapr.train.jsonl"))) {
            assertThat(Json.mapper().readTree(line).get("category").asText()).isIn("existence", "counting", "color");
        }
        assertThat(Json.mapper().readTree(out.resolve("datasets/build-vapr/manifest.json").toFile()).toString())
                .contains("datasets/sft/llava.json", "pair-distribution.json", "replacement_word_count");

        // all six models with scores in range; reward accuracy only for the DPO runs
        assertThat(s.get("models").size()).isEqualTo(6);
        for (String m : MODELS) {
            JsonNode model = s.at("/models/" + m);
            assertThat(model.isMissingNode()).as(m).isFalse();
            for (String score : List.of("pope_accuracy", "pope_f1", "pope_yes_ratio", "pope_bare_accuracy",
                    "pope_bare_f1", "pope_bare_yes_ratio", "naturalbench_acc", "naturalbench_g_acc", "mc_accuracy",
                    "naturalbench_acc_option_text", "naturalbench_g_acc_option_text", "mc_accuracy_option_text")) {
                JsonNode e = model.get(score);
                assertThat(e.get("value").asDouble(-1)).as(m + " " + score).isBetween(0.0, 1.0);
                assertThat(e.get("ci_low").asDouble()).as(m + " " + score).isLessThanOrEqualTo(e.get("value").asDouble());
                assertThat(e.get("ci_high").asDouble()).as(m + " " + score).isGreaterThanOrEqualTo(e.get("value").asDouble());
            }
            assertThat(model.at("/pope_splits").size()).isEqualTo(3);
            // the option-text parser reads every answer the official one reads, and maybe more
            assertThat(model.at("/mc_accuracy_option_text/value").asDouble()).as(m)
                    .isGreaterThanOrEqualTo(model.at("/mc_accuracy/value").asDouble());
            assertThat(model.at("/mc_types_option_text").size()).as(m).isPositive();
            if (m.startsWith("dpo_")) {
                assertThat(model.get("final_reward_accuracy").asDouble(-1)).as(m).isBetween(0.0, 1.0);
                assertThat(model.get("final_eval_reward_accuracy").asDouble(-1)).as(m).isBetween(0.0, 1.0);
                assertThat(model.get("final_conditional_accuracy").asDouble(-1)).as(m).isBetween(0.0, 1.0);
            } else {
                assertThat(model.get("final_reward_accuracy").isNull()).as(m).isTrue();
            }
        }
        assertThat(s.at("/models/base/training_steps").asLong()).isZero();
        assertThat(s.at("/models/sft_on_vapr/training_steps").asLong()).as("the SFT-on-VaPR baseline takes as many steps as DPO")
                .isEqualTo(s.at("/models/dpo_vapr/training_steps").asLong());
        assertThat(s.get("comparisons").size())
                .as("5 baselines x POPE F1 both ways, NB G-Acc both parsers and MC option-text accuracy").isEqualTo(25);
        assertThat(out.resolve("eval/sft/mc/scores_option_text.json")).isRegularFile();
        assertThat(Json.mapper().readTree(out.resolve("eval/sft/mc/scores_option_text.json").toFile()).get("parser").asText())
                .isEqualTo("option-text");
        assertThat(out.resolve("eval/sft/naturalbench/items_option_text.jsonl")).isRegularFile();
        JsonNode mcManifest = Json.mapper().readTree(out.resolve("eval/sft/mc/manifest.json").toFile());
        assertThat(mcManifest.at("/rescored/parser").asText()).isEqualTo("option-text");
        assertThat(mcManifest.get("outputs").toString()).contains("scores.json", "scores_option_text.json", "items_option_text.jsonl");
        // held-out pairs per category: the SFT reference and the three DPO policies
        JsonNode prefs = s.get("held_out_preferences");
        assertThat(prefs.size()).isGreaterThanOrEqualTo(3);
        long held = 0;
        for (JsonNode p : prefs) {
            held += p.get("pairs").asLong();
            assertThat(p.get("reference").asDouble(-1)).isBetween(0.0, 1.0);
            assertThat(p.get("policies").size()).isEqualTo(3);
        }
        assertThat(held).isEqualTo(Files.readAllLines(out.resolve("datasets/vapr.eval.jsonl")).size());
        assertThat(s.get("scaling").size()).isEqualTo(3);
        assertThat(s.at("/scaling/0/pairs").asInt()).isLessThan(s.at("/scaling/2/pairs").asInt());
        assertThat(s.at("/scaling/2/pairs").asLong()).isEqualTo(pairs);
        assertThat(s.get("findings").size()).isGreaterThan(4);
        assertThat(s.get("timings").size()).isGreaterThan(10);

        // one self-contained page with every figure
        String page = Files.readString(out.resolve("report.html"));
        assertThat(page).doesNotContain("<script", "<link", "<img", "src=").contains("What came out", "Verdict:",
                "Style and length gaps per dataset", "dpo-accuracy", "dpo-delta-ref", "Yes-ratio per model",
                "chart-pope-f1", "chart-pope-bare-f1", "chart-nb-gacc", "chart-mc-option-text", "option-text parser",
                "Held-out VaPR pairs: which answer each model ranks higher", "Scores vs VaPR training pairs", "Stage timings");
        for (String label : List.of("Base (untrained)", "SFT on VaPR", "DPO VaPR", "DPO POVID-style", "DPO SIMA-style")) {
            assertThat(page).contains(label);
        }
        assertThat(page.split("<svg ", -1).length - 1).as("charts").isGreaterThanOrEqualTo(8);
        assertThat(s.at("/findings/0").asText()).isNotBlank();
        assertThat(page).contains(DemoReportText.escaped(s.at("/findings/0").asText()));
    }

    /** HTML escaping of a finding, as the page writes it. */
    private static final class DemoReportText {
        static String escaped(String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
        }
    }

    private static long sumOf(JsonNode counts) {
        long sum = 0;
        for (JsonNode n : counts) {
            sum += n.asLong();
        }
        return sum;
    }
}
