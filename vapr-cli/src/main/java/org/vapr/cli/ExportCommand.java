package org.vapr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vapr.train.export.BaseCheckpoint;
import org.vapr.train.export.ExportRequest;
import org.vapr.train.export.ExportResult;
import org.vapr.train.export.RecipeOverrides;
import org.vapr.train.export.TrainingConfigExport;
import org.vapr.train.export.TrainingEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vapr export}: ready-to-run DPO + LoRA training configurations for LLaMA-Factory or TRL. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
            "Write a ready-to-run DPO + LoRA training set-up for a VaPR dataset (the output of vapr build).",
            "llamafactory: a training YAML, dataset_info.json, DeepSpeed configs and a README with the commands.",
            "trl: a DPOTrainer script with DPOConfig/LoRA JSON configs, an accelerate (DeepSpeed) config and a README.",
            "Defaults are the VaPR paper's: LoRA rank 128 / alpha 256, beta 0.1, lr 1e-6 cosine, 5 epochs, effective batch 32,"
                + " warm-up 0.03 (LLaVA) or 0.1 (Qwen2-VL, Qwen2.5-VL), cut-off 2048 tokens, bf16."
        })
final class ExportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENGINE", description = "llamafactory or trl.")
    String engine;

    @Option(names = "--model", required = true, paramLabel = "MODEL",
            description = "Base model: llava-1.5-7b, llava-1.5-13b, qwen2-vl-2b, qwen2-vl-7b, qwen2.5-vl-3b, qwen2.5-vl-7b.")
    String model;

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "The output directory of vapr build.")
    Path dataset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Directory to write the configuration into.")
    Path out;

    @Option(names = "--gpus", paramLabel = "N", defaultValue = "8",
            description = "GPUs on the training machine; sets gradient accumulation so the effective batch stays the same (default: ${DEFAULT-VALUE}).")
    int gpus;

    @Option(names = "--epochs", paramLabel = "E", description = "Training epochs (paper: 5).")
    Double epochs;

    @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate (paper: 1e-6).")
    Double learningRate;

    @Option(names = "--beta", paramLabel = "B", description = "DPO beta (paper: 0.1).")
    Double beta;

    @Option(names = "--lora-rank", paramLabel = "R", description = "LoRA rank (paper: 128).")
    Integer loraRank;

    @Option(names = "--lora-alpha", paramLabel = "A", description = "LoRA alpha (paper: 256; default 2 x --lora-rank when that is set).")
    Integer loraAlpha;

    @Option(names = "--warmup-ratio", paramLabel = "W", description = "Warm-up ratio (paper: 0.03 LLaVA, 0.1 Qwen).")
    Double warmupRatio;

    @Option(names = "--effective-batch", paramLabel = "N", description = "Pairs per optimizer step (paper: 32).")
    Integer effectiveBatch;

    @Option(names = "--per-device-batch", paramLabel = "N", description = "Per-device batch (default: 2, 1 for 13B).")
    Integer perDeviceBatch;

    @Option(names = "--max-length", paramLabel = "T", description = "Token cut-off of prompt plus answer (paper: 2048).")
    Integer maxLength;

    @Option(names = "--dataset-name", paramLabel = "NAME",
            description = "The llamafactory/dataset_info.json entry (default: vapr, or the only entry).")
    String datasetName;

    @Option(names = "--images", paramLabel = "DIR",
            description = "Root of relative image paths (default: the --images recorded in the build's manifest.json).")
    Path images;

    @Option(names = "--run-dir", paramLabel = "DIR",
            description = "Where training writes checkpoints (default: OUT/saves/MODEL-lora-dpo).")
    Path runDir;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Training seed; the same input and seed give the same files (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        TrainingEngine e;
        BaseCheckpoint c;
        try {
            e = TrainingEngine.parse(engine);
            c = BaseCheckpoint.parse(model);
        } catch (IllegalArgumentException ex) {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        RecipeOverrides overrides = new RecipeOverrides(epochs, learningRate, beta, loraRank, loraAlpha, warmupRatio,
                effectiveBatch, perDeviceBatch, maxLength);
        ExportRequest request = new ExportRequest(e, c, dataset, datasetName, images, out, gpus, overrides, runDir, seed,
                CommandLines.describe(spec));
        ExportResult result = TrainingConfigExport.run(request);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("%s DPO + LoRA for %s: %d pairs, %d x %d x %d GPU(s) = %d per step, %d steps per epoch%n",
                e.id(), c.huggingFaceId(), result.dataset().pairs(), result.recipe().perDeviceBatch(),
                result.recipe().gradientAccumulation(), result.recipe().gpus(), result.recipe().effectiveBatch(),
                result.stepsPerEpoch());
        o.println("wrote " + result.out() + " (" + result.files().size() + " files; see README.md)");
        o.println("run: " + result.launch());
        o.flush();
        return ExitCode.OK;
    }
}
