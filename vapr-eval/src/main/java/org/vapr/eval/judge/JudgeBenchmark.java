package org.vapr.eval.judge;

import java.util.Locale;

/** The LLM-judge benchmarks {@code vapr eval judge} scores, with their command-line names. */
public enum JudgeBenchmark {
    /** LLaVA-Bench (in-the-wild): relative score against the GPT-4 reference answers. */
    LLAVA_BENCH("llava-bench", "LLaVA-Bench (in-the-wild)"),
    /** MM-Vet: graded correctness, per capability. */
    MM_VET("mmvet", "MM-Vet"),
    /** ConTextual: yes/no acceptability against a human reference. */
    CONTEXTUAL("contextual", "ConTextual");

    private final String id;
    private final String title;

    JudgeBenchmark(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The command-line name. */
    public String id() {
        return id;
    }

    /** The name shown in tables. */
    public String title() {
        return title;
    }

    /** The benchmark of a command-line name ({@code mm-vet} and {@code llava-bench-in-the-wild} accepted too). */
    public static JudgeBenchmark of(String name) {
        String n = name.toLowerCase(Locale.ROOT).strip();
        return switch (n) {
            case "llava-bench", "llava-bench-in-the-wild", "llavabench" -> LLAVA_BENCH;
            case "mmvet", "mm-vet" -> MM_VET;
            case "contextual" -> CONTEXTUAL;
            default -> throw new IllegalArgumentException("unknown judge benchmark '" + name
                    + "' (expected llava-bench, mmvet or contextual)");
        };
    }
}
