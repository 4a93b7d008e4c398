package org.vapr.train.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;

/**
 * The LLaMA-Factory files: the training YAML (sections as in its {@code examples/train_lora} files), a
 * {@code dataset_info.json} whose entry has an absolute {@code file_name} (merged into one already in the output
 * directory), the DeepSpeed configs and a README. Every key is checked against the allow-lists first.
 */
final class LlamaFactoryConfigs {
    private LlamaFactoryConfigs() {
    }

    static String yamlName(BaseCheckpoint c) {
        return c.id() + "_lora_dpo.yaml";
    }

    static List<GeneratedFile> files(ExportPlan plan) {
        List<GeneratedFile> files = new ArrayList<>();
        BaseCheckpoint c = plan.checkpoint();
        DpoRecipe r = plan.recipe();
        boolean multiGpu = r.gpus() > 1;
        KeyAllowList deepspeedKeys = KeyAllowList.load(KeyAllowList.DEEPSPEED);
        List<Integer> stages = c.zeroStage() == 3 ? List.of(2, 3) : List.of(2);
        for (int stage : stages) {
            Map<String, Object> ds = DeepSpeedConfigs.zero(stage);
            deepspeedKeys.check(DeepSpeedConfigs.fileName(stage), Json.mapper().valueToTree(ds));
            files.add(new GeneratedFile(DeepSpeedConfigs.fileName(stage), json(ds)));
        }

        Map<String, Map<String, Object>> y = new LinkedHashMap<>();
        Map<String, Object> model = section(y, "model");
        model.put("model_name_or_path", c.huggingFaceId());
        model.put("trust_remote_code", true);
        Map<String, Object> method = section(y, "method");
        method.put("stage", "dpo");
        method.put("do_train", true);
        method.put("finetuning_type", "lora");
        method.put("lora_rank", r.loraRank());
        method.put("lora_alpha", r.loraAlpha());
        method.put("lora_dropout", r.loraDropout());
        method.put("lora_target", "all");
        method.put("pref_beta", r.beta());
        method.put("pref_loss", r.lossType());
        if (multiGpu) {
            method.put("deepspeed", plan.out().resolve(DeepSpeedConfigs.fileName(c.zeroStage())).toString());
        }
        Map<String, Object> data = section(y, "dataset");
        data.put("dataset", plan.dataset().datasetName());
        data.put("dataset_dir", plan.dataset().datasetInfo().getParent().toString());
        if (plan.dataset().imageRoot() != null) {
            data.put("media_dir", plan.dataset().imageRoot().toString());
        }
        data.put("template", c.family().template());
        data.put("cutoff_len", r.maxLength());
        data.put("overwrite_cache", true);
        data.put("preprocessing_num_workers", 16);
        data.put("dataloader_num_workers", 4);
        Map<String, Object> output = section(y, "output");
        output.put("output_dir", plan.runDir().toString());
        output.put("logging_steps", r.loggingSteps());
        output.put("save_steps", r.saveSteps());
        output.put("plot_loss", true);
        output.put("save_only_model", false);
        output.put("report_to", "none");
        Map<String, Object> train = section(y, "train");
        train.put("per_device_train_batch_size", r.perDeviceBatch());
        train.put("gradient_accumulation_steps", r.gradientAccumulation());
        train.put("learning_rate", r.learningRate());
        train.put("num_train_epochs", r.epochs());
        train.put("lr_scheduler_type", r.lrScheduler());
        train.put("warmup_ratio", r.warmupRatio());
        train.put("bf16", true);
        train.put("ddp_timeout", 180000000);
        train.put("seed", r.seed());
        KeyAllowList.load(KeyAllowList.LLAMAFACTORY).check(yamlName(c), ConfigYaml.tree(y));
        files.add(new GeneratedFile(yamlName(c), "# LLaMA-Factory DPO + LoRA for " + c.huggingFaceId()
                + ", written by vapr export (see README.md)\n" + ConfigYaml.render(y)));

        files.add(new GeneratedFile("dataset_info.json", json(datasetInfo(plan))));
        files.add(new GeneratedFile("README.md", readme(plan)));
        return files;
    }

    private static Map<String, Object> section(Map<String, Map<String, Object>> yaml, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        yaml.put(name, m);
        return m;
    }

