package org.vapr.world;

import java.util.Locale;

/** The benchmarks {@link BenchmarkSynthesizer} writes from held-out scenes of the world. */
public enum BenchmarkKind {
    /** POPE: yes/no object-existence questions, three negative-sampling splits. */
    POPE("pope"),
    /** NaturalBench: groups of two questions × two minimally different images with opposite answers. */
    NATURALBENCH("naturalbench"),
    /** SEED-Bench-style four-option multiple choice on color, counting, shape and spatial relations. */
    MC("mc");

    /** The command-line name, e.g. {@code pope}. */
    public final String id;

    BenchmarkKind(String id) {
        this.id = id;
    }

    /** The kind named {@code name} (case-insensitive); {@link IllegalArgumentException} naming {@code --benchmark} otherwise. */
    public static BenchmarkKind parse(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        for (BenchmarkKind k : values()) {
            if (k.id.equals(n)) {
                return k;
            }
        }
        throw new IllegalArgumentException("--benchmark must be one of pope, naturalbench, mc (got '" + name + "')");
    }
}
