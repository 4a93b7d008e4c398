package org.vapr.pipeline.edit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;

class PromptSetTest {

    @Test
    void builtInsCoverEveryCategoryAndHashEachFile() {
        PromptSet p = PromptSet.defaults();
        for (Category c : Category.values()) {
            assertThat(p.instruction(c)).isNotBlank();
        }
        assertThat(p.sha256()).hasSize(13).containsKeys("system.md", "edit.md", "extend.md", "counting.md");
        assertThat(p.sources().values()).containsOnly("builtin");
        assertThat(p.combinedSha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void overrideReplacesOneFileAndChangesOnlyItsHash(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("counting.md"), "Count differently.");
        PromptSet d = PromptSet.defaults();
        PromptSet o = PromptSet.load(dir);
        assertThat(o.instruction(Category.COUNTING)).isEqualTo("Count differently.");
        assertThat(o.instruction(Category.COLOR)).isEqualTo(d.instruction(Category.COLOR));
        assertThat(o.sha256().get("counting.md")).isNotEqualTo(d.sha256().get("counting.md"));
        assertThat(o.sha256().get("system.md")).isEqualTo(d.sha256().get("system.md"));
        assertThat(o.combinedSha256()).isNotEqualTo(d.combinedSha256());
        assertThat(o.sources().get("counting.md")).isEqualTo(dir.resolve("counting.md").toString());
    }

    @Test
    void unknownFileOrUnfilledPlaceholderIsAnInputErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("countin.md"), "typo");
        assertThatThrownBy(() -> PromptSet.load(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("countin.md").hasMessageContaining("unknown prompt file");
        Files.delete(dir.resolve("countin.md"));
        Files.writeString(dir.resolve("edit.md"), "Q: {{question}} C: {{chosen}} and {{mood}}");
        assertThatThrownBy(() -> PromptSet.load(dir)).isInstanceOf(InputException.class)
                .hasMessageContaining("edit.md").hasMessageContaining("{{mood}}");
    }

    /** The shipped few-shot examples must be real minimal edits whose spans point at the changed words. */
    @Test
    void shippedExamplesHaveSpansThatMatchTheWordDiff() throws Exception {
        Pattern example = Pattern.compile("(?m)^Example: \"(.*)\" → (\\{.*})$");
        int n = 0;
        for (Category c : Category.values()) {
            Matcher m = example.matcher(PromptSet.defaults().instruction(c));
            while (m.find()) {
                JsonNode a = Json.mapper().readTree(m.group(2));
                String rejected = a.get("rejected").asText();
                WordDiff d = WordDiff.of(m.group(1), rejected);
                assertThat(Json.mapper().convertValue(a.get("spans"), new com.fasterxml.jackson.core.type.TypeReference<java.util.List<org.vapr.core.record.Span>>() { }))
                        .as(c + ": " + m.group(1)).isEqualTo(d.spans());
                assertThat(d.values()).as(c + ": " + m.group(1)).isNotEmpty();
                n++;
            }
        }
        assertThat(n).isGreaterThanOrEqualTo(14);
    }
}
