package org.vapr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.vapr.world.BenchmarkKind;
import org.vapr.world.BenchmarkReport;
import org.vapr.world.BenchmarkSynthesizer;
import org.vapr.world.WorldDifficulty;
import org.vapr.world.SynthOptions;
import org.vapr.world.SynthReport;
import org.vapr.world.WorldSynthesizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vapr synth}: writes a synthetic world (LLaVA-format corpus, PNG images, scene ground truth), or with
 * {@code --benchmark} a POPE / NaturalBench / multiple-choice benchmark from held-out scenes.
 */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {
            "Generate the synthetic visual world: a LLaVA-format corpus with images and ground truth.",
            "Writes DIR/llava.json (LLaVA-665K shape), DIR/images/*.png, DIR/scenes.jsonl (ground truth for the",
            "oracle) and DIR/manifest.json.",
            "",
            "With --benchmark pope|naturalbench|mc: a benchmark from held-out scenes",
            "(never in a training world) in the official format:",
            "DIR/pope_{random,popular,adversarial}.jsonl, DIR/naturalbench.jsonl or",
            "DIR/mc.json, plus DIR/images/*.png, DIR/scenes.jsonl, DIR/manifest.json.",
            "The oracle checks every answer."
        })
final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "2000",
            description = "Number of scenes (images); one record each, plus text-only records (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--records", paramLabel = "N", defaultValue = "0",
            description = "Scale mode: total number of records (e.g. 665000 with --mix llava665k --no-images).")
    long records;

    @Option(names = "--image-size", paramLabel = "PX", defaultValue = "64",
            description = "Image width and height in pixels (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--no-images", negatable = false, description = "Write no PNG files (scale tests).")
    boolean noImages;

    @Option(names = "--mix", paramLabel = "MIX", defaultValue = "world",
            description = "Record mix: world (every category well covered) or llava665k (the real file's source mix) (default: ${DEFAULT-VALUE}).")
    String mix;

    @Option(names = "--yes-share", paramLabel = "P", defaultValue = "0.65",
            description = "Share of 'yes' among yes/no answers, as in real corpora (default: ${DEFAULT-VALUE}).")
    double yesShare;

    @Option(names = "--difficulty", paramLabel = "LEVEL", defaultValue = "standard",
            description = "World difficulty: standard (8 shapes x 10 colors x 3 sizes x 4 patterns, 6 backgrounds, 1-6 objects) or "
                    + "demo (4 shapes x 6 colors, solid, medium/large, 2 plain backgrounds, 1-4 objects, short-QA-heavy corpus; "
                    + "the CPU demo's calibrated world). Benchmarks take the same option (default: ${DEFAULT-VALUE}).")
    String difficulty;

    @Option(names = "--benchmark", paramLabel = "KIND",
            description = "Write a benchmark instead of a corpus: pope, naturalbench or mc.")
    String benchmark;

    @Option(names = "--scenes", paramLabel = "N", defaultValue = "" + BenchmarkSynthesizer.DEFAULT_SCENES,
            description = "With --benchmark: held-out scenes to draw (POPE images, NaturalBench groups, MC questions) (default: ${DEFAULT-VALUE}).")
    int scenes;

    @Option(names = "--held-out-from", paramLabel = "WORLD_DIR",
            description = "With --benchmark: a world directory (with scenes.jsonl) whose scenes must not be reused; checked.")
    Path heldOutFrom;

    @Override
    public Integer call() throws Exception {
        if (benchmark != null) {
            return benchmark();
        }
        if (heldOutFrom != null) {
            throw new IllegalArgumentException("--held-out-from needs --benchmark");
        }
        SynthOptions options = new SynthOptions(samples, records, common.seed, imageSize, !noImages, mix, yesShare,
                WorldDifficulty.of(difficulty));
        SynthReport report = WorldSynthesizer.synthesize(out, options);
        PrintWriter o = spec.commandLine().getOut();
        o.printf("synth: %,d records, %,d images, %,d scenes%n", report.records(), report.images(), report.scenes());
        report.recordsByKind().forEach((k, v) -> o.printf("  %-24s %,10d%n", k, v));
        o.printf("corpus:   %s%nscenes:   %s%nmanifest: %s%n", report.corpus(), report.scenesFile(), out.resolve("manifest.json"));
        o.flush();
        return ExitCode.OK;
    }

    private int benchmark() throws Exception {
        BenchmarkKind kind = BenchmarkKind.parse(benchmark);
        BenchmarkReport report = BenchmarkSynthesizer.builder().setOut(out).setKind(kind).optScenes(scenes)
                .optSeed(common.seed).optImageSize(imageSize).optHeldOutFrom(heldOutFrom).optDifficulty(WorldDifficulty.of(difficulty)).build().synthesize();
        PrintWriter o = spec.commandLine().getOut();
        o.printf("synth --benchmark %s: %,d scenes, %,d images%n", kind.id, report.scenes(), report.images());
        report.counts().forEach((k, v) -> o.printf("  %-40s %,10d%n", k, v));
        for (Path f : report.files()) {
            o.printf("file:     %s%n", f);
        }
        o.printf("manifest: %s%n", out.resolve("manifest.json"));
        o.flush();
        return ExitCode.OK;
    }
}
