package org.vapr.cli.calibration;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import com.fasterxml.jackson.databind.JsonNode;
import org.vapr.core.Category;
import org.vapr.core.Verdict;
import org.vapr.core.io.Json;
import org.vapr.core.manifest.Tally;
import org.vapr.train.data.EncodedTurn;
import org.vapr.train.loop.AdamWSettings;
import org.vapr.train.loop.LoopSettings;
import org.vapr.train.loop.ScheduleShape;
import org.vapr.train.loop.TrainingListener;
import org.vapr.train.loop.TrainingLoop;
import org.vapr.train.model.Generator;
import org.vapr.train.model.VlmConfig;
import org.vapr.train.model.WorldVlm;
import org.vapr.train.objective.SftObjective;
import org.vapr.train.run.EngineThreads;
import org.vapr.train.run.LlavaTurns;
import org.vapr.train.run.QaTurn;
import org.vapr.train.text.WordTokenizer;
import org.vapr.world.BenchmarkKind;
import org.vapr.world.BenchmarkSynthesizer;
import org.vapr.world.SceneOracle;
import org.vapr.world.SynthOptions;
import org.vapr.world.WorldDifficulty;
import org.vapr.world.WorldSynthesizer;

/**
 * The calibration harness of the world demo: synthesizes a training world, SFTs a fresh world model on it for a fixed
 * number of epochs, then answers held-out POPE questions (three splits, official parser) and the short existence,
 * counting and color questions of a held-out world (exact match against the gold short answer, and the scene oracle),
 * and prints one table row plus a JSON line. Arguments are {@code key=value}:
 * {@code out samples difficulty yes image patch d layers heads ffn vision lr batch epochs threads seed pope eval group},
 * and {@code only} (train on the turns of these categories) and {@code match} (and of those, the questions matching
 * this regex; held-out accuracy is then also reported for the matching questions).
 * Run it through {@code bench/calibrate-world.sh}.
 */
public final class WorldCalibration {
    private static final String SHORT = "\nAnswer the question using a single word or phrase.";
    private static final List<String> SHORT_CATEGORIES = List.of("existence", "counting", "color");

