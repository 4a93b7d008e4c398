package org.vapr.world;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vapr.core.Verdict;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlWriter;
import org.vapr.core.manifest.RunManifest;
import org.vapr.core.manifest.Tally;

/**
 * Writes a benchmark of the world from held-out scenes (see {@link HeldOutScenes}) in an official format, with the
 * images rendered to {@code DIR/images/} and referenced by paths relative to {@code DIR}:
 * <ul>
 *   <li>{@link BenchmarkKind#POPE}: {@code pope_random.jsonl}, {@code pope_popular.jsonl}, {@code pope_adversarial.jsonl}
 *       (see {@link PopeSampler} for what an object is and how negatives are drawn);</li>
 *   <li>{@link BenchmarkKind#NATURALBENCH}: {@code naturalbench.jsonl}, one group of four per line with the official
 *       column names (see {@link NaturalBenchGroup}, {@link NaturalBenchPairs});</li>
 *   <li>{@link BenchmarkKind#MC}: {@code mc.json}, SEED-Bench's layout (see {@link McQuestion}, {@link McQuestions}).</li>
 * </ul>
 * Also {@code scenes.jsonl} (the ground truth of every image) and {@code manifest.json}. Every gold answer, and every
 * wrong answer the item implies, is checked with {@link SceneOracle}; a disagreement stops the run with an
 * {@link IllegalStateException} before anything is written. The same options give the same bytes (manifest timing
 * aside).
 *
 * <pre>{@code
 * BenchmarkReport r = BenchmarkSynthesizer.builder().setOut(dir).setKind(BenchmarkKind.POPE)
 *         .optScenes(200).optSeed(7).optHeldOutFrom(worldDir).build().synthesize();
 * }</pre>
 */
public final class BenchmarkSynthesizer {
    /** The default number of base scenes (POPE uses 500 images per split). */
    public static final int DEFAULT_SCENES = 500;

    private final Path out;
    private final BenchmarkKind kind;
    private final int scenes;
    private final long seed;
    private final int imageSize;
    private final Path heldOutFrom;
    private final WorldDifficulty difficulty;

    private BenchmarkSynthesizer(Builder b) {
        this.difficulty = b.difficulty;
        this.out = b.out;
        this.kind = b.kind;
        this.scenes = b.scenes;
        this.seed = b.seed;
        this.imageSize = b.imageSize;
        this.heldOutFrom = b.heldOutFrom;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link BenchmarkSynthesizer}; {@code setOut} and {@code setKind} are required. */
    public static final class Builder {
        private Path out;
        private BenchmarkKind kind;
        private int scenes = DEFAULT_SCENES;
        private long seed = 42;
        private int imageSize = 64;
        private Path heldOutFrom;
        private WorldDifficulty difficulty = WorldDifficulty.STANDARD;

        private Builder() {
        }

        /** The world's difficulty (default standard); use the training world's so the benchmark matches it. */
        public Builder optDifficulty(WorldDifficulty v) {
            this.difficulty = v == null ? WorldDifficulty.STANDARD : v;
            return this;
        }

        /** The output directory. */
        public Builder setOut(Path v) {
            this.out = v;
            return this;
        }

        public Builder setKind(BenchmarkKind v) {
            this.kind = v;
            return this;
        }

        /** Base scenes: POPE images, NaturalBench groups, MC questions (default 500). */
        public Builder optScenes(int v) {
            this.scenes = v;
            return this;
        }

        /** The seed (default 42); scenes come from a stream derived from it, not the one {@code vapr synth} uses. */
        public Builder optSeed(long v) {
            this.seed = v;
            return this;
        }

        /** Image side in pixels, 32 to 1024 (default 64). */
        public Builder optImageSize(int v) {
            this.imageSize = v;
            return this;
        }

        /** A world directory (with {@code scenes.jsonl}) whose scenes the benchmark must not reuse; checked. */
        public Builder optHeldOutFrom(Path v) {
            this.heldOutFrom = v;
            return this;
        }

        /** Validates the options; {@link IllegalArgumentException} naming the command-line option otherwise. */
        public BenchmarkSynthesizer build() {
            if (out == null) {
                throw new IllegalArgumentException("--out is required");
            }
            if (kind == null) {
                throw new IllegalArgumentException("--benchmark is required");
            }
            if (scenes < 1) {
                throw new IllegalArgumentException("--scenes must be at least 1");
            }
            if (imageSize < 32 || imageSize > 1024) {
                throw new IllegalArgumentException("--image-size must be between 32 and 1024");
            }
            if (heldOutFrom != null && heldOutFrom.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
                throw new IllegalArgumentException("--out must differ from --held-out-from");
            }
            return new BenchmarkSynthesizer(this);
        }
    }

