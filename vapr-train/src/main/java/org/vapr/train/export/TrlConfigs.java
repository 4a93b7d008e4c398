package org.vapr.train.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vapr.core.io.Json;

/**
 * The TRL files: {@code train_dpo.py} (DPOTrainer + peft LoRA, the same script for every model), {@code run.json}
 * (model, transformers class, data), {@code dpo_config.json} (DPOConfig fields), {@code lora_config.json} (peft
 * LoraConfig fields), {@code accelerate_config.yaml} (DeepSpeed ZeRO-2, ZeRO-3 from 13B up) and a README. Every
 * key is checked against the allow-lists first.
 */
final class TrlConfigs {
    static final String SCRIPT = "train_dpo.py";
    static final String ACCELERATE = "accelerate_config.yaml";

    private TrlConfigs() {
    }

    static List<GeneratedFile> files(ExportPlan plan) {
        BaseCheckpoint c = plan.checkpoint();
        DpoRecipe r = plan.recipe();
        List<GeneratedFile> files = new ArrayList<>();
        files.add(new GeneratedFile(SCRIPT, resource(SCRIPT)));

        Map<String, Object> run = new LinkedHashMap<>();
        run.put("model_name_or_path", c.huggingFaceId());
        run.put("model_class", c.family().transformersClass());
        run.put("train_file", plan.dataset().dataFile().toString());
        if (plan.dataset().imageRoot() != null) {
            run.put("image_root", plan.dataset().imageRoot().toString());
        }
        files.add(new GeneratedFile("run.json", json(run)));

        Map<String, Object> dpo = new LinkedHashMap<>();
        dpo.put("output_dir", plan.runDir().toString());
        dpo.put("seed", r.seed());
        dpo.put("beta", r.beta());
        dpo.put("loss_type", r.lossType());
        dpo.put("max_length", r.maxLength());
        dpo.put("learning_rate", r.learningRate());
        dpo.put("lr_scheduler_type", r.lrScheduler());
        dpo.put("warmup_ratio", r.warmupRatio());
        dpo.put("num_train_epochs", r.epochs());
        dpo.put("per_device_train_batch_size", r.perDeviceBatch());
        dpo.put("gradient_accumulation_steps", r.gradientAccumulation());
        dpo.put("bf16", true);
        dpo.put("gradient_checkpointing", true);
        dpo.put("gradient_checkpointing_kwargs", Map.of("use_reentrant", false));
        dpo.put("remove_unused_columns", false);
        dpo.put("logging_steps", r.loggingSteps());
        dpo.put("save_strategy", "steps");
        dpo.put("save_steps", r.saveSteps());
        dpo.put("report_to", "none");
        KeyAllowList.load(KeyAllowList.TRL_DPO_CONFIG).check("dpo_config.json", Json.mapper().valueToTree(dpo));
        files.add(new GeneratedFile("dpo_config.json", json(dpo)));

        Map<String, Object> lora = new LinkedHashMap<>();
        lora.put("r", r.loraRank());
        lora.put("lora_alpha", r.loraAlpha());
        lora.put("lora_dropout", r.loraDropout());
        lora.put("target_modules", ModelFamily.LANGUAGE_MODEL_LORA_TARGET);
        lora.put("bias", "none");
        lora.put("task_type", "CAUSAL_LM");
        KeyAllowList.load(KeyAllowList.PEFT_LORA_CONFIG).check("lora_config.json", Json.mapper().valueToTree(lora));
        files.add(new GeneratedFile("lora_config.json", json(lora)));

        Map<String, Object> acc = new LinkedHashMap<>();
        acc.put("compute_environment", "LOCAL_MACHINE");
        acc.put("debug", false);
        acc.put("distributed_type", "DEEPSPEED");
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("deepspeed_multinode_launcher", "standard");
        ds.put("offload_optimizer_device", "none");
        ds.put("offload_param_device", "none");
        ds.put("zero3_init_flag", c.zeroStage() == 3);
        if (c.zeroStage() == 3) {
            ds.put("zero3_save_16bit_model", true);
        }
        ds.put("zero_stage", c.zeroStage());
        acc.put("deepspeed_config", ds);
        acc.put("downcast_bf16", "no");
        acc.put("machine_rank", 0);
        acc.put("main_training_function", "main");
        acc.put("mixed_precision", "bf16");
        acc.put("num_machines", 1);
        acc.put("num_processes", r.gpus());
        acc.put("rdzv_backend", "static");
        acc.put("same_network", true);
        acc.put("tpu_env", List.of());
        acc.put("tpu_use_cluster", false);
        acc.put("tpu_use_sudo", false);
        acc.put("use_cpu", false);
        KeyAllowList.load(KeyAllowList.ACCELERATE).check(ACCELERATE, ConfigYaml.mapper().valueToTree(acc));
        files.add(new GeneratedFile(ACCELERATE, "# accelerate launch --config_file " + ACCELERATE + " (DeepSpeed ZeRO-"
                + c.zeroStage() + ", " + r.gpus() + " process(es)), written by vapr export\n" + ConfigYaml.write(acc)));

        files.add(new GeneratedFile("README.md", readme(plan)));
        return files;
    }