    private WorldCalibration() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String s : args) {
            int eq = s.indexOf('=');
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        Path out = Path.of(a.getOrDefault("out", "bench/out/calibration"));
        int samples = Integer.parseInt(a.getOrDefault("samples", "3000"));
        WorldDifficulty difficulty = WorldDifficulty.of(a.getOrDefault("difficulty", "standard"));
        double yes = Double.parseDouble(a.getOrDefault("yes", "0.65"));
        int threads = Integer.parseInt(a.getOrDefault("threads", "2"));
        long seed = Long.parseLong(a.getOrDefault("seed", "42"));
        int popeScenes = Integer.parseInt(a.getOrDefault("pope", "200"));
        int evalScenes = Integer.parseInt(a.getOrDefault("eval", "400"));
        EngineThreads.configure(threads);

        long t0 = System.nanoTime();
        Path world = out.resolve("world");
        Path heldWorld = out.resolve("heldout-world");
        Path pope = out.resolve("pope");
        int pixels = intArg(a, "image", 48); // rendered at the model's size: no resample blurs the grid cells
        SynthOptions base = SynthOptions.defaults().withSeed(seed).withYesShare(yes).withDifficulty(difficulty)
                .withImageSize(pixels);
        if (!Files.exists(world.resolve("manifest.json")) || a.containsKey("fresh")) {
            WorldSynthesizer.synthesize(world, base.withSamples(samples));
            WorldSynthesizer.synthesize(heldWorld, base.withSamples(evalScenes).withSeed(seed + 7919).withYesShare(0.5));
            BenchmarkSynthesizer.builder().setOut(pope).setKind(BenchmarkKind.POPE).optScenes(popeScenes).optSeed(seed)
                    .optHeldOutFrom(world).optDifficulty(difficulty).optImageSize(pixels).build().synthesize();
        }
        double synthSeconds = (System.nanoTime() - t0) / 1e9;

        List<QaTurn> turns = LlavaTurns.read(world.resolve("llava.json"), world, new Tally());
        if (a.containsKey("only")) { // train on the turns of these categories only (comma-separated)
            List<String> keep = List.of(a.get("only").split(","));
            Map<String, String> category = new java.util.HashMap<>();
            for (String line : Files.readAllLines(world.resolve("labels.jsonl"))) {
                JsonNode n = Json.mapper().readTree(line);
                category.put(n.get("id").asText() + "#" + n.get("turn").asInt(), n.get("expected").asText());
            }
            turns = turns.stream().filter(t -> keep.contains(category.getOrDefault(t.id(), ""))).toList();
            if (a.containsKey("match")) { // and of those, the questions matching this regex
                java.util.regex.Pattern re = java.util.regex.Pattern.compile(a.get("match"));
                turns = turns.stream().filter(t -> re.matcher(t.question()).find()).toList();
            }
            System.out.println("training on " + turns.size() + " turns of " + keep);
        }
        WordTokenizer tokenizer = QaTurn.tokenizer(turns);
        VlmConfig w = VlmConfig.world(tokenizer.size());
        VlmConfig config = new VlmConfig(intArg(a, "image", w.imageSize()), intArg(a, "patch", w.patchSize()),
                intArg(a, "d", w.dModel()), intArg(a, "layers", w.layers()), intArg(a, "heads", w.heads()),
                intArg(a, "ffn", w.ffnHidden()), intArg(a, "vision", w.visionLayers()), tokenizer.size(), w.maxTextLength(),
                w.ropeTheta(), w.normEps(), w.dropout(), w.tieEmbeddings());
        double lr = Double.parseDouble(a.getOrDefault("lr", "1e-3"));
        int batch = intArg(a, "batch", 32);
        int epochs = intArg(a, "epochs", 4);
        LoopSettings loop = new LoopSettings(epochs, batch, 1, lr, 0.03, ScheduleShape.COSINE, 1.0,
                new AdamWSettings(0.9, 0.999, 1e-8, 0.0), seed, 50, 0, intArg(a, "group", 1) == 1);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("config", String.join(" ", args));
        try (WorldVlm model = WorldVlm.create(config, tokenizer, seed)) {
            List<EncodedTurn> rows = new ArrayList<>();
            long tokens = 0;
            for (QaTurn t : turns) {
                EncodedTurn e = new EncodedTurn(t.id(), t.image(), model.encoder().prompt(t.question()),
                        model.encoder().completion(t.answer()));
                rows.add(e);
                tokens += e.promptIds().length + e.completionIds().length + config.imageTokens();
            }
            long start = System.nanoTime();
            TrainingLoop trainingLoop = new TrainingLoop(model, new SftObjective(model, model.collator(), rows), loop, null,
                    List.of(new TrainingListener() {
                        @Override
                        public void onLog(org.vapr.train.loop.LoggedMetrics m) {
                            System.out.printf(Locale.ROOT, "step %d loss %.4f grad_norm %.3f %.0f s%n", m.step(),
                                    m.metrics().getOrDefault("loss", Double.NaN),
                                    m.metrics().getOrDefault("grad_norm", Double.NaN), (System.nanoTime() - start) / 1e9);
                        }
                    }));
            long steps = trainingLoop.run(null);
            double trainSeconds = (System.nanoTime() - start) / 1e9;
            row.put("params", model.parameterCount());
            row.put("rows", rows.size());
            row.put("steps", steps);
            row.put("train_tokens", tokens * epochs);
            row.put("sft_s", round(trainSeconds));
            row.put("synth_s", round(synthSeconds));

            long e0 = System.nanoTime();
            Generator gen = new Generator(model);
            evaluateWorld(gen, heldWorld, row,
                    a.containsKey("match") ? java.util.regex.Pattern.compile(a.get("match")) : null);
            evaluatePope(gen, pope, row);
            popeAuc(model, pope, row);
            row.put("eval_s", round((System.nanoTime() - e0) / 1e9));
        }
        System.out.println("CALIBRATION " + Json.mapper().writeValueAsString(row));
    }

    private static void evaluateWorld(Generator gen, Path dir, Map<String, Object> row, java.util.regex.Pattern match)
            throws IOException {
        Map<String, String> expected = new TreeMap<>();
        for (String line : Files.readAllLines(dir.resolve("labels.jsonl"))) {
            JsonNode n = Json.mapper().readTree(line);
            expected.put(n.get("id").asText() + "#" + n.get("turn").asInt(), n.get("expected").asText() + "|" + n.get("kind").asText());
        }
        SceneOracle oracle = SceneOracle.load(dir.resolve("scenes.jsonl"));
        Map<String, Integer> objects = new java.util.HashMap<>();
        for (String line : Files.readAllLines(dir.resolve("scenes.jsonl"))) {
            JsonNode n = Json.mapper().readTree(line);
            objects.put(n.get("image").asText(), n.get("objects").size());
        }
        Map<String, int[]> byObjects = new TreeMap<>(); // category + object count → exact, total
        List<Path> images = new ArrayList<>();
        List<String> questions = new ArrayList<>();
        List<String> gold = new ArrayList<>();
        List<String> cats = new ArrayList<>();
        List<String> imageNames = new ArrayList<>();
        for (JsonNode r : Json.mapper().readTree(dir.resolve("llava.json").toFile())) {
            if (!r.has("image")) {
                continue;
            }
            JsonNode c = r.get("conversations");
            for (int i = 0; i + 1 < c.size(); i += 2) {
                String[] label = expected.getOrDefault(r.get("id").asText() + "#" + (i / 2), "|").split("\\|");
                if (!label[1].equals("vqa") || !SHORT_CATEGORIES.contains(label[0])) {
                    continue;
                }
                String q = c.get(i).get("value").asText();
                if (!q.contains(WordTokenizer.IMAGE)) {
                    q = WordTokenizer.IMAGE + "\n" + q;
                }
                images.add(dir.resolve(r.get("image").asText()));
                imageNames.add(r.get("image").asText());
                questions.add(q);
                gold.add(c.get(i + 1).get("value").asText());
                cats.add(label[0]);
            }
        }
        List<String> answers = gen.generate(images, questions, Generator.Settings.greedy(8));
        Map<String, int[]> acc = new TreeMap<>(); // exact, oracle-true, total, yes-said
        for (int i = 0; i < answers.size(); i++) {
            int[] t = acc.computeIfAbsent(cats.get(i), k -> new int[4]);
            String ans = norm(answers.get(i));
            t[0] += ans.equals(norm(gold.get(i))) ? 1 : 0;
            String q = questions.get(i).replace(WordTokenizer.IMAGE, "").replace(SHORT, "").strip();
            Verdict v = oracle.verify(imageNames.get(i), Category.fromId(cats.get(i)).orElseThrow(), q, answers.get(i));
            t[1] += v == Verdict.TRUE ? 1 : 0;
            t[2]++;
            t[3] += ans.startsWith("yes") ? 1 : 0;
            int[] k = byObjects.computeIfAbsent(cats.get(i) + "_" + objects.getOrDefault(imageNames.get(i), -1), x -> new int[2]);
            k[0] += ans.equals(norm(gold.get(i))) ? 1 : 0;
            k[1]++;
            if (match != null && match.matcher(questions.get(i)).find()) {
                int[] mm = byObjects.computeIfAbsent("matching_" + cats.get(i) + "_" + norm(gold.get(i)), x -> new int[2]);
                mm[0] += ans.equals(norm(gold.get(i))) ? 1 : 0;
                mm[1]++;
            }
        }
        StringBuilder split = new StringBuilder("by object count (exact/total):");
        byObjects.forEach((key, v) -> split.append(' ').append(key).append('=').append(v[0]).append('/').append(v[1]));
        System.out.println(split);
        for (var e : acc.entrySet()) {
            int[] t = e.getValue();
            row.put(e.getKey() + "_acc", round((double) t[0] / t[2]));
            row.put(e.getKey() + "_oracle", round((double) t[1] / t[2]));
            row.put(e.getKey() + "_n", t[2]);
            if (e.getKey().equals("existence")) {
                row.put("existence_yes_ratio", round((double) t[3] / t[2]));
            }
        }
    }

    private static void evaluatePope(Generator gen, Path dir, Map<String, Object> row) throws IOException {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (String split : List.of("random", "popular", "adversarial")) {
            List<Path> images = new ArrayList<>();
            List<String> questions = new ArrayList<>();
            List<Boolean> labels = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("pope_" + split + ".jsonl"))) {
                JsonNode n = Json.mapper().readTree(line);
                images.add(dir.resolve(n.get("image").asText()));
                questions.add(WordTokenizer.IMAGE + "\n" + n.get("text").asText() + SHORT);
                labels.add(n.get("label").asText().equals("yes"));
            }
            List<String> answers = gen.generate(images, questions, Generator.Settings.greedy(8));
            int stp = 0, sfp = 0, stn = 0, sfn = 0;
            for (int i = 0; i < answers.size(); i++) {
                boolean said = officialYes(answers.get(i));
                boolean truth = labels.get(i);
                if (said && truth) {
                    stp++;
                } else if (said) {
                    sfp++;
                } else if (truth) {
                    sfn++;
                } else {
                    stn++;
                }
            }
            row.put("pope_" + split + "_acc", round((double) (stp + stn) / answers.size()));
            tp += stp;
            fp += sfp;
            tn += stn;
            fn += sfn;
        }
        int n = tp + fp + tn + fn;
        double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        row.put("pope_acc", round((double) (tp + tn) / n));
        row.put("pope_f1", round(precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)));
        row.put("pope_yes_ratio", round((double) (tp + fp) / n));
        row.put("pope_n", n);
    }

    /**
     * POPE's ranking quality, independent of the yes/no threshold: the AUC of log p("Yes") − log p("No") as the first
     * answer against the labels (0.5 = the image is not used; a model that always says "yes" can still rank well).
     */
    private static void popeAuc(WorldVlm model, Path dir, Map<String, Object> row) throws IOException {
        List<org.vapr.train.data.EncodedPair> pairs = new ArrayList<>();
        List<Boolean> labels = new ArrayList<>();
        org.vapr.train.data.TurnEncoder enc = model.encoder();
        for (String split : List.of("random", "popular", "adversarial")) {
            for (String line : Files.readAllLines(dir.resolve("pope_" + split + ".jsonl"))) {
                JsonNode n = Json.mapper().readTree(line);
                pairs.add(new org.vapr.train.data.EncodedPair(split + n.get("question_id").asText(),
                        dir.resolve(n.get("image").asText()), enc.prompt(WordTokenizer.IMAGE + "\n" + n.get("text").asText() + SHORT),
                        enc.completion("Yes"), enc.completion("No")));
                labels.add(n.get("label").asText().equals("yes"));
            }
        }
        List<org.vapr.train.objective.PairScore> scores;
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            scores = new org.vapr.train.objective.PairScorer(model.collator(), 64).score(model, pairs, m);
        }
        long concordant2 = 0;
        long positives = labels.stream().filter(b -> b).count();
        long negatives = labels.size() - positives;
        for (int i = 0; i < scores.size(); i++) {
            if (!labels.get(i)) {
                continue;
            }
            double si = scores.get(i).logpChosen() - scores.get(i).logpRejected();
            for (int j = 0; j < scores.size(); j++) {
                if (!labels.get(j)) {
                    double sj = scores.get(j).logpChosen() - scores.get(j).logpRejected();
                    concordant2 += si > sj ? 2 : si == sj ? 1 : 0;
                }
            }
        }
        row.put("pope_auc", round(concordant2 / (2.0 * positives * negatives)));
    }

    /** POPE's official parser: an answer starting with "No" or containing the word "no" or "not" is "no". */
    static boolean officialYes(String answer) {
        String a = answer.strip();
        if (a.startsWith("No")) {
            return false;
        }
        for (String word : a.replace('.', ' ').replace(',', ' ').toLowerCase(Locale.ROOT).split("\\s+")) {
            if (word.equals("no") || word.equals("not")) {
                return false;
            }
        }
        return true;
    }

    private static String norm(String s) {
        return s.strip().toLowerCase(Locale.ROOT).replaceAll("[.!]+$", "");
    }

    private static int intArg(Map<String, String> a, String key, int fallback) {
        return a.containsKey(key) ? Integer.parseInt(a.get(key)) : fallback;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
