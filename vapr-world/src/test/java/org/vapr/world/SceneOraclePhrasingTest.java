package org.vapr.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vapr.core.Category;
import org.vapr.core.Verdict;

/** The sentence phrasings of the pipeline's answer extension and rule editor, on a hand-written scene. */
class SceneOraclePhrasingTest {
    private static final Verdict T = Verdict.TRUE;
    private static final Verdict F = Verdict.FALSE;
    private static final Verdict U = Verdict.UNKNOWN;

    private static final String STAR_BOX = "[0.10, 0.05, 0.31, 0.26]";
    private static final String SQUARE_BOX = "[0.56, 0.36, 0.84, 0.64]";
    private static final List<SceneObject> OBJECTS = List.of(
            new SceneObject("circle", "red", "small", "striped", 0.2, 0.5, List.of(0.13, 0.43, 0.28, 0.58)),
            new SceneObject("square", "blue", "large", "solid", 0.7, 0.5, List.of(0.56, 0.36, 0.84, 0.64)),
            new SceneObject("circle", "red", "medium", "dotted", 0.45, 0.85, List.of(0.35, 0.75, 0.56, 0.96)),
            new SceneObject("star", "yellow", "medium", "checkered", 0.2, 0.15, List.of(0.10, 0.05, 0.31, 0.26)),
            new SceneObject("hexagon", "gray", "small", "solid", 0.8, 0.12, List.of(0.73, 0.05, 0.88, 0.20)));
    private static final SceneOracle ORACLE = SceneOracle.of(List.of(
            new Scene("s", "snowy.png", "snowy", OBJECTS, null),
            new Scene("i", "indoor.png", "indoor", OBJECTS, null),
            new Scene("n", "night.png", "night", OBJECTS, null)));

    private static Verdict v(String question, String answer) {
        return v("snowy.png", question, answer);
    }

    private static Verdict v(String image, String question, String answer) {
        return ORACLE.verify(image, Category.REASONING, question, answer);
    }

    @Test
    void colorOfAndOtherColorSentences() {
        String q = "What is the color of the star?";
        assertThat(v(q, "The color of the star is yellow.")).isEqualTo(T);
        assertThat(v(q, "The color of the star is blue.")).isEqualTo(F);
        assertThat(v(q, "The star's color is yellow.")).isEqualTo(T);
        assertThat(v(q, "The star is yellow in color.")).isEqualTo(T);
        assertThat(v(q, "The star is colored blue.")).isEqualTo(F);
        assertThat(v(q, "The colour of the star is not blue.")).isEqualTo(T);
        assertThat(v(q, "The star has a yellow color.")).isEqualTo(T);
        assertThat(v("What is the color of the medium object?", "The color of the medium object is yellow.")).isEqualTo(U);
        assertThat(v("What is the color of the dotted circle?", "The color of the dotted circle is red.")).isEqualTo(T);
        // the value must be of the attribute named
        assertThat(v(q, "The color of the star is medium.")).isEqualTo(U);
        assertThat(v(q, "The size of the star is medium.")).isEqualTo(T);
        assertThat(v(q, "The shape of the large object is a circle.")).isEqualTo(F);
        // it: the object the question is about
        assertThat(v(q, "It is yellow.")).isEqualTo(T);
        assertThat(v(q, "It's blue.")).isEqualTo(F);
        // "it" is the star here, not the weather
        assertThat(v(q, "It is clear.")).isEqualTo(U);
        assertThat(v("Why does the scene look so bright?", "It is snowy.")).isEqualTo(T);
    }

    @Test
    void colorWordsOutsideThePalette() {
        assertThat(v("What color is the square?", "The square is black.")).isEqualTo(F);
        assertThat(v("What color is the square?", "The square is silver.")).isEqualTo(F);
        assertThat(v("What color is the hexagon?", "The hexagon is silver.")).isEqualTo(F);
        assertThat(v("What color is the square?", "The square is gold.")).isEqualTo(F);
        assertThat(v("What color is the square?", "The square is crimson.")).isEqualTo(F);
        assertThat(v("What color is the small circle?", "The small circle is navy.")).isEqualTo(F);
        assertThat(v("What color is the hexagon?", "The hexagon is grey.")).isEqualTo(T);
        assertThat(v("What color is the hexagon?", "Grey")).isEqualTo(T);
        assertThat(v("What color is the square?", "Black")).isEqualTo(F);
        // a color word that might name the object's color is no hard negative
        assertThat(v("What color is the star?", "The star is gold.")).isEqualTo(U);
        assertThat(v("What color is the star?", "Gold")).isEqualTo(U);
        assertThat(v("What color is the square?", "The square is navy.")).isEqualTo(U);
        // modified colors are not read
        assertThat(v("What color is the square?", "The square is light blue.")).isEqualTo(U);
        assertThat(v("What color is the square?", "The square is dark red.")).isEqualTo(U);
        // in noun phrases: an object that might be the one named makes the claim undecidable
        assertThat(v("Is there a black circle in the image?", "Yes, there is a black circle in the image.")).isEqualTo(F);
        assertThat(v("Is there a black circle in the image?", "No")).isEqualTo(T);
        assertThat(v("Is there a gold star in the image?", "No")).isEqualTo(U);
        assertThat(v("How many gold circles are there?", "0")).isEqualTo(T);
        assertThat(v("How many gold stars are there?", "0")).isEqualTo(U);
        assertThat(v("Is the star gold?", "No")).isEqualTo(U);
        assertThat(v("Is the square gold?", "No")).isEqualTo(T);
    }

