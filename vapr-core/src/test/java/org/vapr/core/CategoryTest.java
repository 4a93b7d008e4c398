package org.vapr.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class CategoryTest {

    @Test
    void idsAreThePaperCategoriesInTableOrder() {
        assertThat(Arrays.stream(Category.values()).map(Category::id))
                .containsExactly("object", "color", "size", "background", "spatial", "counting", "existence",
                        "referential", "reasoning", "captioning");
    }

    @Test
    void toStringIsTheId() {
        for (Category c : Category.values()) {
            assertThat(c.toString()).isEqualTo(c.id());
            assertThat(c.id()).isEqualTo(c.name().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void fromIdIsCaseInsensitive() {
        assertThat(Category.fromId("counting")).contains(Category.COUNTING);
        assertThat(Category.fromId("COUNTING")).contains(Category.COUNTING);
        assertThat(Category.fromId("Referential")).contains(Category.REFERENTIAL);
        assertThat(Category.fromId("cApTiOnInG")).contains(Category.CAPTIONING);
        for (Category c : Category.values()) {
            assertThat(Category.fromId(c.id())).contains(c);
            assertThat(Category.fromId(c.id().toUpperCase(Locale.ROOT))).contains(c);
        }
    }

    @Test
    void fromIdRejectsUnknownAndNull() {
        assertThat(Category.fromId("colour")).isEmpty();
        assertThat(Category.fromId("")).isEmpty();
        assertThat(Category.fromId(" color")).isEmpty();
        assertThat(Category.fromId(null)).isEmpty();
    }

    @Test
    void sharesMatchTable1AndSumToAHundred() {
        assertThat(Category.COUNTING.paperSharePercent()).isEqualTo(16.7);
        assertThat(Category.CAPTIONING.paperSharePercent()).isEqualTo(6.7);
        assertThat(Category.OBJECT.paperSharePercent()).isEqualTo(13.3);
        assertThat(Category.SIZE.paperSharePercent()).isEqualTo(3.3);
        double sum = Arrays.stream(Category.values()).mapToDouble(Category::paperSharePercent).sum();
        assertThat(sum).isCloseTo(100.0, within(0.5));
        assertThat(Arrays.stream(Category.values()).allMatch(c -> c.paperSharePercent() > 0)).isTrue();
    }
}
