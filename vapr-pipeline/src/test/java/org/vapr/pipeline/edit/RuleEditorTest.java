package org.vapr.pipeline.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vapr.core.Category;
import org.vapr.core.record.Span;
import org.vapr.core.text.WordLevenshtein;

class RuleEditorTest {
    private final RuleEditor editor = new RuleEditor();
    private final Validator validator = new Validator(ValidationBounds.defaults(), null);

    private EditProposal edit(Category c, String prompt, String chosen, long seed, List<String> avoid) {
        return editor.propose(new EditRequest("s", 0, "img.png", c, prompt, chosen, avoid, 1, null, seed));
    }

    /** Rebuilds chosen from rejected by undoing the spans: text outside the spans must be untouched. */
    private static void assertSpansCoverChanges(String chosen, String rejected, List<Span> spans) {
        assertThat(spans).isNotEmpty();
        StringBuilder outside = new StringBuilder();
        int pos = 0;
        for (Span s : spans) {
            assertThat(s.from()).isGreaterThanOrEqualTo(pos);
            outside.append(rejected, pos, s.from()).append('\u0000');
            pos = s.to();
        }
        outside.append(rejected.substring(pos));
        String[] pieces = outside.toString().split("\u0000", -1);
        int at = 0;
        for (String piece : pieces) {
            int found = chosen.indexOf(piece, at);
            assertThat(found).as("unchanged text '%s' must appear in chosen in order", piece).isGreaterThanOrEqualTo(at);
            at = found + piece.length();
        }
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', textBlock = """
            counting | How many red circles are there? | There are 3 red circles in the image.
            counting | How many dogs are there? | There is 1 dog in the image.
            counting | How many people are sitting? | Three people are sitting on the bench.
            color | What color is the star? | The star is red.
            color | What color is the red car's roof? | The red car's roof is white.
            spatial | Where is the circle relative to the star? | The circle is to the left of the star.
            spatial | Where is the cup? | The cup is next to the plate.
            spatial | Is the star to the left of the circle? | No, the star is not to the left of the circle.
            size | What size is the triangle? | The blue triangle is small.
            size | Which is bigger, the star or the circle? | The star is bigger.
            object | What shape is the red object? | The red object is a circle.
            object | What is the man holding? | The man is holding an umbrella.
            object | What is the man doing? | The man is surfing on a large wave.
            existence | Is there a red circle in the image? | Yes, there is a red circle in the image.
            existence | Are there any dogs? | No, there are no dogs in the image.
            existence | Does the star have stripes? | Yes, the star has stripes.
            background | What is the weather like? | The weather is sunny in the image.
            background | Is this picture taken indoors or outdoors? | This picture is taken outdoors.
            referential | Please provide a short description for this region: [0.1, 0.2, 0.3, 0.4] | A man in a red shirt.
            referential | Please provide a short description for this region: [0.1, 0.2, 0.3, 0.4] | Striped hexagon.
            captioning | Describe the image in detail. | A red circle is to the left of a small blue star. The red circle is large and striped, on a sunny day.
            reasoning | Why might the man carry an umbrella? | The man carries an umbrella because the sky is cloudy and the street is wet, so rain is likely in the city.
            """)
    void editsEveryCategoryMinimally(String category, String prompt, String chosen) {
        Category c = Category.fromId(category).orElseThrow();
        for (long seed = 1; seed <= 20; seed++) {
            EditProposal p = edit(c, prompt, chosen, seed, List.of());
            assertThat(p.ok()).as("editor failed: %s", p.failure()).isTrue();
            assertThat(p.rejected()).isNotEqualTo(chosen);
            assertSpansCoverChanges(chosen, p.rejected(), p.spans());
            Validator.Outcome o = validator.check("img.png", c, prompt, chosen, p);
            assertThat(o.reason()).as("%s -> %s", chosen, p.rejected()).isNull();
            assertThat(o.wordEditDistance()).isBetween(1, ValidationBounds.defaults().maxWordEdits(c));
            // style kept: same first-letter case and same final punctuation
            assertThat(Character.isUpperCase(p.rejected().charAt(0))).isEqualTo(Character.isUpperCase(chosen.charAt(0)));
            assertThat(p.rejected().charAt(p.rejected().length() - 1)).isEqualTo(chosen.charAt(chosen.length() - 1));
        }
    }

    @Test
    void specificEdits() {
        assertThat(edit(Category.EXISTENCE, "Is there a red circle in the image?", "Yes, there is a red circle in the image.", 1, List.of()).rejected())
                .isEqualTo("No, there is no red circle in the image.");
        assertThat(edit(Category.EXISTENCE, "Is there a red circle?", "No, there is no red circle in the image.", 1, List.of()).rejected())
                .isEqualTo("Yes, there is a red circle in the image.");
        assertThat(edit(Category.SPATIAL, "Is the star left of the circle?", "No, the star is not to the left of the circle.", 1, List.of()).rejected())
                .isEqualTo("Yes, the star is to the left of the circle.");
        assertThat(edit(Category.EXISTENCE, "Does the star have stripes?", "No, the star does not have stripes.", 1, List.of()).rejected())
                .isEqualTo("Yes, the star has stripes.");
        assertThat(edit(Category.SPATIAL, "Where is the circle?", "The circle is to the left of the star.", 1, List.of()).rejected())
                .isEqualTo("The circle is to the right of the star.");
        assertThat(edit(Category.SPATIAL, "Where is the cup?", "The cup is next to the plate.", 1, List.of()).rejected())
                .isEqualTo("The cup is far away from the plate.");
        assertThat(edit(Category.SIZE, "What size?", "The blue triangle is small.", 1, List.of()).rejected())
                .isEqualTo("The blue triangle is large.");
        String one = edit(Category.COUNTING, "How many dogs are there?", "There is 1 dog in the image.", 1, List.of()).rejected();
        assertThat(one).matches("There are [234] dogs in the image\\.");
        String word = edit(Category.COUNTING, "How many people are sitting?", "Three people are sitting on the bench.", 1, List.of()).rejected();
        assertThat(word).matches("(Four|Five|Six|Two) people are sitting on the bench\\.");
        String color = edit(Category.COLOR, "What color is the red car's roof?", "The red car's roof is white.", 3, List.of()).rejected();
        assertThat(color).startsWith("The red car's roof is ").doesNotEndWith("white.");
        String shape = edit(Category.OBJECT, "What is the man holding?", "The man is holding an umbrella.", 5, List.of()).rejected();
        assertThat(shape).matches("The man is holding (a|an) \\w+\\.").isNotEqualTo("The man is holding an umbrella.");
        assertThat(shape.contains(" an ")).isEqualTo("aeiou".indexOf(shape.charAt(shape.lastIndexOf(' ') + 1)) >= 0);
        assertThat(edit(Category.COLOR, "Q?", "RED", 1, List.of()).rejected()).matches("[A-Z]+");
    }

    @Test
    void captionEditsAreConsistentAcrossRecurrences() {
        String chosen = "A red bus is parked next to a red car. The bus is large.";
        for (long seed = 0; seed < 30; seed++) {
            EditProposal p = edit(Category.CAPTIONING, "Describe the image.", chosen, seed, List.of());
            String r = p.rejected();
            List<String> a = org.vapr.core.text.WordTokens.of(chosen);
            List<String> b = org.vapr.core.text.WordTokens.of(r);
            assertThat(b).hasSameSizeAs(a.size() == b.size() ? a : b);
            Map<String, String> mapping = new TreeMap<>();
            if (a.size() == b.size()) {
                for (int i = 0; i < a.size(); i++) {
                    if (!a.get(i).equals(b.get(i))) {
                        String prev = mapping.putIfAbsent(a.get(i).toLowerCase(), b.get(i).toLowerCase());
                        assertThat(prev == null || prev.equals(b.get(i).toLowerCase()))
                                .as("'%s' replaced consistently in %s", a.get(i), r).isTrue();
                    }
                }
                assertThat(mapping.size()).isBetween(1, 4);
            }
            assertThat(WordLevenshtein.distance(chosen, r)).isLessThanOrEqualTo(12);
        }
    }

    @Test
    void penaltyListsSpreadReplacements() {
        PenaltyList penalties = new PenaltyList(2);
        Map<String, Integer> used = new TreeMap<>();
        for (int i = 0; i < 300; i++) {
            EditProposal p = editor.propose(new EditRequest("s" + i, 0, "i.png", Category.COUNTING, "How many stars are there?",
                    "There are three stars in the image.", penalties.avoid(Category.COUNTING), 1, null, 1000L + i));
            penalties.record(Category.COUNTING, p.values());
            used.merge(p.values().get(0), 1, Integer::sum);
        }
        assertThat(used.keySet()).containsExactlyInAnyOrder("two", "four", "five", "six");
        assertThat(used.values()).allSatisfy(n -> assertThat(n).isBetween(50, 100));
        // without penalties the same seeds still spread, but the penalty list makes it near-uniform
        Map<String, Integer> colors = new TreeMap<>();
        PenaltyList cp = new PenaltyList(2);
        for (int i = 0; i < 240; i++) {
            EditProposal p = editor.propose(new EditRequest("c" + i, 0, "i.png", Category.COLOR, "What color is the star?",
                    "The star is red.", cp.avoid(Category.COLOR), 1, null, 7L * i));
            cp.record(Category.COLOR, p.values());
            colors.merge(p.values().get(0), 1, Integer::sum);
        }
        assertThat(colors).doesNotContainKey("red");
        assertThat(colors.size()).isGreaterThanOrEqualTo(10);
        assertThat(colors.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(40));
        assertThat(cp.avoid(Category.COLOR)).hasSize(2);
    }

    @Test
    void restrictedEditorReplacesOnlyWithTheCorpusWords() {
        RuleEditor world = RuleEditor.restrictedTo(List.of("The", "star", "is", "Red", "blue", "green", "circle", "square"));
        Map<String, Integer> colors = new TreeMap<>();
        Map<String, Integer> shapes = new TreeMap<>();
        for (int i = 0; i < 100; i++) {
            colors.merge(world.propose(new EditRequest("c" + i, 0, "i.png", Category.COLOR, "What color is the star?",
                    "The star is red.", List.of(), 1, null, i)).values().get(0), 1, Integer::sum);
            shapes.merge(world.propose(new EditRequest("o" + i, 0, "i.png", Category.OBJECT, "What shape is it?",
                    "It is a star.", List.of(), 1, null, i)).values().get(0), 1, Integer::sum);
        }
        assertThat(colors.keySet()).containsExactlyInAnyOrder("blue", "green");
        assertThat(shapes.keySet()).containsExactlyInAnyOrder("circle", "square");
        // no allowed replacement at all: the full list, rather than no edit
        EditProposal size = world.propose(new EditRequest("s", 0, "i.png", Category.SIZE, "How big?", "The star is large.",
                List.of(), 1, null, 3));
        assertThat(size.ok()).isTrue();
        assertThat(size.values()).containsExactly("small");
    }

    @Test
    void sameSeedSameEdit() {
        EditProposal a = edit(Category.CAPTIONING, "Describe.", "Two dogs sit on a green bench near a tall tree.", 99, List.of());
        EditProposal b = edit(Category.CAPTIONING, "Describe.", "Two dogs sit on a green bench near a tall tree.", 99, List.of());
        assertThat(a).isEqualTo(b);
    }

    @Test
    void failsWhenNothingToEdit() {
        EditProposal p = edit(Category.COLOR, "What color?", "It is hard to tell.", 1, List.of());
        assertThat(p.ok()).isFalse();
        assertThat(validator.check("i", Category.COLOR, "q", "It is hard to tell.", p).reason()).isEqualTo(Validator.NO_SPAN);
    }
}
