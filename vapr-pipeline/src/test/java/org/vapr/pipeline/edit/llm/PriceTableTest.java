package org.vapr.pipeline.edit.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.pipeline.edit.EditProposal;
import org.vapr.pipeline.edit.EditRequest;

class PriceTableTest {

    @Test
    void builtInTableKnowsTheOpenAiAndLocalModels() {
        PriceTable t = PriceTable.load(null);
        assertThat(t.entries()).containsKeys("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "qwen3-32b", "ollama");
        assertThat(t.cost("gpt-4o", new EditProposal.Usage(10, 1_000_000, 100_000))).hasValueSatisfying(
                c -> assertThat(c).isCloseTo(2.50 + 1.00, within(1e-9)));
        assertThat(t.price("gpt-4o-2024-08-06").orElseThrow().key()).isEqualTo("gpt-4o");
        assertThat(t.price("gpt-4o-mini-2024-07-18").orElseThrow().key()).isEqualTo("gpt-4o-mini");
        assertThat(t.price("Qwen/Qwen3-32B").orElseThrow().key()).isEqualTo("qwen3-32b");
        assertThat(t.cost("Qwen/Qwen3-32B", new EditProposal.Usage(1, 5000, 5000))).hasValue(0.0);
        assertThat(t.price("llama3.2")).isEmpty();
        assertThat(t.price("llama3.2", true).orElseThrow().key()).isEqualTo("local");
        assertThat(t.sha256()).matches("[0-9a-f]{64}");
    }

    @Test
    void editedTableReplacesTheBuiltInAndBadEntriesNameTheField(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("p.yaml"), "models:\n  my-model: {input: 1, output: 3}\n");
        PriceTable t = PriceTable.load(f);
        assertThat(t.cost("my-model", new EditProposal.Usage(1, 2_000_000, 1_000_000))).hasValue(5.0);
        assertThat(t.price("gpt-4o")).isEmpty();
        assertThat(t.sha256()).isNotEqualTo(PriceTable.load(null).sha256());
        Files.writeString(f, "models:\n  my-model: {input: -1, output: 3}\n");
        assertThatThrownBy(() -> PriceTable.load(f)).isInstanceOf(InputException.class)
                .hasMessageContaining("p.yaml").hasMessageContaining("models.my-model.input");
    }

    @Test
    void estimateCountsPromptTokensAttemptsExtensionsAndCost() throws Exception {
        LlmEditor e = LlmEditor.builder().setCaller((k, r) -> { throw new AssertionError("no call in a dry run"); })
                .setModel("gpt-4o").build();
        EditRequest r = new EditRequest("a", 0, "x.png", Category.COLOR, "What color is the bus?", "The bus is yellow.",
                List.of(), 1, null, 1L);
        var req = e.request(r, false);
        int prompt = CostEstimate.promptTokens(req);
        assertThat(prompt).isGreaterThan(200);
        int completion = CostEstimate.editCompletionTokens("The bus is yellow.");
        LlmExtender ext = new LlmExtender((k, x) -> null, PromptSet.defaults(), new org.vapr.pipeline.edit.AnswerExtender(true), new UsageMeter());
        var extCall = new CostEstimate.Call(ext.request("Is the bus yellow?", "Yes"), 15);
        List<CostEstimate.Call> edits = List.of(new CostEstimate.Call(req, completion), new CostEstimate.Call(req, completion));
        CostEstimate est = CostEstimate.of("gpt-4o", PriceTable.load(null).price("gpt-4o"), 1.5, edits, List.of(extCall));

        assertThat(est.items()).isEqualTo(2);
        assertThat(est.editCalls()).isEqualTo(3);
        assertThat(est.calls()).isEqualTo(4);
        assertThat(est.promptTokens()).isEqualTo(Math.round(2 * prompt * 1.5) + CostEstimate.promptTokens(extCall.request()));
        assertThat(est.completionTokens()).isEqualTo(Math.round(2 * completion * 1.5) + 15);
        assertThat(est.costUsd()).isCloseTo((est.promptTokens() * 2.5 + est.completionTokens() * 10.0) / 1e6, within(1e-4));
        assertThat(est.toJson()).contains("\"prompt_tokens\"").contains("\"cost_usd\"");
        assertThat(CostEstimate.of("unknown", java.util.Optional.empty(), 1.3, edits, List.of()).costUsd()).isNull();
    }
}
