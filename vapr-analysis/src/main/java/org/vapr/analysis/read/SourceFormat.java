package org.vapr.analysis.read;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The preference-dataset layouts vapr reads; {@link #id()} is the {@code --format} value. */
public enum SourceFormat {
    AUTO("auto"),
    VAPR("vapr"),
    TRL("trl"),
    LLAMAFACTORY("llamafactory"),
    LLAVA_NEXT("llava-next"),
    POVID("povid"),
    HA_DPO("ha-dpo"),
    SIMA("sima"),
    RLAIF_V("rlaif-v"),
    RLHF_V("rlhf-v"),
    VLFEEDBACK("vlfeedback");

    private final String id;

    SourceFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** All ids, comma-separated, for help and error messages. */
    public static String ids() {
        return Arrays.stream(values()).map(SourceFormat::id).collect(Collectors.joining(", "));
    }

    /** Looks a format up by id (case-insensitive; {@code _} may stand for {@code -}). */
    public static SourceFormat fromId(String id) {
        String k = id == null ? "" : id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (SourceFormat f : values()) {
            if (f.id.equals(k)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + id + "' (one of: " + ids() + ")");
    }

    @Override
    public String toString() {
        return id;
    }
}