    @Test
    void regionNamedInTheAnswer() {
        String colorQ = "What color is the object in the region " + SQUARE_BOX + "?";
        assertThat(v(colorQ, "The object in the region " + SQUARE_BOX + " is blue.")).isEqualTo(T);
        assertThat(v(colorQ, "The object in the region " + SQUARE_BOX + " is red.")).isEqualTo(F);
        assertThat(v(colorQ, "The object in the region " + SQUARE_BOX + " is silver.")).isEqualTo(F);
        assertThat(v(colorQ, "The object in the region is blue.")).isEqualTo(T);
        assertThat(v("What is the color of the object in the region " + SQUARE_BOX + "?", "Blue")).isEqualTo(T);
        String shapeQ = "What shape is the object in the region " + STAR_BOX + "?";
        assertThat(v(shapeQ, "The object in the region " + STAR_BOX + " is a star.")).isEqualTo(T);
        assertThat(v(shapeQ, "The object in the region " + STAR_BOX + " is a diamond.")).isEqualTo(F);
        assertThat(v(shapeQ, "The object in the region " + STAR_BOX + " is a medium checkered yellow star.")).isEqualTo(T);
        assertThat(v(shapeQ, "The object in the region " + STAR_BOX + " is a large checkered yellow star.")).isEqualTo(F);
        // a box that is no object's
        assertThat(v(colorQ, "The object in the region [0.01, 0.01, 0.02, 0.02] is blue.")).isEqualTo(U);
        String descQ = "Please provide a short description for this region: " + STAR_BOX;
        assertThat(v(descQ, "A medium checkered gold star.")).isEqualTo(U);
        assertThat(v(descQ, "A medium checkered black star.")).isEqualTo(F);
        assertThat(v(descQ, "The region contains a medium checkered yellow star.")).isEqualTo(T);
    }

    @Test
    void repeatedOrBrokenSentencesAreUnknown() {
        assertThat(v("What color is the star?", "It is It is yellow.")).isEqualTo(U);
        assertThat(v("What is the weather like in the image?", "It is it is snowy.")).isEqualTo(U);
        assertThat(v("What color is the star?", "The the star is yellow.")).isEqualTo(U);
        assertThat(v("What color is the star?", "The star is is yellow.")).isEqualTo(U);
        assertThat(v("How many red circles are there?", "There are There are two red circles.")).isEqualTo(U);
        assertThat(v("What time of day is it in the image?", "It is. It is day.")).isEqualTo(U);
    }

    @Test
    void backgroundSentences() {
        assertThat(v("What is the weather like in the image?", "The weather is snowy in the image.")).isEqualTo(T);
        assertThat(v("What is the weather like in the image?", "The weather is sunny in the image.")).isEqualTo(F);
        assertThat(v("What is the weather like in the image?", "It's snowy.")).isEqualTo(T);
        assertThat(v("What time of day is it in the image?", "It is day in the image.")).isEqualTo(T);
        assertThat(v("What time of day is it in the image?", "It is night in the image.")).isEqualTo(F);
        assertThat(v("What time of day is it in the image?", "It is a snowy day.")).isEqualTo(T);
        assertThat(v("What time of day is it in the image?", "It is a snowy night.")).isEqualTo(F);
        assertThat(v("What time of day is it in the image?", "The time of day is night.")).isEqualTo(F);
        assertThat(v("night.png", "What time of day is it in the image?", "It is nighttime in the image.")).isEqualTo(T);
        assertThat(v("Is this picture taken indoors or outdoors?", "The scene is set outdoors.")).isEqualTo(T);
        assertThat(v("indoor.png", "What time of day is it in the image?", "It is night in the image.")).isEqualTo(U);
    }

    @Test
    void captionSettings() {
        String q = "Provide a one-sentence caption for the provided image.";
        assertThat(v(q, "A large square on a snowy day.")).isEqualTo(T);
        assertThat(v(q, "A large square on a snowy night.")).isEqualTo(F);
        assertThat(v(q, "A large square at day.")).isEqualTo(T);
        assertThat(v(q, "A large square in the evening.")).isEqualTo(F);
        assertThat(v(q, "A large square in the morning.")).isEqualTo(U);
        assertThat(v(q, "A large checkered gold diamond on a snowy day.")).isEqualTo(F);
        assertThat(v(q, "A gold star on a snowy day.")).isEqualTo(U);
        assertThat(v("night.png", q, "A large square on a clear night.")).isEqualTo(T);
        assertThat(v("night.png", q, "A large square on a sunny night.")).isEqualTo(F);
        assertThat(v("indoor.png", q, "A large square in an outdoor room.")).isEqualTo(F);
        // a caption without a setting
        assertThat(v(q, "A large square and two red circles.")).isEqualTo(T);
        assertThat(v(q, "A large star.")).isEqualTo(F);
        // a bare phrase answering a question the oracle does not know is no claim that the thing is there
        assertThat(v("What shape is missing from the image?", "Triangles.")).isEqualTo(U);
    }

