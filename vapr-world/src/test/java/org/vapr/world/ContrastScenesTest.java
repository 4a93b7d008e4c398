package org.vapr.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.vapr.core.Category;
import org.vapr.core.Verdict;

class ContrastScenesTest {
    private static SceneObject object(String shape, String color, double x) {
        return new SceneObject(shape, color, "medium", "solid", x, 0.5, List.of(x - 0.1, 0.4, x + 0.1, 0.6));
    }

    /** A red triangle, a blue triangle and a red circle. */
    private static final Scene SCENE = new Scene("scene_000007", "images/000007.png", "indoor",
            List.of(object("triangle", "red", 0.2), object("triangle", "blue", 0.5), object("circle", "red", 0.8)), null);

    private static Scene flip(String question) {
        Optional<Scene> s = ContrastScenes.flip(SCENE, question, WorldDifficulty.DEMO, 42);
        assertThat(s).as(question).isPresent();
        return s.get();
    }

    /** The oracle's verdict on the answer for the scene (an independent reading of the question). */
    private static Verdict oracle(Scene scene, Category category, String question, String answer) {
        return SceneOracle.of(List.of(scene)).verify(scene.image(), category, question, answer);
    }

    /** Which objects differ, by index. */
    private static List<Integer> changed(Scene contrast) {
        return java.util.stream.IntStream.range(0, SCENE.objects().size())
                .filter(i -> !SCENE.objects().get(i).equals(contrast.objects().get(i))).boxed().toList();
    }

    @Test
    void aPresentObjectLosesTheAskedColorOrShapeAndTheChosenAnswerBecomesWrong() {
        String q = "Is there a red triangle in the image?";
        Scene c = flip(q);
        assertThat(oracle(SCENE, Category.EXISTENCE, q, "Yes, there is a red triangle.")).isEqualTo(Verdict.TRUE);
        assertThat(oracle(c, Category.EXISTENCE, q, "Yes, there is a red triangle.")).isEqualTo(Verdict.FALSE);
        assertThat(changed(c)).containsExactly(0);
        SceneObject before = SCENE.objects().get(0);
        SceneObject after = c.objects().get(0);
        assertThat(after.bbox()).isEqualTo(before.bbox());
        assertThat(after.size()).isEqualTo(before.size());
        assertThat(!after.color().equals("red") || !after.shape().equals("triangle")).isTrue();
        assertThat(c.id()).isEqualTo(SCENE.id());
        assertThat(c.background()).isEqualTo(SCENE.background());
    }

    @Test
    void anAbsentObjectIsMadeFromOneThatAlreadyHasOneOfItsAttributes() {
        String q = "Do you see a blue circle?";
        Scene c = flip(q);
        assertThat(oracle(c, Category.EXISTENCE, q, "No, I do not see a blue circle.")).isEqualTo(Verdict.FALSE);
        List<Integer> changed = changed(c);
        assertThat(changed).hasSize(1);
        // the blue triangle (shares blue) or the red circle (shares circle), never the red triangle (shares nothing)
        assertThat(changed.get(0)).isIn(1, 2);
        assertThat(c.objects().get(changed.get(0)).color()).isEqualTo("blue");
        assertThat(c.objects().get(changed.get(0)).shape()).isEqualTo("circle");
    }

    @Test
    void everyMatchingObjectChangesForAnExistenceQuestionAndOneForACount() {
        Scene none = flip("Are there any red objects in the image?");
        assertThat(none.objects()).noneMatch(o -> o.color().equals("red"));
        assertThat(changed(none)).containsExactly(0, 2);
        String count = "How many triangles are there in the image?";
        Scene c = flip(count);
        assertThat(c.objects().stream().filter(o -> o.shape().equals("triangle")).count()).isEqualTo(1);
        assertThat(oracle(c, Category.COUNTING, count, "There are two triangles in the image.")).isEqualTo(Verdict.FALSE);
    }

    @Test
    void aColorQuestionRecolorsItsReferent() {
        String q = "What color is the circle?";
        Scene c = flip(q);
        assertThat(changed(c)).containsExactly(2);
        assertThat(c.objects().get(2).color()).isNotEqualTo("red").isIn(WorldDifficulty.DEMO.colors);
        assertThat(oracle(c, Category.COLOR, q, "The circle is red.")).isEqualTo(Verdict.FALSE);
    }

    @Test
    void otherQuestionsAndAmbiguousReferentsGiveNoContrast() {
        assertThat(ContrastScenes.flip(SCENE, "What shape is the blue object?", WorldDifficulty.DEMO, 42)).isEmpty();
        assertThat(ContrastScenes.flip(SCENE, "What color is the triangle?", WorldDifficulty.DEMO, 42)).isEmpty(); // two triangles
        assertThat(ContrastScenes.flip(SCENE, "Describe the image.", WorldDifficulty.DEMO, 42)).isEmpty();
        assertThat(ContrastScenes.flip(SCENE, "Are there any objects?", WorldDifficulty.DEMO, 42)).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameSceneAndTheShortAnswerSuffixIsIgnored() {
        String q = "Is there a red triangle in the image?";
        assertThat(ContrastScenes.flip(SCENE, q, WorldDifficulty.DEMO, 5)).isEqualTo(ContrastScenes.flip(SCENE, q, WorldDifficulty.DEMO, 5));
        assertThat(ContrastScenes.flip(SCENE, q + "\nAnswer the question using a single word or phrase.", WorldDifficulty.DEMO, 5))
                .isEqualTo(ContrastScenes.flip(SCENE, q, WorldDifficulty.DEMO, 5));
    }
}
