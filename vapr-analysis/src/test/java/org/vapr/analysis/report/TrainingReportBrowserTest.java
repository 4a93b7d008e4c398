package org.vapr.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.analysis.training.TrainingFixtures;
import org.vapr.analysis.training.TrainingReport;
import org.vapr.analysis.training.TrainingRun;

/**
 * Renders the training comparison page in headless Chromium: no console message or error, every chart in the DOM
 * with its texts, and each run's colour painted on a screenshot. Lives here for {@link Chromium}; skipped without
 * Chromium, except under {@code CI=true}.
 */
@Tag("browser")
class TrainingReportBrowserTest {
    @TempDir
    Path tmp;

    @Test
    void comparisonPageRendersCleanlyWithEveryChartAndEachRunsColour() throws Exception {
        Chromium chromium = Chromium.require();
        List<TrainingRun> runs = new ArrayList<>();
        String[][] specs = {{"VaPR", "0.3", "0.5"}, {"POVID-style", "1.0", "5"}, {"SIMA-style", "0.1", "0"}};
        for (String[] s : specs) {
            Path dir = TrainingFixtures.shapedRun(tmp.resolve(s[0]), Double.parseDouble(s[1]), Double.parseDouble(s[2]));
            runs.add(TrainingRun.read(dir, dir.resolve("dump.jsonl"), s[0]));
        }
        Path page = tmp.resolve("training report.html");
        TrainingReport.write(runs, page);
        Chromium.Rendered r = chromium.dumpDom(page);
        assertThat(r.consoleLines()).isEmpty();
        List<String> svgs = HtmlReportTest.svgs(r.dom());
        assertThat(svgs).hasSize(4 + 3 * 8); // 4 overlays; per run 6 curves and 2 histograms
        for (String svg : svgs) {
            assertThat(HtmlReportTest.count(svg, "<text")).isGreaterThanOrEqualTo(5);
        }
        assertThat(r.dom()).doesNotContain("<script");

        java.awt.image.BufferedImage shot = chromium.screenshot(page, 1280, 2400); // summary and the overlays
        for (int i = 0; i < runs.size(); i++) {
            assertThat(pixelsNear(shot, Charts.colour(i))).as("pixels in run " + (i + 1) + "'s colour").isGreaterThan(500);
        }
    }

    private static long pixelsNear(java.awt.image.BufferedImage img, java.awt.Color c) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int d = Math.abs(((rgb >> 16) & 0xff) - c.getRed()) + Math.abs(((rgb >> 8) & 0xff) - c.getGreen())
                        + Math.abs((rgb & 0xff) - c.getBlue());
                if (d < 24) {
                    n++;
                }
            }
        }
        return n;
    }
}
