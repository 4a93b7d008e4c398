package org.vapr.pipeline.select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.Category;
import org.vapr.core.InputException;

class SamplerTest {

    /** (category, source id, turn, image). */
    private record C(Category cat, String id, int turn, String image) {
    }

    private static List<C> synthetic(int perCategory, int turnsPerImage) {
        List<C> out = new ArrayList<>();
        for (Category c : Category.values()) {
            for (int i = 0; i < perCategory; i++) {
                int image = i / turnsPerImage;
                out.add(new C(c, c.id() + "-" + image, i % turnsPerImage, "img/" + c.id() + "/" + image + ".jpg"));
            }
        }
        return out;
    }

    private static List<String> draw(List<C> cands, Shares shares, long seed, int n) {
        Sampler s = new Sampler(shares, seed);
        for (int i = 0; i < cands.size(); i++) {
            C c = cands.get(i);
            s.add(c.cat(), c.id(), c.turn(), c.image(), i, 0);
        }
        Sampler.Selection sel = s.select(n);
        List<String> out = new ArrayList<>();
        for (int k = 0; k < sel.size(); k++) {
            C c = cands.get((int) s.locator(sel.candidate(k)));
            out.add(c.cat().id() + "|" + c.id() + "|" + c.turn());
        }
        return out;
    }

    @Test
    void sharesFollowTable1AndSamplesAreNested() {
        List<C> cands = synthetic(1200, 3);
        List<String> s300 = draw(cands, Shares.paper(), 7, 300);
        List<String> s1000 = draw(cands, Shares.paper(), 7, 1000);
        List<String> s3000 = draw(cands, Shares.paper(), 7, 3000);
        assertThat(s300).hasSize(300);
        assertThat(s1000.subList(0, 300)).isEqualTo(s300);
        assertThat(s3000.subList(0, 1000)).isEqualTo(s1000);
        double total = 0;
        for (Category c : Category.values()) {
            total += c.paperSharePercent();
        }
        for (Category c : Category.values()) {
            long got = s3000.stream().filter(x -> x.startsWith(c.id() + "|")).count();
            double want = 3000 * c.paperSharePercent() / total;
            assertThat((double) got).as(c.id()).isCloseTo(want, org.assertj.core.data.Offset.offset(1.0));
        }
        assertThat(draw(cands, Shares.paper(), 8, 300)).isNotEqualTo(s300);
    }

    @Test
    void independentOfInputOrder() {
        List<C> cands = synthetic(200, 2);
        List<C> reversed = new ArrayList<>(cands);
        Collections.reverse(reversed);
        assertThat(draw(reversed, Shares.paper(), 3, 500)).isEqualTo(draw(cands, Shares.paper(), 3, 500));
    }

    @Test
    void atMostOneTurnPerImagePerCategoryWherePossible() {
        List<C> cands = synthetic(1200, 4); // 300 images per category
        List<String> s = draw(cands, Shares.paper(), 11, 1500); // counting wants ~250 < 300 images
        Set<String> seen = new HashSet<>();
        for (String x : s) {
            String[] p = x.split("\\|");
            assertThat(seen.add(p[0] + "|" + p[1])).as("second turn of image %s", x).isTrue();
        }
        // beyond the number of images, a second turn per image is allowed
        List<String> big = draw(cands, Shares.of(Map.of(Category.COLOR, 1.0)), 11, 400);
        assertThat(big).hasSize(400);
        assertThat(big.subList(0, 300).stream().map(x -> x.split("\\|")[1]).distinct().count()).isEqualTo(300);
    }

    @Test
    void reportsShortfallHonestly() {
        List<C> cands = new ArrayList<>(synthetic(500, 1));
        cands.removeIf(c -> c.cat() == Category.SIZE && c.turn() == 0 && !c.id().matches("size-[0-4]"));
        Sampler s = new Sampler(Shares.paper(), 1);
        for (int i = 0; i < cands.size(); i++) {
            s.add(cands.get(i).cat(), cands.get(i).id(), cands.get(i).turn(), cands.get(i).image(), i, 0);
        }
        Sampler.Selection sel = s.select(1000);
        assertThat(sel.size()).isEqualTo(1000);
        assertThat(sel.available().get("size")).isEqualTo(5L);
        assertThat(sel.got().get("size")).isEqualTo(5L);
        assertThat(sel.target().get("size")).isEqualTo(33L);
        assertThat(sel.shortfalls()).containsExactly("size: target 33, got 5 (only 5 candidates)");
        assertThat(sel.got().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        Sampler.Selection tooMany = s.select(10_000);
        assertThat(tooMany.size()).isEqualTo(s.size());
    }

    @Test
    void distributionFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("dist.yaml");
        Files.writeString(f, "counting: 50\ncolor: 50\n");
        Shares sh = Shares.load(f);
        assertThat(sh.share(Category.COUNTING)).isEqualTo(0.5);
        assertThat(sh.share(Category.OBJECT)).isZero();
        assertThat(sh.sha256()).hasSize(64);
        List<String> s = draw(synthetic(100, 1), sh, 1, 100);
        assertThat(s).allMatch(x -> x.startsWith("counting|") || x.startsWith("color|"));
        Path json = dir.resolve("dist.json");
        Files.writeString(json, "{\"counting\": 1, \"colour\": 2}");
        assertThatThrownBy(() -> Shares.load(json)).isInstanceOf(InputException.class)
                .hasMessageContaining("dist.json").hasMessageContaining("colour");
        Files.writeString(json, "{\"counting\": -1}");
        assertThatThrownBy(() -> Shares.load(json)).isInstanceOf(InputException.class).hasMessageContaining("'counting'");
    }
}