    /** The dataset's entry with an absolute file_name, merged into OUT/dataset_info.json if that exists. */
    private static ObjectNode datasetInfo(ExportPlan plan) {
        PreferenceDatasetDir d = plan.dataset();
        ObjectNode entry = d.datasetEntry().deepCopy();
        entry.put("file_name", d.dataFile().toString());
        KeyAllowList.load(KeyAllowList.LLAMAFACTORY_DATASET_INFO).check("dataset_info.json entry '" + d.datasetName() + "'", entry);
        ObjectNode info = Json.mapper().createObjectNode();
        Path existing = plan.out().resolve("dataset_info.json");
        if (Files.isRegularFile(existing)) {
            try {
                JsonNode old = Json.mapper().readTree(existing.toFile());
                if (old == null || !old.isObject()) {
                    throw new InputException(existing + ": expected a JSON object (the file vapr export merges into)");
                }
                info.setAll((ObjectNode) old);
            } catch (IOException e) {
                throw new InputException(existing + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
            }
        }
        info.set(d.datasetName(), entry);
        return info;
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String launch(ExportPlan plan) {
        Path yaml = plan.out().resolve(yamlName(plan.checkpoint()));
        return plan.recipe().gpus() > 1
                ? "FORCE_TORCHRUN=1 NNODES=1 NPROC_PER_NODE=" + plan.recipe().gpus() + " llamafactory-cli train " + yaml
                : "llamafactory-cli train " + yaml;
    }

    private static String readme(ExportPlan plan) {
        BaseCheckpoint c = plan.checkpoint();
        DpoRecipe r = plan.recipe();
        Path yaml = plan.out().resolve(yamlName(c));
        PreferenceDatasetDir d = plan.dataset();
        StringBuilder sb = new StringBuilder();
        sb.append("# DPO + LoRA on ").append(c.huggingFaceId()).append(" with LLaMA-Factory\n\n");
        sb.append("Written by `vapr export llamafactory` from the VaPR dataset in `").append(d.root()).append("`");
        if (plan.request().commandLine() != null) {
            sb.append(":\n\n```sh\n").append(plan.request().commandLine()).append("\n```\n\n");
        } else {
            sb.append(".\n\n");
        }
        sb.append("## Recipe (the VaPR paper's unless overridden)\n\n").append(plan.recipeMarkdown()).append("\n\n");
        sb.append("## Files\n\n");
        sb.append("- `").append(yamlName(c)).append("`: the training configuration. `dataset: ").append(d.datasetName())
                .append("` is the entry of `").append(d.datasetInfo()).append("` (`dataset_dir`).\n");
        sb.append("- `dataset_info.json`: that entry with an absolute `file_name`. To train from LLaMA-Factory's own `data/` "
                + "folder instead, merge it into `data/dataset_info.json` and set `dataset_dir: data`.\n");
        for (int stage : c.zeroStage() == 3 ? List.of(2, 3) : List.of(2)) {
            sb.append("- `").append(DeepSpeedConfigs.fileName(stage)).append("`: DeepSpeed ZeRO-").append(stage)
                    .append(stage == c.zeroStage() && r.gpus() > 1 ? " (used by the YAML)" : "").append(".\n");
        }
        sb.append("- `manifest.json`: how these files were made.\n\n");
        sb.append("## Run\n\n```sh\npip install \"llamafactory[torch,metrics,deepspeed]\"   # or: git clone hiyouga/LLaMA-Factory && pip install -e \".[torch,metrics,deepspeed]\"\n");
        if (r.gpus() > 1) {
            sb.append("# ").append(r.gpus()).append(" GPUs on one machine (pick them with CUDA_VISIBLE_DEVICES):\n");
        } else {
            sb.append("# one GPU (no DeepSpeed):\n");
        }
        sb.append(launch(plan)).append("\n```\n\n");
        sb.append("The gradient accumulation (").append(r.gradientAccumulation()).append(") is set for ").append(r.gpus())
                .append(" GPU(s) so that each step sees ").append(r.effectiveBatch())
                .append(" pairs; on another number of GPUs, export again with `--gpus N`.");
        if (r.gpus() == 1) {
            sb.append(" To use DeepSpeed on one GPU anyway, add `deepspeed: ").append(plan.out().resolve(DeepSpeedConfigs.fileName(c.zeroStage())))
                    .append("` to the YAML and run with `FORCE_TORCHRUN=1`.");
        }
        sb.append("\n\nThe LoRA adapter is saved to `").append(plan.runDir()).append("`. To merge it into the base model, run "
                + "`llamafactory-cli export` with `model_name_or_path: ").append(c.huggingFaceId()).append("`, `adapter_name_or_path: ")
                .append(plan.runDir()).append("`, `template: ").append(c.family().template()).append("`, `finetuning_type: lora` and an `export_dir`.\n");
        if (d.imageRoot() == null) {
            sb.append("\nImage paths in the dataset that are relative resolve against `dataset_dir`; if they are relative to another "
                    + "folder, export again with `--images DIR` (it sets `media_dir`).\n");
        }
        return sb.toString();
    }
}
