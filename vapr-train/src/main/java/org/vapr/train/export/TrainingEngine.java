package org.vapr.train.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The training engines {@code vapr export} writes configurations for. */
public enum TrainingEngine {
    /** hiyouga/LLaMA-Factory: a YAML for {@code llamafactory-cli train}. */
    LLAMAFACTORY("llamafactory"),
    /** huggingface/trl: a DPOTrainer script with JSON configs, launched by {@code accelerate}. */
    TRL("trl");

    private final String id;

    TrainingEngine(String id) {
        this.id = id;
    }

    /** The command-line name. */
    public String id() {
        return id;
    }

    /** The engine with this command-line name; {@link IllegalArgumentException} listing the choices otherwise. */
    public static TrainingEngine parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (TrainingEngine e : values()) {
            if (e.id.equals(n)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + name + "' (choose one of: " + choices() + ")");
    }

    /** The names, comma-separated. */
    public static String choices() {
        return Arrays.stream(values()).map(TrainingEngine::id).collect(Collectors.joining(", "));
    }
}
