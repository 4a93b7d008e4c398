package org.vapr.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.vapr.core.InputException;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;
import org.vapr.train.io.Safetensors;

/**
 * What a checkpoint directory ({@code OUT/checkpoints/step-NNNNNNNN/}) holds besides the tensors: the loop position,
 * the optimizer step count, the unlogged metric window and the lengths of the append-only files. The tensors are
 * {@code trainable.safetensors} (the trainable parameters) and {@code optimizer.safetensors} (AdamW's moments). The
 * data order needs no state: it is a function of the seed and the epoch.
 *
 * @param step           optimizer steps completed
 * @param optimizerSteps AdamW's step count
 * @param window         per-micro-batch metrics since the last logging step
 * @param logLengths     file name → bytes written, for every tracked {@link AppendLog}
 * @param fingerprint    the settings the run was started with; a resume must match them
 */
public record LoopCheckpoint(long step, long optimizerSteps, List<Map<String, Double>> window,
                             Map<String, Long> logLengths, String fingerprint) {
    /** The trainable parameters' file inside a checkpoint. */
    public static final String TRAINABLE = "trainable.safetensors";
    /** The optimizer state's file inside a checkpoint. */
    public static final String OPTIMIZER = "optimizer.safetensors";
    /** The loop state's file inside a checkpoint. */
    public static final String STATE = "state.json";
    /** The folder of checkpoints inside an output directory. */
    public static final String FOLDER = "checkpoints";

    /** Writes a checkpoint directory atomically (a temporary sibling renamed into place). */
    public void write(Path dir, Map<String, NDArray> trainable, Map<String, NDArray> optimizer) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(dir.getFileName() + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        Safetensors.write(tmp.resolve(TRAINABLE), trainable, Map.of("step", Long.toString(step)));
        Safetensors.write(tmp.resolve(OPTIMIZER), optimizer, Map.of("step", Long.toString(step)));
        byte[] json = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        AtomicFiles.write(tmp.resolve(STATE), out -> out.write(json));
        deleteTree(dir);
        Files.move(tmp, dir, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Reads the state of a checkpoint directory. */
    public static LoopCheckpoint read(Path dir) {
        Path state = dir.resolve(STATE);
        if (!Files.isRegularFile(state)) {
            throw new InputException(state + ": not found (not a checkpoint directory)");
        }
        try {
            return Json.mapper().readValue(state.toFile(), LoopCheckpoint.class);
        } catch (IOException e) {
            throw new InputException(state + ": not a checkpoint state: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The trainable parameters saved in {@code dir}. */
    public static Map<String, NDArray> readTrainable(Path dir, NDManager manager) {
        return Safetensors.read(dir.resolve(TRAINABLE), manager);
    }

    /** The optimizer state saved in {@code dir}. */
    public static Map<String, NDArray> readOptimizer(Path dir, NDManager manager) {
        return Safetensors.read(dir.resolve(OPTIMIZER), manager);
    }

    /** The directory name of the checkpoint after {@code step} steps. */
    public static String dirName(long step) {
        return String.format("step-%08d", step);
    }

    /** The latest complete checkpoint under {@code outDir/checkpoints}, if any. */
    public static Optional<Path> latest(Path outDir) throws IOException {
        Path folder = outDir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().matches("step-\\d{8}") && Files.isRegularFile(p.resolve(STATE)))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.forEach(all::add);
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            Files.delete(all.get(i));
        }
    }
}
