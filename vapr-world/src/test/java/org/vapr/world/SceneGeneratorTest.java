package org.vapr.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SceneGeneratorTest {

    @Test
    void scenesAreValidAndVaried() {
        SceneGenerator gen = new SceneGenerator(1);
        Set<String> backgrounds = new HashSet<>();
        int[] counts = new int[7];
        int repeatedColorOrShape = 0;
        for (int i = 0; i < 2000; i++) {
            Scene s = gen.generate(i);
            assertThat(s.id()).isEqualTo(String.format("scene_%06d", i));
            assertThat(s.image()).isEqualTo(String.format("images/%06d.png", i));
            assertThat(Vocab.BACKGROUNDS).contains(s.background());
            assertThat(s.text()).isNull();
            backgrounds.add(s.background());
            assertThat(s.objects()).hasSizeBetween(1, 6);
            counts[s.objects().size()]++;
            Set<String> keys = new HashSet<>();
            Set<String> colors = new HashSet<>();
            Set<String> shapes = new HashSet<>();
            for (SceneObject o : s.objects()) {
                assertThat(keys.add(o.shape() + o.color() + o.size())).as("duplicate in " + s).isTrue();
                colors.add(o.color());
                shapes.add(o.shape());
                for (double v : o.bbox()) {
                    assertThat(v).isBetween(0.0, 1.0);
                    assertThat(Math.round(v * 100) / 100.0).isEqualTo(v);
                }
                assertThat(o.x1()).isLessThan(o.x()).isLessThan(o.x2());
                assertThat(o.y1()).isLessThan(o.y()).isLessThan(o.y2());
                for (SceneObject p : s.objects()) {
                    if (p != o) {
                        assertThat(Relation.gap(o, p)).as("overlap in " + s).isGreaterThan(0.0);
                    }
                }
            }
            if (colors.size() < s.objects().size() || shapes.size() < s.objects().size()) {
                repeatedColorOrShape++;
            }
        }
        assertThat(backgrounds).hasSize(6);
        for (int n = 1; n <= 6; n++) {
            assertThat(counts[n]).as("scenes with " + n + " objects").isGreaterThan(50);
        }
        assertThat(repeatedColorOrShape).isGreaterThan(400);
    }

    @Test
    void sceneDependsOnlyOnSeedAndIndex() {
        assertThat(new SceneGenerator(5).generate(17)).isEqualTo(new SceneGenerator(5).generate(17));
        assertThat(new SceneGenerator(5).generate(17)).isNotEqualTo(new SceneGenerator(6).generate(17));
        assertThat(new SceneGenerator(5).generate(17)).isNotEqualTo(new SceneGenerator(5).generate(18));
    }

    @Test
    void textScenesKeepObjectsBelowTheSign() {
        SceneGenerator gen = new SceneGenerator(3);
        for (int i = 0; i < 200; i++) {
            Scene s = gen.generate(i, "x.png", true);
            assertThat(Vocab.WORDS).contains(s.text());
            for (SceneObject o : s.objects()) {
                assertThat(o.y1()).isGreaterThanOrEqualTo(SceneGenerator.SIGN_BOTTOM - 0.005);
            }
        }
    }
}
