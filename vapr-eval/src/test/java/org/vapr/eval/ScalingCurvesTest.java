package org.vapr.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.eval.judge.JudgeReport;
import org.vapr.eval.score.Interval;

/** Scaling curves read from both kinds of scores file: eval score/run's and eval judge's. */
class ScalingCurvesTest {
    @TempDir
    Path tmp;

    private Path judged(String dir, String judge, double all, double conversation) throws IOException {
        JudgeReport report = new JudgeReport("llava-bench", judge, 60, 0, 0, 0, 1, 60, 1000, 200, 1000, 42, List.of(
                new JudgeReport.Score("conv", 20, conversation, new Interval(conversation - 5, conversation + 5), 0, 80.0, 60.0),
                new JudgeReport.Score("all", 60, all, new Interval(all - 3, all + 3), 1, 80.0, 55.0)));
        Path d = tmp.resolve(dir);
        Files.createDirectories(d);
        Files.writeString(d.resolve("scores.json"), Json.mapper().writeValueAsString(report));
        return d;
    }

    @Test
    void judgeScoresPlotTheOverallRowOnTheirOwnScale() throws IOException {
        ScalingCurves c = ScalingCurves.read(List.of(
                new ScalingCurves.PointFile("vapr", 30_000, judged("30k", "gpt-4o", 70.5, 72)),
                new ScalingCurves.PointFile("vapr", 3_000, judged("3k", "gpt-4o", 61.25, 60))),
                List.of(new ScalingCurves.ReferenceFile("base", judged("base", "gpt-4o", 55, 50))), null);
        assertThat(c.benchmark()).isEqualTo("llava-bench");
        assertThat(c.judgeModel()).isEqualTo("gpt-4o");
        assertThat(c.score()).isEqualTo("all");
        assertThat(c.scale()).isEqualTo("points");
        assertThat(c.curves().get(0).points()).extracting(ScalingCurves.Point::size).containsExactly(3_000L, 30_000L);
        assertThat(c.curves().get(0).points().get(0).value()).isEqualTo(61.25);
        assertThat(c.curves().get(0).points().get(0).ciLow()).isEqualTo(58.25);
        assertThat(c.references().get(0).ciHigh()).isEqualTo(58.0);
        assertThat(c.shown(61.25)).isEqualTo(61.25);
        assertThat(c.table()).contains("llava-bench all").containsPattern("vapr\\s+3,000\\s+61\\.3");

        ScalingCurves conv = ScalingCurves.read(List.of(new ScalingCurves.PointFile("vapr", 1, tmp.resolve("3k"))), List.of(), "conv");
        assertThat(conv.curves().get(0).points().get(0).value()).isEqualTo(60.0);
    }

    @Test
    void anotherJudgeOrBenchmarkIsRefusedNamingTheFile() throws IOException {
        Path a = judged("a", "gpt-4o", 60, 60);
        Path b = judged("b", "llama-judge", 65, 60);
        assertThatThrownBy(() -> ScalingCurves.read(List.of(new ScalingCurves.PointFile("x", 1, a),
                new ScalingCurves.PointFile("x", 2, b)), List.of(), null))
                .isInstanceOf(InputException.class).hasMessageContaining(b.resolve("scores.json").toString())
                .hasMessageContaining("judge 'llama-judge'");
        Path pope = tmp.resolve("pope.json");
        Files.writeString(pope, """
                {"benchmark": "pope", "parser": "official", "primary": "average/f1",
                 "scores": [{"name": "average/f1", "value": 0.8, "ci_low": 0.78, "ci_high": 0.82}]}""");
        assertThatThrownBy(() -> ScalingCurves.read(List.of(new ScalingCurves.PointFile("x", 1, a),
                new ScalingCurves.PointFile("x", 2, pope)), List.of(), null))
                .isInstanceOf(InputException.class).hasMessageContaining(pope + ": benchmark 'pope'");
    }

    @Test
    void malformedFilesNameTheFileAndField() throws IOException {
        Path noScores = tmp.resolve("a.json");
        Files.writeString(noScores, "{\"benchmark\": \"pope\"}");
        assertThatThrownBy(() -> ScalingCurves.read(List.of(new ScalingCurves.PointFile("x", 1, noScores)), List.of(), null))
                .isInstanceOf(InputException.class).hasMessage(noScores + ": field 'scores': missing or not an array");
        Path badValue = tmp.resolve("b.json");
        Files.writeString(badValue, "{\"benchmark\": \"pope\", \"scores\": [{\"name\": \"f1\", \"value\": \"high\"}]}");
        assertThatThrownBy(() -> ScalingCurves.read(List.of(new ScalingCurves.PointFile("x", 1, badValue)), List.of(), "f1"))
                .isInstanceOf(InputException.class).hasMessage(badValue + ": scores[0]: field 'value': expected a number");
        Path notJson = tmp.resolve("c.json");
        Files.writeString(notJson, "{\"benchmark\": ");
        assertThatThrownBy(() -> ScalingCurves.read(List.of(new ScalingCurves.PointFile("x", 1, notJson)), List.of(), "f1"))
                .isInstanceOf(InputException.class).hasMessageStartingWith(notJson + ": not valid JSON");
    }
}
