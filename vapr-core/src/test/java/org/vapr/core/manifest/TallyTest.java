package org.vapr.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TallyTest {

    @Test
    void keysAreSortedWhateverTheInsertionOrder() {
        Tally t = new Tally().add("zeta").add("alpha").add("multiple_choice", 3).add("alpha").add("Bbox");
        assertThat(t.asMap().keySet()).containsExactly("Bbox", "alpha", "multiple_choice", "zeta");
        assertThat(t.asMap()).containsEntry("alpha", 2L).containsEntry("multiple_choice", 3L).containsEntry("zeta", 1L);
        assertThat(t.toString()).isEqualTo("{Bbox=1, alpha=2, multiple_choice=3, zeta=1}");
    }

    @Test
    void totalsAndLookups() {
        Tally t = new Tally();
        assertThat(t.isEmpty()).isTrue();
        assertThat(t.total()).isZero();
        t.add("a", 5).add("b", 7).add("a");
        assertThat(t.isEmpty()).isFalse();
        assertThat(t.get("a")).isEqualTo(6);
        assertThat(t.get("b")).isEqualTo(7);
        assertThat(t.get("missing")).isZero();
        assertThat(t.total()).isEqualTo(13);
    }

    @Test
    void addAllMergesCounts() {
        Tally a = new Tally().add("x", 2).add("y");
        Tally b = new Tally().add("y", 4).add("z");
        assertThat(a.addAll(b)).isSameAs(a);
        assertThat(a.asMap()).containsExactly(Map.entry("x", 2L), Map.entry("y", 5L), Map.entry("z", 1L));
        assertThat(a.total()).isEqualTo(8);
        assertThat(b.asMap()).containsExactly(Map.entry("y", 4L), Map.entry("z", 1L));
    }

    @Test
    void ofCopiesAndSorts() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("counting", 5L);
        m.put("color", 4L);
        Tally t = Tally.of(m);
        m.put("object", 1L);
        assertThat(t.asMap()).containsExactly(Map.entry("color", 4L), Map.entry("counting", 5L));
        assertThat(t.total()).isEqualTo(9);
    }

    @Test
    void viewIsReadOnly() {
        Tally t = new Tally().add("a");
        assertThatThrownBy(() -> t.asMap().put("b", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
