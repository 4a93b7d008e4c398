package org.vapr.train.export;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@code vapr export} is asked to write.
 *
 * @param engine the training engine
 * @param checkpoint the base model
 * @param dataset the {@code vapr build} output directory
 * @param datasetName the {@code dataset_info.json} entry ({@code null}: {@code vapr} or the only one)
 * @param imageRoot root of relative image paths ({@code null}: the build's {@code --images}, if recorded)
 * @param out the directory to write into
 * @param gpus number of GPUs the run will use
 * @param overrides values that replace the paper's ({@link RecipeOverrides#none()} for none)
 * @param runDir where training writes checkpoints ({@code null}: {@code OUT/saves/MODEL-lora-dpo})
 * @param seed training seed
 * @param commandLine the command line, for the manifest and README ({@code null} when called from code)
 */
public record ExportRequest(TrainingEngine engine, BaseCheckpoint checkpoint, Path dataset, String datasetName,
                            Path imageRoot, Path out, int gpus, RecipeOverrides overrides, Path runDir, long seed,
                            String commandLine) {
    public ExportRequest {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(out, "out");
        overrides = overrides == null ? RecipeOverrides.none() : overrides;
    }

    /** A request with the paper's recipe and default paths. */
    public static ExportRequest of(TrainingEngine engine, BaseCheckpoint checkpoint, Path dataset, Path out, int gpus, long seed) {
        return new ExportRequest(engine, checkpoint, dataset, null, null, out, gpus, RecipeOverrides.none(), null, seed, null);
    }
}
