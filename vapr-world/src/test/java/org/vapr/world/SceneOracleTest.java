package org.vapr.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.Category;
import org.vapr.core.Verdict;
import org.vapr.core.record.Message;

class SceneOracleTest {

    /** One judged turn of the generated corpus. */
    record Turn(String image, Category category, String question, String answer) {
    }

    static List<Turn> turns(SynthOptions options, List<Scene> scenes) {
        List<Turn> out = new ArrayList<>();
        new CorpusGenerator(options).forEach(g -> {
            if (g.scene() == null) {
                return;
            }
            scenes.add(g.scene());
            List<Message> conv = g.record().conversations();
            for (int i = 0; i < g.categories().size(); i++) {
                Category c = g.categories().get(i);
                if (c != null) {
                    out.add(new Turn(g.record().image(), c, conv.get(2 * i).value(), conv.get(2 * i + 1).value()));
                }
            }
        });
        return out;
    }

    private static boolean closed(Category c) {
        return c != Category.REASONING && c != Category.CAPTIONING;
    }

    @Test
    void goldAnswersAreTrueAndCorruptedAnswersFalse() {
        List<Scene> scenes = new ArrayList<>();
        List<Turn> turns = turns(SynthOptions.defaults().withSamples(1500).withImages(false), scenes);
        SceneOracle oracle = SceneOracle.of(scenes);
        Map<Category, int[]> stats = new EnumMap<>(Category.class); // gold true, gold unknown, corrupted, corrupted false
        List<String> failures = new ArrayList<>();
        for (Turn t : turns) {
            int[] st = stats.computeIfAbsent(t.category(), k -> new int[4]);
            Verdict gold = oracle.verify(t.image(), t.category(), Query.normalize(t.question()), t.answer());
            if (gold == Verdict.TRUE) {
                st[0]++;
            } else if (gold == Verdict.UNKNOWN && !closed(t.category())) {
                st[1]++;
            } else if (failures.size() < 20) {
                failures.add("gold " + gold + ": " + t);
            }
            String bad = Corruptor.corrupt(t.category(), t.question(), t.answer());
            if (bad != null) {
                st[2]++;
                Verdict v = oracle.verify(t.image(), t.category(), t.question(), bad);
                if (v == Verdict.FALSE) {
                    st[3]++;
                } else if (failures.size() < 40) {
                    failures.add("corrupted " + v + ": " + bad + " <- " + t);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(turns.size()).isGreaterThan(3000);
        for (Category c : Category.values()) {
            int[] st = stats.get(c);
            assertThat(st).as(c.id()).isNotNull();
            assertThat(st[0] + st[1]).as(c.id()).isGreaterThan(20);
            assertThat(st[2]).as("corrupted " + c.id()).isGreaterThan(20);
            if (closed(c)) {
                assertThat(st[1]).isZero();
            }
        }
        // the checkable claims of captions make most of them decidable
        assertThat(stats.get(Category.CAPTIONING)[0]).isGreaterThan(stats.get(Category.CAPTIONING)[1]);
    }

    @Test
    void exactlyOneShortAnswerOfTheVocabularyIsTrue() {
        List<Scene> scenes = new ArrayList<>();
        List<Turn> turns = turns(SynthOptions.defaults().withSamples(800).withSeed(5).withImages(false), scenes);
        SceneOracle oracle = SceneOracle.of(scenes);
        int checked = 0;
        for (Turn t : turns) {
            if (!closed(t.category())) {
                continue;
            }
            Query q = Query.parse(t.question());
            assertThat(q).as(t.question()).isNotNull();
            List<String> options = switch (q.kind()) {
                case COUNT -> List.of("0", "1", "2", "3", "4", "5", "6", "7");
                case ATTR, REGION_ATTR -> switch (q.word()) {
                    case "color" -> Vocab.COLORS;
                    case "size" -> Vocab.SIZES;
                    case "pattern" -> Vocab.PATTERNS;
                    default -> Vocab.SHAPES;
                };
                case SIDE -> Vocab.SHAPES;
                case PLACE -> List.of("indoors", "outdoors");
                default -> q.kind().yesNo() ? List.of("yes", "no") : List.of();
            };
            if (options.isEmpty()) {
                continue;
            }
            long trues = options.stream().filter(o -> oracle.verify(t.image(), t.category(), t.question(), Vocab.cap(o)) == Verdict.TRUE).count();
            long falses = options.stream().filter(o -> oracle.verify(t.image(), t.category(), t.question(), o) == Verdict.FALSE).count();
            assertThat(trues).as(t.toString()).isEqualTo(1);
            assertThat(falses).as(t.toString()).isEqualTo(options.size() - 1);
            checked++;
        }
        assertThat(checked).isGreaterThan(1000);
    }

    @Test
    void oppositeRelationsAreNeverBothTrue() {
        List<Scene> scenes = new ArrayList<>();
        turns(SynthOptions.defaults().withSamples(300).withSeed(9).withImages(false), scenes);
        SceneOracle oracle = SceneOracle.of(scenes);
        int decided = 0;
        for (Scene s : scenes) {
            for (SceneObject a : s.objects()) {
                for (SceneObject b : s.objects()) {
                    String na = Np.of(a).text();
                    String nb = Np.of(b).text();
                    for (Relation r : Relation.values()) {
                        String q = "Is the " + na + " " + r.phrase + " the " + nb + "?";
                        Verdict yes = oracle.verify(s.image(), Category.SPATIAL, q, "Yes");
                        Verdict opposite = oracle.verify(s.image(), Category.SPATIAL,
                                "Is the " + na + " " + r.opposite().phrase + " the " + nb + "?", "Yes");
                        assertThat(yes == Verdict.TRUE && opposite == Verdict.TRUE).as(q).isFalse();
                        assertThat(oracle.verify(s.image(), Category.SPATIAL, q, "No")).isEqualTo(
                                yes == Verdict.TRUE ? Verdict.FALSE : yes == Verdict.FALSE ? Verdict.TRUE : Verdict.UNKNOWN);
                        decided += yes == Verdict.UNKNOWN ? 0 : 1;
                    }
                }
            }
        }
        assertThat(decided).isGreaterThan(1000);
    }

    @Test
    void unknownImageOrQuestionIsUnknown() {
        Scene s = new SceneGenerator(7).generate(3);
        SceneOracle oracle = SceneOracle.of(List.of(s));
        assertThat(oracle.verify("images/999999.png", Category.COUNTING, "How many objects are there?", "3"))
                .isEqualTo(Verdict.UNKNOWN);
        assertThat(oracle.verify(s.image(), Category.REASONING, "What is the meaning of life?", "42")).isEqualTo(Verdict.UNKNOWN);
        assertThat(oracle.verify(s.image(), Category.COLOR, "What color is the sky?", "Blue")).isEqualTo(Verdict.UNKNOWN);
        assertThat(oracle.verify(s.image(), Category.COUNTING, "How many objects are there?", "Quite a few.")).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void handWrittenScene() {
        SceneObject red = new SceneObject("circle", "red", "small", "striped", 0.2, 0.5, List.of(0.13, 0.43, 0.28, 0.58));
        SceneObject blue = new SceneObject("square", "blue", "large", "solid", 0.7, 0.5, List.of(0.56, 0.36, 0.84, 0.64));
        SceneObject red2 = new SceneObject("circle", "red", "medium", "dotted", 0.45, 0.85, List.of(0.35, 0.75, 0.56, 0.96));
        Scene s = new Scene("scene_x", "x.png", "snowy", List.of(red, red2, blue), null);
        SceneOracle o = SceneOracle.of(List.of(s));
        assertThat(o.verify("x.png", Category.COUNTING, "How many red circles are there?", "2")).isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.COUNTING, "How many red circles are there?", "There are two red circles in the image."))
                .isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.COUNTING, "How many red circles are there?", "There are five red circles in the image."))
                .isEqualTo(Verdict.FALSE);
        assertThat(o.verify("x.png", Category.COUNTING, "How many red circles are there?", "3")).isEqualTo(Verdict.FALSE);
        assertThat(o.verify("x.png", Category.COLOR, "What color is the large object?", "Blue")).isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.COLOR, "What color is the large object?", "The large object is red.")).isEqualTo(Verdict.FALSE);
        assertThat(o.verify("x.png", Category.COLOR, "What color is the circle?", "Red")).isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.EXISTENCE, "Is there a blue star in the image?", "No, there is no blue star in the image."))
                .isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.EXISTENCE, "Is there a blue star in the image?", "Yes, there is a blue star in the image."))
                .isEqualTo(Verdict.FALSE);
        assertThat(o.verify("x.png", Category.EXISTENCE, "Is there a blue star in the image?", "No, there is no blue square in the image."))
                .isEqualTo(Verdict.FALSE);
        assertThat(o.verify("x.png", Category.SPATIAL, "Where is the small circle relative to the square?", "Left")).isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.SPATIAL, "Where is the small circle relative to the square?", "Right")).isEqualTo(Verdict.FALSE);
        assertThat(o.verify("x.png", Category.SPATIAL, "Where is the small circle relative to the square?",
                "The small circle is to the right of the blue square.")).isEqualTo(Verdict.FALSE);
        assertThat(o.verify("x.png", Category.SPATIAL, "Is the large square to the right of the striped circle?", "Yes")).isEqualTo(Verdict.TRUE);
        // the two objects are level: "above" is false, not a guess
        assertThat(o.verify("x.png", Category.SPATIAL, "Is the small circle above the square?", "No")).isEqualTo(Verdict.TRUE);
        // 0.25 apart horizontally and 0.35 vertically: both relations hold
        assertThat(o.verify("x.png", Category.SPATIAL, "Is the dotted circle below the small circle?", "Yes")).isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.BACKGROUND, "What is the weather like in the image?", "It is snowy.")).isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.BACKGROUND, "What is the weather like in the image?", "Sunny")).isEqualTo(Verdict.FALSE);
        assertThat(o.verify("x.png", Category.BACKGROUND, "What is the weather like in the image?", "Cloudy")).isEqualTo(Verdict.UNKNOWN);
        assertThat(o.verify("x.png", Category.REFERENTIAL, "Please provide a short description for this region: [0.13, 0.43, 0.28, 0.58]",
                "A small striped red circle.")).isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.REFERENTIAL, "Please provide a short description for this region: [0.13, 0.43, 0.28, 0.58]",
                "A small dotted red circle.")).isEqualTo(Verdict.FALSE);
        assertThat(o.verify("x.png", Category.REFERENTIAL, "What color is the object in the region [0.56, 0.36, 0.84, 0.64]?", "Blue"))
                .isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.SIZE, "Which is bigger, the striped circle or the square?", "Square")).isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.SIZE, "Which is bigger, the striped circle or the square?",
                "The striped circle is bigger than the square.")).isEqualTo(Verdict.FALSE);
        assertThat(o.verify("x.png", Category.OBJECT, "What shape is the blue object?", "A square.")).isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.OBJECT, "What pattern does the large square have?", "Dotted")).isEqualTo(Verdict.FALSE);
        assertThat(o.verify("x.png", Category.CAPTIONING, "Provide a one-sentence caption for the provided image.",
                "A small red circle and a large blue square on a snowy day.")).isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.CAPTIONING, "Provide a one-sentence caption for the provided image.",
                "A small red circle and a large blue star on a snowy day.")).isEqualTo(Verdict.FALSE);
        assertThat(o.verify("x.png", Category.REASONING, "If you removed all the red objects, how many objects would remain? Explain.",
                "There are three objects in the image. There are two red objects in the image. If you removed all the red objects, "
                        + "one object would remain.")).isEqualTo(Verdict.TRUE);
        assertThat(o.verify("x.png", Category.REASONING, "If you removed all the red objects, how many objects would remain? Explain.",
                "There are three objects in the image. There are two red objects in the image. If you removed all the red objects, "
                        + "two objects would remain.")).isEqualTo(Verdict.FALSE);
    }

    @Test
    void loadsScenesFileWrittenBySynthesizer(@TempDir Path dir) throws Exception {
        SynthReport report = WorldSynthesizer.synthesize(dir, SynthOptions.defaults().withSamples(40).withImages(false));
        SceneOracle oracle = SceneOracle.load(report.scenesFile());
        assertThat(oracle.size()).isEqualTo(40);
        Scene s = oracle.scene("images/000005.png").orElseThrow();
        assertThat(s).isEqualTo(new SceneGenerator(42).generate(5, "images/000005.png",
                s.text() != null));
        assertThat(oracle.verify(s.image(), Category.COUNTING, "How many objects are there?", Integer.toString(s.objects().size())))
                .isEqualTo(Verdict.TRUE);
    }
}