    /** Generates, checks and writes the benchmark. */
    public BenchmarkReport synthesize() throws IOException {
        RunManifest manifest = RunManifest.start("synth");
        HeldOutScenes held = new HeldOutScenes(seed, difficulty);
        // a small world repeats scenes: a held-out scene (or a variant made from it) that a training scene equals is
        // left out and the next held-out index takes its place, until no benchmark image is a training scene
        Set<List<Object>> training = heldOutFrom == null ? Set.of() : HeldOutScenes.contents(heldOutFrom);
        Set<Long> skipped = new TreeSet<>();
        List<Scene> images;
        List<OracleCheck> checks;
        Map<String, Tally> counts;
        Map<String, Object> files; // file name -> rows (List) or document (Map)
        while (true) {
            List<Scene> base = new ArrayList<>(scenes);
            for (long i = 0; base.size() < scenes; i++) {
                Scene candidate = held.scene(i);
                if (skipped.contains(i) || training.contains(HeldOutScenes.content(candidate))) {
                    skipped.add(i);
                    continue;
                }
                base.add(candidate);
            }
            images = new ArrayList<>();
            checks = new ArrayList<>();
            counts = new LinkedHashMap<>();
            files = new LinkedHashMap<>();
            switch (kind) {
                case POPE -> pope(base, images, checks, counts, files);
                case NATURALBENCH -> naturalBench(base, images, checks, counts, files);
                case MC -> mc(base, images, checks, counts, files);
                default -> throw new IllegalStateException(kind.toString());
            }
            int before = skipped.size();
            for (Scene s : images) {
                if (training.contains(HeldOutScenes.content(s))) {
                    skipped.add(HeldOutScenes.index(s.id()));
                }
            }
            if (skipped.size() == before) {
                break;
            }
        }
        long worldScenes = heldOutFrom == null ? -1 : HeldOutScenes.assertDisjoint(heldOutFrom, images);
        verify(images, checks);

        Files.createDirectories(out);
        RunManifest.invalidate(out);
        for (Scene s : images) {
            SceneRenderer.write(s, imageSize, out.resolve(s.image()));
        }
        try (JsonlWriter w = JsonlWriter.open(out.resolve("scenes.jsonl"))) {
            for (Scene s : images) {
                w.write(s);
            }
        }
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, Object> e : files.entrySet()) {
            Path target = out.resolve(e.getKey());
            if (e.getValue() instanceof List<?> rows) {
                try (JsonlWriter w = JsonlWriter.open(target)) {
                    rows.forEach(w::write);
                }
            } else {
                byte[] bytes = Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(e.getValue());
                AtomicFiles.write(target, o -> {
                    o.write(bytes);
                    o.write('\n');
                });
            }
            written.add(target);
        }
        manifest.option("benchmark", kind.id).option("scenes", scenes).option("seed", seed).option("image_size", imageSize)
                .seed("seed", seed).count("scenes", scenes).count("images", images.size()).count("oracle_checks", checks.size());
        if (heldOutFrom != null) {
            manifest.option("held_out_from", heldOutFrom.toString()).input("held_out_scenes", heldOutFrom.resolve("scenes.jsonl"))
                    .count("held_out_world_scenes", worldScenes).count("held_out_skipped_as_training_scenes", skipped.size());
        }
        TreeMap<String, Long> flat = new TreeMap<>();
        counts.forEach((group, tally) -> {
            manifest.counts(group, tally);
            tally.asMap().forEach((k, v) -> flat.put(group + "/" + k, v));
        });
        manifest.put("held_out", Map.of("scene_id_prefix", HeldOutScenes.PREFIX, "stream", "seed-derived, disjoint from vapr synth's"));
        if (difficulty != WorldDifficulty.STANDARD) {
            manifest.option("difficulty", difficulty.id);
        }
        manifest.write(out);
        return new BenchmarkReport(kind, scenes, images.size(), flat, written);
    }

    /** Checks every claim against the oracle over {@code images}; {@link IllegalStateException} on the first disagreement. */
    static void verify(List<Scene> images, List<OracleCheck> checks) {
        SceneOracle oracle = SceneOracle.of(images);
        if (oracle.size() != images.size()) {
            throw new IllegalStateException("benchmark images are not unique: " + images.size() + " scenes, " + oracle.size() + " paths");
        }
        for (OracleCheck c : checks) {
            Verdict v = oracle.verify(c.image(), c.category(), c.question(), c.answer());
            Verdict want = c.expected() ? Verdict.TRUE : Verdict.FALSE;
            if (v != want) {
                throw new IllegalStateException("oracle contradiction on " + c.image() + ": \"" + c.question().replace('\n', ' ')
                        + "\" answered \"" + c.answer() + "\" should be " + want + ", the oracle says " + v);
            }
        }
    }

    private void pope(List<Scene> base, List<Scene> images, List<OracleCheck> checks, Map<String, Tally> counts,
            Map<String, Object> files) {
        images.addAll(base);
        PopeSampler sampler = new PopeSampler(base, seed, difficulty);
        List<List<PopeQuestion>> splits = new ArrayList<>();
        for (int k = 0; k < PopeSampler.SPLITS.size(); k++) {
            splits.add(new ArrayList<>());
        }
        Tally items = new Tally();
        Tally yes = new Tally();
        Tally no = new Tally();
        for (int i = 0; i < base.size(); i++) {
            Scene s = base.get(i);
            List<List<String>> sample = sampler.sample(i);
            List<String> pos = sample.get(0);
            for (int k = 0; k < PopeSampler.SPLITS.size(); k++) {
                String split = PopeSampler.SPLITS.get(k);
                List<String> neg = sample.get(k + 1);
                List<PopeQuestion> rows = splits.get(k);
                for (int j = 0; j < pos.size(); j++) {
                    for (String[] qa : new String[][] {{pos.get(j), "yes"}, {neg.get(j), "no"}}) {
                        String text = PopeSampler.question(qa[0]);
                        rows.add(new PopeQuestion(rows.size() + 1, s.image(), text, qa[1]));
                        boolean isYes = qa[1].equals("yes");
                        checks.add(new OracleCheck(s.image(), org.vapr.core.Category.EXISTENCE, text, "Yes", isYes));
                        checks.add(new OracleCheck(s.image(), org.vapr.core.Category.EXISTENCE, text, "No", !isYes));
                        items.add(split);
                        (isYes ? yes : no).add(split);
                    }
                }
            }
        }
        for (int k = 0; k < PopeSampler.SPLITS.size(); k++) {
            files.put("pope_" + PopeSampler.SPLITS.get(k) + ".jsonl", splits.get(k));
        }
        counts.put("items_by_split", items);
        counts.put("yes_by_split", yes);
        counts.put("no_by_split", no);
    }

    private void naturalBench(List<Scene> base, List<Scene> images, List<OracleCheck> checks, Map<String, Tally> counts,
            Map<String, Object> files) {
        NaturalBenchPairs pairs = new NaturalBenchPairs(seed, difficulty);
        List<NaturalBenchGroup> rows = new ArrayList<>();
        Tally byType = new Tally();
        Tally byConstruction = new Tally();
        Tally skipped = new Tally();
        for (int i = 0; i < base.size(); i++) {
            NaturalBenchPairs.Pair p = pairs.make(rows.size(), base.get(i));
            if (p == null) {
                skipped.add("no_construction_fits");
                continue;
            }
            rows.add(p.row());
            images.add(p.image0());
            images.add(p.image1());
            checks.addAll(p.checks());
            byType.add(p.row().questionType());
            byConstruction.add(p.construction());
        }
        files.put("naturalbench.jsonl", rows);
        counts.put("groups_by_question_type", byType);
        counts.put("groups_by_construction", byConstruction);
        counts.put("scenes_skipped", skipped);
    }

    private void mc(List<Scene> base, List<Scene> images, List<OracleCheck> checks, Map<String, Tally> counts,
            Map<String, Object> files) {
        McQuestions maker = new McQuestions(seed, difficulty);
        List<McQuestion> questions = new ArrayList<>();
        Tally byType = new Tally();
        Tally byLetter = new Tally();
        Tally skipped = new Tally();
        for (int i = 0; i < base.size(); i++) {
            McQuestions.Made m = maker.make(i, base.get(i));
            if (m == null) {
                skipped.add("no_type_fits");
                continue;
            }
            questions.add(m.question());
            images.add(base.get(i));
            checks.addAll(m.checks());
            byType.add(m.type());
            byLetter.add(m.question().answer());
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        Map<String, Integer> types = new LinkedHashMap<>();
        for (int t = 0; t < McQuestions.TYPES.size(); t++) {
            types.put(McQuestions.TYPES.get(t), t + 1);
        }
        doc.put("question_type", types);
        doc.put("questions", questions);
        files.put("mc.json", doc);
        counts.put("questions_by_type", byType);
        counts.put("answers_by_letter", byLetter);
        counts.put("scenes_skipped", skipped);
    }
}
