package org.vapr.train.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.vapr.core.InputException;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;

/**
 * LoRA settings: {@code W x + (alpha / rank) · B A x} on the named linear layers, base frozen. Saved as
 * {@code adapter_config.json}.
 *
 * @param rank    rank r of A ({@code r × in}) and B ({@code out × r})
 * @param alpha   scaling numerator
 * @param dropout dropout on the adapter's input while training
 * @param targets module names: {@code q, k, v, o, gate, up, down} (decoder layers) and {@code proj} (the
 *                projector's two layers); the vision encoder is never adapted
 */
public record LoraConfig(int rank, double alpha, double dropout, List<String> targets) {
    /** Every module name a target may use. */
    public static final Set<String> MODULES = Set.of("q", "k", "v", "o", "gate", "up", "down", "proj");

    public LoraConfig {
        if (rank <= 0 || alpha <= 0 || dropout < 0 || dropout >= 1) {
            throw new IllegalArgumentException("invalid LoRA config: rank and alpha must be positive, 0 <= dropout < 1");
        }
        targets = List.copyOf(targets);
        for (String t : targets) {
            if (!MODULES.contains(t)) {
                throw new IllegalArgumentException("unknown LoRA target module " + t + " (known: q, k, v, o, gate, up, down, proj)");
            }
        }
    }

    /** Every attention and feed-forward projection of the decoder. */
    public static LoraConfig allLinear(int rank, double alpha) {
        return new LoraConfig(rank, alpha, 0.0, List.of("q", "k", "v", "o", "gate", "up", "down"));
    }

    /** {@code alpha / rank}. */
    public double scale() {
        return alpha / rank;
    }

    /** Writes {@code adapter_config.json}. */
    public void save(Path file) {
        try {
            AtomicFiles.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads {@code adapter_config.json}. */
    public static LoraConfig load(Path file) {
        try {
            return Json.mapper().readValue(Files.readString(file), LoraConfig.class);
        } catch (IOException | RuntimeException e) {
            throw new InputException(file + ": not a LoRA config: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }
}
