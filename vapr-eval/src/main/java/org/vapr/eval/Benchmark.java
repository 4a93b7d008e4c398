package org.vapr.eval;

import java.nio.file.Path;
import java.util.Locale;
import org.vapr.eval.data.BenchmarkData;
import org.vapr.eval.data.CvBenchFile;
import org.vapr.eval.data.MathVistaFile;
import org.vapr.eval.data.MmStarFile;
import org.vapr.eval.data.MmmuFile;
import org.vapr.eval.data.NaturalBenchFile;
import org.vapr.eval.data.PopeFile;
import org.vapr.eval.data.SeedBenchFile;
import org.vapr.eval.score.ChoiceScores;
import org.vapr.eval.score.NaturalBenchScores;
import org.vapr.eval.score.PopeScores;
import org.vapr.eval.score.ScoreDefinition;

/** The benchmarks {@code vapr eval score} reads from their official files, with their readers and scores. */
public enum Benchmark {
    /** POPE: yes/no object-existence questions in three splits. */
    POPE("pope"),
    /** NaturalBench: groups of two questions × two images. */
    NATURALBENCH("naturalbench"),
    /** SEED-Bench, image questions (SEED-I). */
    SEED("seed"),
    /** CV-Bench (2D: ADE20K, COCO; 3D: Omni3D). */
    CVBENCH("cvbench"),
    /** MMStar. */
    MMSTAR("mmstar"),
    /** MMMU, multiple-choice questions. */
    MMMU("mmmu"),
    /** MathVista, multiple-choice questions. */
    MATHVISTA("mathvista"),
    /**
     * Questions about a synthetic world's held-out scenes (a LLaVA-format corpus from {@code vapr synth}), judged by
     * the world's oracle and by exact match: only {@code vapr eval run} scores it ({@link org.vapr.eval.data.WorldQaFile}).
     */
    WORLD_QA("world-qa");

    private final String id;

    Benchmark(String id) {
        this.id = id;
    }

    /** The name used on the command line and in reports. */
    public String id() {
        return id;
    }

    /** The benchmark of that name. */
    public static Benchmark of(String name) {
        for (Benchmark b : values()) {
            if (b.id.equals(name.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown benchmark '" + name + "'");
    }

    /** Whether answers are read as multiple-choice letters. */
    public boolean multipleChoice() {
        return this != POPE && this != NATURALBENCH && this != WORLD_QA;
    }

    /** Reads one of this benchmark's files. */
    public BenchmarkData read(Path file) {
        return switch (this) {
            case POPE -> PopeFile.read(file);
            case NATURALBENCH -> NaturalBenchFile.read(file);
            case SEED -> SeedBenchFile.read(file);
            case CVBENCH -> CvBenchFile.read(file);
            case MMSTAR -> MmStarFile.read(file);
            case MMMU -> MmmuFile.read(file);
            case MATHVISTA -> MathVistaFile.read(file);
            case WORLD_QA -> throw new IllegalArgumentException(
                    "world-qa is read with WorldQaFile (it needs the world's oracle): use vapr eval run");
        };
    }

    /** How this benchmark's scores are computed. */
    public ScoreDefinition scores() {
        return switch (this) {
            case POPE -> new PopeScores();
            case NATURALBENCH -> new NaturalBenchScores();
            case SEED -> new ChoiceScores(ChoiceScores.Aggregate.ACCURACY, "type");
            case CVBENCH -> new ChoiceScores(ChoiceScores.Aggregate.CV_BENCH, "source");
            case MMSTAR -> new ChoiceScores(ChoiceScores.Aggregate.SUBCATEGORY_MACRO, "category");
            case MMMU -> new ChoiceScores(ChoiceScores.Aggregate.ACCURACY, "subject");
            case MATHVISTA -> new ChoiceScores(ChoiceScores.Aggregate.ACCURACY, "task");
            case WORLD_QA -> new org.vapr.eval.score.WorldQaScores();
        };
    }
}
