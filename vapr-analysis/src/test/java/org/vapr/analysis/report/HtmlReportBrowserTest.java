package org.vapr.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.analysis.AnalysisSettings;
import org.vapr.analysis.BiasAnalysis;
import org.vapr.analysis.BiasReport;

/**
 * Renders the HTML reports in headless Chromium: no console message or error, the expected number of {@code <svg>}
 * charts each with bars in the dataset colours and text, and the bars really painted (pixels in each dataset's
 * colour on a screenshot). Skipped without Chromium, except under {@code CI=true}.
 */
@Tag("browser")
class HtmlReportBrowserTest {
    private static final Pattern SVG = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL);

    @TempDir
    Path tmp;

    /** What is wrong with a rendered page: console lines, a wrong chart count, charts without bars or text. */
    static List<String> problems(Chromium.Rendered page, int expectedCharts, int datasets) {
        List<String> problems = new ArrayList<>();
        page.consoleLines().forEach(l -> problems.add("console: " + l));
        List<String> svgs = new ArrayList<>();
        Matcher m = SVG.matcher(page.dom());
        while (m.find()) {
            svgs.add(m.group());
        }
        if (svgs.size() != expectedCharts) {
            problems.add("expected " + expectedCharts + " <svg> charts in the DOM, found " + svgs.size());
        }
        for (int i = 0; i < svgs.size(); i++) {
            String svg = svgs.get(i);
            int texts = HtmlReportTest.count(svg, "<text");
            if (texts < 5) {
                problems.add("chart " + (i + 1) + " has " + texts + " <text> elements (title, legend, axis labels expected)");
            }
            boolean anyBar = false;
            for (int d = 0; d < datasets; d++) {
                anyBar |= svg.contains(HtmlReportTest.svgFill(d));
            }
            if (!anyBar || HtmlReportTest.count(svg, "<rect") < 2) {
                problems.add("chart " + (i + 1) + " has no bar in a dataset colour");
            }
        }
        return problems;
    }

    private static long pixelsNear(BufferedImage img, Color c) {
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y);
                int r = (rgb >> 16) & 0xff;
                int g = (rgb >> 8) & 0xff;
                int b = rgb & 0xff;
                if (Math.abs(r - c.getRed()) + Math.abs(g - c.getGreen()) + Math.abs(b - c.getBlue()) < 24) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void comparePageRendersCleanlyWithFiveChartsAndBothDatasetsPainted() throws Exception {
        Chromium chromium = Chromium.require();
        Path page = tmp.resolve("compare report.html"); // a space: the file URL must be encoded
        HtmlReport.write(page, ReportFixtures.compare(tmp));
        Chromium.Rendered r = chromium.dumpDom(page);
        assertThat(problems(r, HtmlReport.CHARTS_WITH_CATEGORIES, 2)).isEmpty();
        assertThat(r.dom()).contains("<title>Bias comparison: VaPR-like vs &lt;b&gt;POVID&lt;/b&gt; &amp; co</title>");
        assertThat(r.dom()).doesNotContain("<b>POVID</b>", "<script");

        BufferedImage shot = chromium.screenshot(page, 1280, 5200);
        assertThat(pixelsNear(shot, Charts.colour(0))).as("pixels painted in dataset 1's colour").isGreaterThan(5_000);
        assertThat(pixelsNear(shot, Charts.colour(1))).as("pixels painted in dataset 2's colour").isGreaterThan(5_000);
    }

    @Test
    void analyzePageWithoutCategoriesRendersThreeCharts() throws Exception {
        Chromium chromium = Chromium.require();
        Map<String, BiasReport> one = new LinkedHashMap<>();
        one.put("rewritten", BiasAnalysis.analyze(ReportFixtures.rewritten(tmp), AnalysisSettings.defaults()));
        Path page = tmp.resolve("analyze.html");
        HtmlReport.write(page, one);
        assertThat(problems(chromium.dumpDom(page), HtmlReport.CHARTS_WITHOUT_CATEGORIES, 1)).isEmpty();
    }

    @Test
    void theCheckCatchesScriptErrorsConsoleMessagesAndEmptyCharts() throws Exception {
        Chromium chromium = Chromium.require();
        Path page = tmp.resolve("broken.html");
        Files.writeString(page, "<!DOCTYPE html><html><head><title>t</title></head><body>"
                + "<svg width='10' height='10'></svg>"
                + "<script>console.error('boom'); notDefined();</script></body></html>");
        List<String> problems = problems(chromium.dumpDom(page), 2, 1);
        assertThat(problems).anyMatch(p -> p.contains("console:") && p.contains("boom"))
                .anyMatch(p -> p.contains("Uncaught ReferenceError"))
                .anyMatch(p -> p.contains("expected 2 <svg> charts in the DOM, found 1"))
                .anyMatch(p -> p.contains("chart 1 has no bar"));
    }
}