    static String launch(ExportPlan plan) {
        return "accelerate launch --config_file " + plan.out().resolve(ACCELERATE) + " " + plan.out().resolve(SCRIPT);
    }

    private static String readme(ExportPlan plan) {
        BaseCheckpoint c = plan.checkpoint();
        DpoRecipe r = plan.recipe();
        StringBuilder sb = new StringBuilder();
        sb.append("# DPO + LoRA on ").append(c.huggingFaceId()).append(" with TRL\n\n");
        sb.append("Written by `vapr export trl` from the VaPR dataset in `").append(plan.dataset().root()).append("`");
        if (plan.request().commandLine() != null) {
            sb.append(":\n\n```sh\n").append(plan.request().commandLine()).append("\n```\n\n");
        } else {
            sb.append(".\n\n");
        }
        sb.append("## Recipe (the VaPR paper's unless overridden)\n\n").append(plan.recipeMarkdown()).append("\n\n");
        sb.append("## Files\n\n");
        sb.append("- `").append(SCRIPT).append("`: loads `").append(c.family().transformersClass())
                .append("` and its processor, reads `").append(plan.dataset().dataFile())
                .append("` (prompt with an image part, chosen, rejected, image paths) and trains with `trl.DPOTrainer` and a peft LoRA adapter.\n");
        sb.append("- `run.json`: model, transformers class, data file and image root.\n");
        sb.append("- `dpo_config.json`: the `trl.DPOConfig` fields; edit them here.\n");
        sb.append("- `lora_config.json`: the `peft.LoraConfig` fields; the target regex covers the language model's "
                + "attention and MLP projections, not the vision tower or projector (as LLaMA-Factory's `lora_target: all`).\n");
        sb.append("- `").append(ACCELERATE).append("`: accelerate with DeepSpeed ZeRO-").append(c.zeroStage())
                .append(", ").append(r.gpus()).append(" process(es), bf16.\n");
        sb.append("- `manifest.json`: how these files were made.\n\n");
        sb.append("## Run\n\n```sh\npip install \"trl>=1.0\" peft accelerate deepspeed datasets pillow\n");
        sb.append(launch(plan)).append("\n```\n\n");
        sb.append("The gradient accumulation (").append(r.gradientAccumulation()).append(") is set for ").append(r.gpus())
                .append(" GPU(s) so that each step sees ").append(r.effectiveBatch())
                .append(" pairs; on another number of GPUs, export again with `--gpus N` (it also sets `num_processes`).\n\n");
        sb.append("The LoRA adapter and the processor are saved to `").append(plan.runDir()).append("`; load them with "
                + "`peft.PeftModel.from_pretrained(base, \"").append(plan.runDir()).append("\")` and `merge_and_unload()` to merge.\n");
        if (plan.dataset().imageRoot() == null) {
            sb.append("\nRelative image paths in the data are read relative to the working directory; export again with "
                    + "`--images DIR` if they are relative to another folder (it sets `image_root` in `run.json`).\n");
        }
        return sb.toString();
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = TrlConfigs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path scriptPath(ExportPlan plan) {
        return plan.out().resolve(SCRIPT);
    }
}