    @Test
    void comparativeWithoutThan() {
        String q = "Which is bigger, the striped circle or the square?";
        assertThat(v(q, "The square is bigger.")).isEqualTo(T);
        assertThat(v(q, "The square is smaller.")).isEqualTo(F);
        assertThat(v(q, "The striped circle is bigger.")).isEqualTo(F);
        assertThat(v(q, "The striped circle is the smaller one.")).isEqualTo(T);
        // an object the question does not compare, or no comparison asked
        assertThat(v(q, "The star is bigger.")).isEqualTo(U);
        assertThat(v("What is the weather like in the image?", "The square is bigger.")).isEqualTo(U);
    }

    @Test
    void removalExplanationAndItsFiller() {
        String q = "If you removed all the red objects, how many objects would remain? Explain.";
        String head = "There are five objects in the image. There are two red objects in the image. ";
        assertThat(v(q, head + "If you removed all the red objects, three objects would remain. "
                + "Removing objects of a single color does not change the others.")).isEqualTo(T);
        assertThat(v(q, head + "If you removed all the red objects, three objects would remain. "
                + "Removing objects of one color does not change the others.")).isEqualTo(T);
        assertThat(v(q, head + "If you removed all the red objects, two object would remains. "
                + "Removing objects of a single color does not change the others.")).isEqualTo(F);
        assertThat(v(q, head + "If you removed all the red objects, three objects would remain. "
                + "Removing objects of two color does not change the others.")).isEqualTo(U);
    }

    @Test
    void theOtherObjectsAreReadAgainstTheObjectTalkedAbout() {
        String q = "Which object is the largest, and what color is it?";
        assertThat(v(q, "The largest object is the square. The square is blue. The other four objects are smaller. "
                + "That is why the square stands out as the biggest shape in the image.")).isEqualTo(T);
        assertThat(v(q, "The largest object is the square. The square is blue. The other four objects are bigger.")).isEqualTo(F);
        assertThat(v(q, "The largest object is the square. The other three objects are smaller.")).isEqualTo(F);
        assertThat(v(q, "That is why the star stands out as the biggest shape in the image.")).isEqualTo(F);
        // no object talked about, or two of them
        assertThat(v(q, "The other four objects are smaller.")).isEqualTo(U);
        assertThat(v(q, "The largest object is the square. The star is yellow. The other four objects are smaller.")).isEqualTo(U);
        String mode = "What is the most common color among the objects? Explain.";
        assertThat(v(mode, "The most common color is red. There are two red objects in the image. No other color appears that often."))
                .isEqualTo(T);
        assertThat(v(mode, "The most common color is black.")).isEqualTo(F);
    }

    @Test
    void negationsAndListsDoNotTurnMissingThingsIntoTruths() {
        // a negated relation about an object that is not there is not true
        assertThat(v("Where is the green circle relative to the square?", "The green circle is not to the left of the square."))
                .isEqualTo(U);
        assertThat(v("Where is the striped circle relative to the square?", "The striped circle is not to the right of the square."))
                .isEqualTo(T);
        assertThat(v("What color is the green circle?", "The green circle is not red.")).isEqualTo(U);
        // "no" reaches over the whole list
        assertThat(v("Are there any triangles in the image?", "There are no triangles, hearts and crosses.")).isEqualTo(U);
        assertThat(v("Are there any triangles in the image?", "There are no triangles and no hearts.")).isEqualTo(T);
        assertThat(v("Are there two red circles in the image?", "No, there are not two red circles in the image.")).isEqualTo(F);
        assertThat(v("Is there a red circle in the image?", "Yes, that is correct.")).isEqualTo(T);
        assertThat(v("Is there a red circle in the image?", "No, that is not correct.")).isEqualTo(F);
        assertThat(v("Is there a red circle in the image?", "Yes, that is not correct.")).isEqualTo(U);
    }

    @Test
    void moreRelationWords() {
        String q = "Where is the dotted circle relative to the striped circle?";
        assertThat(v(q, "The dotted circle is under the striped circle.")).isEqualTo(T);
        assertThat(v(q, "The dotted circle is beneath the striped circle.")).isEqualTo(T);
        assertThat(v(q, "The striped circle is underneath the dotted circle.")).isEqualTo(F);
        assertThat(v("Is the star far away from the dotted circle?", "Yes")).isEqualTo(T);
        assertThat(v("Is the striped circle on the left of the square?", "Yes")).isEqualTo(T);
    }
}
