package org.vapr.train.export;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code vapr export} wrote.
 *
 * @param out the output directory
 * @param files the files written, in order, {@code manifest.json} last
 * @param mainConfig the file to hand to the engine (the LLaMA-Factory YAML, or the TRL script)
 * @param recipe the hyper-parameters used
 * @param dataset the dataset directory as checked
 * @param stepsPerEpoch optimizer steps per epoch (pairs / effective batch, rounded up)
 * @param launch the shell command that starts training
 */
public record ExportResult(Path out, List<Path> files, Path mainConfig, DpoRecipe recipe, PreferenceDatasetDir dataset,
                           long stepsPerEpoch, String launch) {
    public ExportResult {
        files = List.copyOf(files);
    }
}
