package org.vapr.cli.calibration;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.vapr.train.data.EncodedTurn;
import org.vapr.train.loop.AdamWSettings;
import org.vapr.train.loop.LoopSettings;
import org.vapr.train.loop.LoggedMetrics;
import org.vapr.train.loop.ScheduleShape;
import org.vapr.train.loop.TrainingListener;
import org.vapr.train.loop.TrainingLoop;
import org.vapr.train.model.Generator;
import org.vapr.train.model.VlmConfig;
import org.vapr.train.model.WorldVlm;
import org.vapr.train.objective.SftObjective;
import org.vapr.train.run.EngineThreads;
import org.vapr.train.text.WordTokenizer;

/**
 * Text-only learning probe (run by {@code bench/membership-probe.sh}): can the world model, at its demo size and
 * learning rate, learn set membership ("is q in a b c ?", 3 of 8 items shown) from its prompt alone, a blank image
 * attached. {@code PROBE_COPY=1} asks for the queried item instead. {@code bench/membership-probe.py} is the same
 * probe in PyTorch.
 */
public final class MatchProbe {
    public static void main(String[] args) throws Exception {
        EngineThreads.configure(2);
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 600;
        Path dir = Files.createTempDirectory("probe");
        Path image = dir.resolve("blank.png");
        ImageIO.write(new BufferedImage(48, 48, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
        List<String> items = List.of("a", "b", "c", "d", "e", "f", "g", "h");
        List<String> vocab = new ArrayList<>(items);
        vocab.addAll(List.of("is", "in", "?", "yes", "no"));
        WordTokenizer tok = WordTokenizer.build(List.of(String.join(" ", vocab)), 1);
        SplittableRandom r = new SplittableRandom(1);
        List<EncodedTurn> rows = new ArrayList<>();
        List<String[]> held = new ArrayList<>();
        try (WorldVlm model = WorldVlm.create(VlmConfig.world(tok.size()), tok, 1)) {
            for (int i = 0; i < 40000; i++) {
                List<String> set = new ArrayList<>(items);
                java.util.Collections.shuffle(set, new java.util.Random(r.nextLong()));
                List<String> shown = set.subList(0, 3);
                boolean yes = r.nextBoolean();
                String q = yes ? shown.get(r.nextInt(3)) : set.get(3 + r.nextInt(5));
                String question = "is " + q + " in " + String.join(" ", shown) + " ?";
                String answer = yes ? "yes" : "no";
                if (System.getenv("PROBE_COPY") != null) { // copy the queried item: pure content routing
                    answer = q;
                }
                if (i < 1000) {
                    held.add(new String[] {question, answer});
                } else {
                    rows.add(new EncodedTurn("r" + i, image, model.encoder().prompt(question), model.encoder().completion(answer)));
                }
            }
            int epochs = Math.max(1, steps * 64 / rows.size());
            LoopSettings loop = new LoopSettings(epochs, 64, 1, 1e-3, 0.03, ScheduleShape.COSINE, 1.0,
                    new AdamWSettings(0.9, 0.999, 1e-8, 0.0), 1, 50, 0, false);
            new TrainingLoop(model, new SftObjective(model, model.collator(), rows.subList(0, Math.min(rows.size(), steps * 64))), loop, null,
                    List.of(new TrainingListener() {
                        @Override
                        public void onLog(LoggedMetrics m) {
                            System.out.printf(Locale.ROOT, "step %d loss %.4f%n", m.step(), m.metrics().get("loss"));
                        }
                    })).run(null);
            List<Path> images = new ArrayList<>();
            List<String> qs = new ArrayList<>();
            for (String[] h : held) {
                images.add(image);
                qs.add(h[0]);
            }
            List<String> ans = new Generator(model).generate(images, qs, Generator.Settings.greedy(3));
            int ok = 0;
            for (int i = 0; i < held.size(); i++) {
                ok += ans.get(i).strip().equals(held.get(i)[1]) ? 1 : 0;
            }
            System.out.println("held-out accuracy " + ok / (double) held.size() + " e.g. " + ans.subList(0, 5));
        }
    }
}
