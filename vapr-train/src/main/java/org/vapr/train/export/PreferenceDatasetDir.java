package org.vapr.train.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;

/**
 * A {@code vapr build} output directory, checked for what one engine needs: for LLaMA-Factory the
 * {@code llamafactory/dataset_info.json} entry (a ranking dataset) and its data file, for TRL
 * {@code trl/train.jsonl}. Paths are absolute. Bad input is a one-line {@link InputException}.
 *
 * @param root the directory
 * @param engine the engine it was checked for
 * @param datasetName the {@code dataset_info.json} entry name (LLaMA-Factory; {@code null} for TRL)
 * @param datasetInfo the {@code dataset_info.json} file (LLaMA-Factory; {@code null} for TRL)
 * @param datasetEntry that entry as read (LLaMA-Factory; {@code null} for TRL)
 * @param dataFile the file the engine reads: the entry's {@code file_name}, or {@code trl/train.jsonl}
 * @param pairs number of preference pairs in the data file
 * @param imageRoot the root that relative image paths resolve against ({@code null} when unknown)
 */
public record PreferenceDatasetDir(Path root, TrainingEngine engine, String datasetName, Path datasetInfo,
                                   ObjectNode datasetEntry, Path dataFile, long pairs, Path imageRoot) {
    /** The file {@code vapr build} writes for TRL. */
    public static final String TRL_FILE = "trl/train.jsonl";

    /**
     * Opens and checks {@code dir} for {@code engine}.
     *
     * @param name the {@code dataset_info.json} entry to use; {@code null} picks {@code vapr} or the only entry
     * @param imageRoot the root of relative image paths; {@code null} takes the build's {@code --images} from its
     *                  {@code manifest.json} when there is one
     */
    public static PreferenceDatasetDir open(Path dir, TrainingEngine engine, String name, Path imageRoot) {
        Path root = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new InputException(root + ": not a directory (expected the output directory of vapr build)");
        }
        Path images = imageRoot != null ? imageRoot.toAbsolutePath().normalize() : buildImageRoot(root);
        if (engine == TrainingEngine.TRL) {
            Path file = root.resolve(TRL_FILE);
            if (!Files.isRegularFile(file)) {
                throw new InputException(file + ": missing (is " + root + " the output of vapr build?)");
            }
            return new PreferenceDatasetDir(root, engine, null, null, null, file, countLines(file), images);
        }
        Path lf = root.resolve("llamafactory");
        if (!Files.isDirectory(lf)) {
            throw new InputException(lf + ": missing llamafactory directory (is " + root + " the output of vapr build?)");
        }
        Path info = lf.resolve("dataset_info.json");
        if (!Files.isRegularFile(info)) {
            throw new InputException(info + ": missing");
        }
        JsonNode tree;
        try {
            tree = Json.mapper().readTree(info.toFile());
        } catch (IOException e) {
            throw new InputException(info + ": not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (tree == null || !tree.isObject() || tree.isEmpty()) {
            throw new InputException(info + ": expected a JSON object with at least one dataset entry");
        }
        String entryName = pickEntry(info, (ObjectNode) tree, name);
        JsonNode entry = tree.get(entryName);
        if (!entry.isObject()) {
            throw new InputException(info + ": entry '" + entryName + "': expected an object");
        }
        JsonNode fileName = entry.get("file_name");
        if (fileName == null || !fileName.isTextual() || fileName.asText().isBlank()) {
            throw new InputException(info + ": entry '" + entryName + "': field file_name missing");
        }
        JsonNode ranking = entry.get("ranking");
        if (ranking == null || !ranking.asBoolean(false)) {
            throw new InputException(info + ": entry '" + entryName + "': field ranking must be true for DPO");
        }
        Path data = lf.resolve(fileName.asText()).normalize();
        if (!Files.isRegularFile(data)) {
            throw new InputException(info + ": entry '" + entryName + "': field file_name: " + data + " does not exist");
        }
        return new PreferenceDatasetDir(root, engine, entryName, info, (ObjectNode) entry, data, countArray(data), images);
    }

    private static String pickEntry(Path info, ObjectNode tree, String name) {
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        if (name != null) {
            if (!tree.has(name)) {
                throw new InputException(info + ": no dataset entry '" + name + "' (entries: " + String.join(", ", names) + ")");
            }
            return name;
        }
        if (tree.has("vapr")) {
            return "vapr";
        }
        if (names.size() == 1) {
            return names.get(0);
        }
        throw new InputException(info + ": " + names.size() + " dataset entries (" + String.join(", ", names)
                + "); choose one with --dataset-name");
    }

    /** The {@code options.images} recorded by {@code vapr build}, if its manifest has one. */
    private static Path buildImageRoot(Path root) {
        Path manifest = root.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        try {
            JsonNode images = Json.mapper().readTree(manifest.toFile()).path("options").path("images");
            return images.isTextual() && !images.asText().isBlank()
                    ? Path.of(images.asText()).toAbsolutePath().normalize() : null; // as build resolved it
        } catch (IOException e) {
            throw new InputException(manifest + ": not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static long countLines(Path file) {
        long n = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    n++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (n == 0) {
            throw new InputException(file + ": no preference pairs");
        }
        return n;
    }

    /** Counts the objects of a top-level JSON array, streaming. */
    private static long countArray(Path file) {
        long n = 0;
        try (JsonParser p = Json.factory().createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new InputException(file + ": expected a JSON array of preference records");
            }
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t == null) {
                    throw new InputException(file + ": record " + (n + 1) + ": unexpected end of file");
                }
                if (t != JsonToken.START_OBJECT) {
                    throw new InputException(file + ": record " + (n + 1) + ": expected an object");
                }
                p.skipChildren();
                n++;
            }
        } catch (IOException e) {
            throw new InputException(file + ": record " + (n + 1) + ": not valid JSON: " + firstLine(e.getMessage()), e);
        }
        if (n == 0) {
            throw new InputException(file + ": no preference pairs");
        }
        return n;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

}
