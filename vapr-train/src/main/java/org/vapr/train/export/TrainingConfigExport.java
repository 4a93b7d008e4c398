package org.vapr.train.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.manifest.RunManifest;

/**
 * {@code vapr export}: writes a ready-to-run DPO + LoRA training set-up for LLaMA-Factory or TRL into a directory.
 * It checks the dataset directory ({@link PreferenceDatasetDir}: a bad one is a one-line
 * {@link org.vapr.core.InputException}), fills the paper's {@link DpoRecipe} with the overrides, builds every file
 * in memory, checks every key against the upstream allow-lists ({@link KeyAllowList}), and only then writes the
 * files, each atomically, with {@code manifest.json} last. Same request, same bytes (the manifest's times aside).
 */
public final class TrainingConfigExport {
    private TrainingConfigExport() {
    }

    /** Writes the export for {@code request}; see the class comment. */
    public static ExportResult run(ExportRequest request) throws IOException {
        return run(request, Clock.systemUTC());
    }

    /** As {@link #run(ExportRequest)}, with the clock the manifest's times come from. */
    public static ExportResult run(ExportRequest request, Clock clock) throws IOException {
        RunManifest manifest = RunManifest.start("export", clock);
        PreferenceDatasetDir dataset = PreferenceDatasetDir.open(request.dataset(), request.engine(),
                request.datasetName(), request.imageRoot());
        DpoRecipe recipe = DpoRecipe.of(request.checkpoint(), request.gpus(), request.overrides(), request.seed());
        Path out = request.out().toAbsolutePath().normalize();
        Path runDir = request.runDir() != null ? request.runDir().toAbsolutePath().normalize()
                : out.resolve("saves").resolve(request.checkpoint().id() + "-lora-dpo");
        ExportPlan plan = new ExportPlan(request, recipe, dataset, out, runDir);

        List<GeneratedFile> generated;
        Path main;
        String launch;
        if (request.engine() == TrainingEngine.LLAMAFACTORY) {
            generated = LlamaFactoryConfigs.files(plan);
            main = out.resolve(LlamaFactoryConfigs.yamlName(request.checkpoint()));
            launch = LlamaFactoryConfigs.launch(plan);
        } else {
            generated = TrlConfigs.files(plan);
            main = TrlConfigs.scriptPath(plan);
            launch = TrlConfigs.launch(plan);
        }

        Files.createDirectories(out);
        RunManifest.invalidate(out);
        List<Path> written = new ArrayList<>();
        for (GeneratedFile f : generated) {
            Path target = out.resolve(f.name());
            byte[] bytes = f.bytes();
            AtomicFiles.write(target, o -> o.write(bytes));
            written.add(target);
        }

        manifest.option("engine", request.engine().id())
                .option("model", request.checkpoint().id())
                .option("model_name_or_path", request.checkpoint().huggingFaceId())
                .option("dataset", dataset.root().toString())
                .option("out", out.toString())
                .option("run_dir", runDir.toString())
                .option("gpus", recipe.gpus())
                .option("recipe", recipeMap(recipe))
                .seed("seed", request.seed());
        if (request.commandLine() != null) {
            manifest.option("command_line", request.commandLine());
        }
        if (dataset.datasetName() != null) {
            manifest.option("dataset_name", dataset.datasetName());
            manifest.input("dataset_info", dataset.datasetInfo());
        }
        if (dataset.imageRoot() != null) {
            manifest.option("images", dataset.imageRoot().toString());
        }
        manifest.input("data", dataset.dataFile());
        if (Files.isRegularFile(dataset.root().resolve("manifest.json"))) {
            manifest.input("build_manifest", dataset.root().resolve("manifest.json"));
        }
        manifest.count("pairs", dataset.pairs());
        manifest.count("steps_per_epoch", plan.stepsPerEpoch());
        manifest.count("total_steps", plan.totalSteps());
        manifest.put("files", generated.stream().map(GeneratedFile::name).toList());
        manifest.put("launch", launch);
        written.add(manifest.write(out));
        return new ExportResult(out, written, main, recipe, dataset, plan.stepsPerEpoch(), launch);
    }

    private static Map<String, Object> recipeMap(DpoRecipe r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("per_device_batch", r.perDeviceBatch());
        m.put("gradient_accumulation", r.gradientAccumulation());
        m.put("effective_batch", r.effectiveBatch());
        m.put("epochs", r.epochs());
        m.put("learning_rate", r.learningRate());
        m.put("lr_scheduler", r.lrScheduler());
        m.put("warmup_ratio", r.warmupRatio());
        m.put("beta", r.beta());
        m.put("loss_type", r.lossType());
        m.put("lora_rank", r.loraRank());
        m.put("lora_alpha", r.loraAlpha());
        m.put("lora_dropout", r.loraDropout());
        m.put("max_length", r.maxLength());
        return m;
    }
}
