package org.vapr.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;

/** Per-category preference shares from real dump lines: the last epoch's held-out lines only, the reference once. */
class HeldOutPreferencesTest {
    @TempDir
    Path tmp;

    private static String line(int epoch, String split, String id, double c, double r, double refC, double refR) {
        return String.format(java.util.Locale.ROOT, "{\"epoch\":%d,\"split\":\"%s\",\"id\":\"%s\",\"logp_chosen\":%s,"
                + "\"logp_rejected\":%s,\"ref_logp_chosen\":%s,\"ref_logp_rejected\":%s}", epoch, split, id, c, r, refC, refR);
    }

    @Test
    void sharesComeFromTheLastEpochsHeldOutLinesPerCategory() throws Exception {
        Path eval = tmp.resolve("vapr.eval.jsonl");
        Files.writeString(eval, """
                {"id":"1#0","category":"counting","prompt":"How many?","chosen":"There are 2.","rejected":"There are 3."}
                {"id":"2#0","category":"counting","prompt":"How many?","chosen":"There are 1.","rejected":"There are 4."}
                {"id":"3#1","category":"existence","prompt":"Is there?","chosen":"No.","rejected":"Yes."}
                """);
        Path a = tmp.resolve("a.jsonl");
        Files.writeString(a, String.join("\n",
                line(1, "train", "9#0", -1, -9, -1, -9), // training lines never count
                line(1, "eval", "1#0", -5, -1, -5, -1), // epoch 1: superseded by epoch 2
                line(1, "eval", "2#0", -5, -1, -5, -1),
                line(1, "eval", "3#1", -5, -1, -5, -1),
                line(2, "eval", "1#0", -1, -5, -5, -1), // policy right, reference wrong
                line(2, "eval", "2#0", -1, -5, -1, -5), // both right
                line(2, "eval", "3#1", -5, -1, -1, -5)) + "\n"); // policy wrong, reference right
        Path b = tmp.resolve("b.jsonl");
        Files.writeString(b, String.join("\n",
                line(1, "eval", "1#0", -5, -1, -5, -1),
                line(1, "eval", "2#0", -5, -1, -1, -5),
                line(1, "eval", "3#1", -1, -5, -1, -5)) + "\n");
        Map<String, Path> dumps = new LinkedHashMap<>();
        dumps.put("dpo_vapr", a);
        dumps.put("dpo_povid", b);
        List<DemoSummary.PairPreference> p = HeldOutPreferences.of(eval, dumps);
        assertThat(p).extracting(DemoSummary.PairPreference::category).containsExactly("counting", "existence (chosen no)");
        assertThat(p.get(0).pairs()).isEqualTo(2);
        assertThat(p.get(0).reference()).isEqualTo(0.5);
        assertThat(p.get(0).policies()).containsEntry("dpo_vapr", 1.0).containsEntry("dpo_povid", 0.0);
        assertThat(p.get(1).reference()).isEqualTo(1.0);
        assertThat(p.get(1).policies()).containsEntry("dpo_vapr", 0.0).containsEntry("dpo_povid", 1.0);
        assertThat(p.get(0).policies().keySet()).containsExactly("dpo_vapr", "dpo_povid");
    }

    @Test
    void theImageSideCountsOnlyPairsWithAContrastImageAndComparesTheChosenAnswerAcrossImages() throws Exception {
        Path eval = tmp.resolve("img.eval.jsonl");
        Files.writeString(eval, """
                {"id":"1#0","category":"color","chosen":"The star is red.","rejected":"The star is blue."}
                {"id":"2#0","category":"color","chosen":"The circle is green.","rejected":"The circle is red."}
                {"id":"3#0","category":"counting","chosen":"There are 2.","rejected":"There are 3."}
                """);
        // chosen on its image, chosen on the contrast image; the rejected answer plays no part here
        String withContrast = "{\"epoch\":1,\"split\":\"eval\",\"id\":\"%s\",\"logp_chosen\":%s,\"logp_rejected\":-99,"
                + "\"ref_logp_chosen\":%s,\"ref_logp_rejected\":-99,\"logp_chosen_contrast\":%s,\"ref_logp_chosen_contrast\":%s}";
        Path a = tmp.resolve("img-a.jsonl");
        Files.writeString(a, String.join("\n",
                String.format(java.util.Locale.ROOT, withContrast, "1#0", -1.0, -2.0, -3.0, -1.0), // policy reads it, reference not
                String.format(java.util.Locale.ROOT, withContrast, "2#0", -1.0, -1.0, -4.0, -3.0), // both read it
                line(1, "eval", "3#0", -1, -5, -1, -5)) + "\n"); // no contrast image: left out
        List<DemoSummary.PairPreference> p = HeldOutPreferences.onImages(eval, Map.of("dpo_vapr", a));
        assertThat(p).hasSize(1);
        assertThat(p.get(0).category()).isEqualTo("color");
        assertThat(p.get(0).pairs()).isEqualTo(2);
        assertThat(p.get(0).reference()).isEqualTo(0.5);
        assertThat(p.get(0).policies()).containsEntry("dpo_vapr", 1.0);
        // dumps without contrast log-probabilities give no rows
        Path b = tmp.resolve("img-b.jsonl");
        Files.writeString(b, line(1, "eval", "1#0", -1, -5, -1, -5) + "\n");
        assertThat(HeldOutPreferences.onImages(eval, Map.of("dpo_vapr", b))).isEmpty();
    }

    @Test
    void yesNoPairsAreSplitByTheChosenAnswersPolarity() {
        assertThat(HeldOutPreferences.polarity("Yes, there is a red circle in the image.")).isEqualTo(" (chosen yes)");
        assertThat(HeldOutPreferences.polarity("no")).isEqualTo(" (chosen no)");
        assertThat(HeldOutPreferences.polarity("None of them.")).isEmpty();
        assertThat(HeldOutPreferences.polarity("There are two.")).isEmpty();
    }

    @Test
    void aPairTheHeldOutFileLacksIsAnInputErrorNamingTheDump() throws Exception {
        Path eval = tmp.resolve("e.jsonl");
        Files.writeString(eval, "{\"id\":\"1#0\",\"category\":\"color\"}\n");
        Path dump = tmp.resolve("d.jsonl");
        Files.writeString(dump, line(1, "eval", "7#0", -1, -2, -1, -2) + "\n");
        assertThatThrownBy(() -> HeldOutPreferences.of(eval, Map.of("dpo_vapr", dump)))
                .isInstanceOf(InputException.class).hasMessage(dump + ": pair '7#0' is not in " + eval);
    }
}
