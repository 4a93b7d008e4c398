package org.vapr.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.vapr.cli.demo.DemoPlan;
import org.vapr.cli.demo.DemoSummary;
import org.vapr.cli.demo.FullDemo;
import org.vapr.train.run.EngineThreads;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vapr demo}: the paper's comparison end to end in a synthetic world ({@link FullDemo}). */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "The paper's comparison end to end in a synthetic world: synthesize a world and held-out POPE,",
            "NaturalBench and multiple-choice benchmarks; build VaPR, POVID-style and SIMA-style datasets from the",
            "same sampled turns and compare their biases; SFT a small model; the SFT-on-VaPR baseline; DPO on each",
            "dataset; evaluate every model with bootstrap CIs; a dataset-size scaling sweep. Writes DIR/report.html",
            "(self-contained) and DIR/summary.json, one subdirectory with a manifest per stage. About 6 minutes on",
            "2 cores (--quick: about 1)."
        })
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "vapr-demo", description = "Output directory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--quick", description = "Smaller world, benchmarks and training, for CI and a first look.")
    boolean quick;

    @Option(names = "--pair-scenes", paramLabel = "N", defaultValue = "0",
            description = {"World scenes beyond the SFT model's whose turns only the pair builders see, so the pairs come",
                "from images the SFT model never trained on (default: ${DEFAULT-VALUE}: the pairs are sampled from the SFT",
                "corpus itself, as the paper samples them from LLaVA-1.5's own SFT data)."})
    int pairScenes;

    @Option(names = "--world-sentences", negatable = false,
            description = {"Chosen answers in the world's own sentences, and for yes/no questions the world's sentence for the",
                "other answer as the first rejected proposal (a stand-in for an editor LLM that writes in the model's style),",
                "instead of the rule extension and rule editor vapr build uses on any corpus (docs/CALIBRATION.md, seventh round)."})
    boolean worldSentences;

    @Option(names = "--dpo-beta", paramLabel = "B",
            description = "DPO's beta for the three DPO runs (default: the plan's, 1.0; the paper's is 0.1: "
                    + "docs/CALIBRATION.md, eighth round).")
    Double dpoBeta;

    @Option(names = "--dpo-lr", paramLabel = "LR", description = "DPO's (and SFT on VaPR's) peak learning rate (default: the plan's, 3e-4).")
    Double dpoLr;

    @Option(names = "--conditional-weight", paramLabel = "W",
            description = "Weight of mDPO's conditional term in the three DPO runs, on contrast images made by the smallest "
                    + "scene edit that makes each pair's chosen answer wrong (default: the plan's, 1.0; 0: plain DPO, no "
                    + "contrast images, the paper's objective).")
    Double conditionalWeight;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "PyTorch threads (default: ${DEFAULT-VALUE}; results are reproducible for the same count).")
    int threads;

    @Override
    public Integer call() throws Exception {
        EngineThreads.configure(threads);
        PrintWriter o = spec.commandLine().getOut();
        if (pairScenes < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pair-scenes must be 0 or more, not " + pairScenes);
        }
        if (dpoBeta != null && !(dpoBeta > 0) || dpoLr != null && !(dpoLr > 0)
                || conditionalWeight != null && !(conditionalWeight >= 0)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--dpo-beta and --dpo-lr must be positive, --conditional-weight 0 or more");
        }
        DemoPlan plan = (quick ? DemoPlan.quick() : DemoPlan.full()).withPairScenes(pairScenes).withWorldSentences(worldSentences);
        plan = plan.withDpoObjective(dpoLr == null ? plan.dpoLearningRate() : dpoLr, dpoBeta == null ? plan.dpoBeta() : dpoBeta,
                conditionalWeight == null ? plan.conditionalWeight() : conditionalWeight);
        FullDemo.Settings settings = new FullDemo.Settings(out, common.seed, threads, plan, common.quiet,
                CommandLines.describe(spec), (model, images) -> ModelSampleEditor.open(model, images,
                        EditorWiring.SAMPLE_MAX_NEW_TOKENS, threads));
        DemoSummary summary = new FullDemo(settings, o).run();
        printSummary(o, summary);
        return ExitCode.OK;
    }

    private void printSummary(PrintWriter o, DemoSummary s) {
        o.println();
        o.printf(Locale.ROOT, "%-18s %8s %8s %6s %8s %6s %8s %8s %7s %8s%n", "model", "POPE F1", "POPE acc", "yes", "bare F1",
                "yes", "NB acc", "NB G-Acc", "MC acc", "reward");
        s.models().values().forEach(m -> o.printf(Locale.ROOT, "%-18s %8.3f %8.3f %6.2f %8.3f %6.2f %8.3f %8.3f %7.3f %8s%n", m.label(),
                m.popeF1().value(), m.popeAccuracy().value(), m.popeYesRatio().value(), m.popeBareF1().value(),
                m.popeBareYesRatio().value(), m.naturalbenchAcc().value(),
                m.naturalbenchGAcc().value(), m.mcAccuracy().value(),
                m.finalRewardAccuracy() == null ? "-" : String.format(Locale.ROOT, "%.3f", m.finalRewardAccuracy())));
        o.println();
        s.findings().forEach(f -> o.println("- " + f));
        o.println();
        double total = s.timings().stream().mapToDouble(DemoSummary.StageTiming::seconds).sum();
        StringBuilder t = new StringBuilder("timings:");
        s.timings().forEach(x -> t.append(String.format(Locale.ROOT, " %s %.0fs;", x.stage(), x.seconds())));
        o.println(t);
        o.printf(Locale.ROOT, "total: %.0f s%n", total);
        o.println("report:  " + out.resolve("report.html") + " (open it in a browser)");
        o.println("summary: " + out.resolve("summary.json"));
        o.flush();
    }
}
