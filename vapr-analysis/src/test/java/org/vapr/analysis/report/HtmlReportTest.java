package org.vapr.analysis.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vapr.analysis.BiasReport;
import org.vapr.analysis.stats.Histogram;
import org.vapr.analysis.stats.LengthDelta;
import org.vapr.core.io.Digests;

class HtmlReportTest {
    @TempDir
    Path tmp;

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void comparePageHasFiveChartsOneColourPerDatasetAndNoScriptOrExternalResource() throws IOException {
        Path out = tmp.resolve("compare.html");
        Map<String, BiasReport> reports = ReportFixtures.compare(tmp);
        HtmlReport.write(out, reports);
        String html = Files.readString(out);
        assertThat(count(html, "<svg")).isEqualTo(HtmlReport.CHARTS_WITH_CATEGORIES);
        for (String id : List.of("chart-longer-shorter", "chart-levenshtein", "chart-token-delta", "chart-category-levenshtein",
                "chart-category-token-gap")) {
            assertThat(html).contains("<svg id='" + id + "'");
        }
        // bars in both dataset colours in every chart
        for (String svg : svgs(html)) {
            assertThat(svg).contains(svgFill(0), svgFill(1));
        }
        assertThat(html.toLowerCase()).doesNotContain("<script", "javascript:", "<img", "<link", "<iframe", "@import");
        assertThat(html.replace("url(#", "")).doesNotContain("url(");
        Matcher url = Pattern.compile("(\\S*)=?[\"']?https?://").matcher(html);
        int urls = 0;
        while (url.find()) {
            urls++;
            assertThat(url.group(1)).as("only XML namespace declarations name a URL").startsWith("xmlns");
        }
        assertThat(urls).isEqualTo(3 * HtmlReport.CHARTS_WITH_CATEGORIES);
        assertThat(html).contains("Content-Security-Policy\" content=\"default-src 'none'");
        // the input files with their SHA-256
        assertThat(html).contains(Digests.sha256(tmp.resolve("hard.jsonl")), Digests.sha256(tmp.resolve("rewritten.jsonl")));
        assertThat(html).contains("o200k_base");
    }

    @Test
    void userTextIsEscapedEverywhereIncludingInsideTheCharts() throws IOException {
        String html = HtmlReport.render(ReportFixtures.compare(tmp), Map.of(), "test");
        assertThat(html).doesNotContain("<script", "<b>POVID", "alert(1)</script>");
        assertThat(html).contains("&lt;b&gt;POVID&lt;/b&gt; &amp; co", "&lt;script&gt;alert(1)&lt;/script&gt;&amp;");
        // the category axis of the per-category charts names it too, escaped
        String cat = svgs(html).stream().filter(s -> s.startsWith("<svg id='chart-category-levenshtein'")).findFirst().orElseThrow();
        assertThat(cat).contains("&lt;script&gt;").doesNotContain("<script");
    }

    @Test
    void bytesAreDeterministicAndSvgIdsArePrefixedPerChart() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Files.createDirectories(a);
        Files.createDirectories(b);
        // the same content analysed twice (relative labels, so the file paths differ only by directory: compare renders)
        String first = HtmlReport.render(ReportFixtures.compare(a), Map.of(), "1.0");
        String second = HtmlReport.render(ReportFixtures.compare(a), Map.of(), "1.0");
        assertThat(second).isEqualTo(first);
        Path f1 = tmp.resolve("r1.html");
        Path f2 = tmp.resolve("r2.html");
        HtmlReport.write(f1, ReportFixtures.compare(b));
        HtmlReport.write(f2, ReportFixtures.compare(b));
        assertThat(Files.readAllBytes(f2)).isEqualTo(Files.readAllBytes(f1));
        Matcher id = Pattern.compile("\\bid=[\"']([^\"']+)[\"']").matcher(first);
        int ids = 0;
        while (id.find()) {
            ids++;
            assertThat(id.group(1)).matches("(chart-[a-z-]+)(-.*)?|inputs|key-numbers|longer-shorter|levenshtein|token-delta|categories");
        }
        assertThat(ids).isGreaterThan(10);
        // clip paths of different charts never share an id
        Matcher clip = Pattern.compile("<clipPath id='([^']+)'").matcher(first);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (clip.find()) {
            assertThat(seen.add(clip.group(1))).as("duplicate clip id " + clip.group(1)).isTrue();
        }
        assertThat(first).doesNotContain(String.valueOf(java.time.Year.now().getValue()) + "-");
    }

    @Test
    void everyChartedNumberIsAlsoInATable() throws IOException {
        Map<String, BiasReport> reports = ReportFixtures.compare(tmp);
        String html = HtmlReport.render(reports, Map.of(), "test");
        for (BiasReport r : reports.values()) {
            long n = r.overall().pairs();
            for (Histogram h : List.of(r.overall().wordLevenshteinHistogram(), r.overall().tokenLengthDelta().histogram())) {
                for (Histogram.Bin bin : h.bins()) {
                    assertThat(html).contains(String.format(java.util.Locale.ROOT, "<td>%,d (%.1f%%)</td>", bin.count(), 100.0 * bin.count() / n));
                }
            }
            LengthDelta all = r.overall().tokenLengthDelta().all();
            assertThat(html).contains(String.format(java.util.Locale.ROOT, "<td>%.1f%%</td>", 100 * all.chosenLonger()),
                    String.format(java.util.Locale.ROOT, "<td>%.1f%%</td>", 100 * all.chosenShorter()));
            r.categories().forEach((c, s) -> assertThat(html).contains(String.format(java.util.Locale.ROOT,
                    "<td>%,d</td><td>%.2f</td><td>%.2f</td>", s.pairs(), s.wordLevenshtein().mean(), s.tokenLengthDelta().all().meanAbs())));
        }
        // the paper's layout: the three splits as column groups, chosen longer / shorter with share and mean delta
        assertThat(html).contains("<th colspan=\"6\" class=\"group\">all</th><th colspan=\"6\" class=\"group\">short (&lt;100)</th>"
                + "<th colspan=\"6\" class=\"group\">long (≥100)</th>");
        assertThat(count(html, "<th colspan=\"2\">chosen longer</th><th colspan=\"2\">chosen shorter</th>")).isEqualTo(3);
    }

    @Test
    void singleDatasetWithoutCategoriesHasThreeCharts() throws IOException {
        Map<String, BiasReport> one = new LinkedHashMap<>();
        one.put("rewritten", org.vapr.analysis.BiasAnalysis.analyze(ReportFixtures.rewritten(tmp), org.vapr.analysis.AnalysisSettings.defaults()));
        String html = HtmlReport.render(one, Map.of(), "test");
        assertThat(count(html, "<svg")).isEqualTo(HtmlReport.CHARTS_WITHOUT_CATEGORIES);
        assertThat(html).contains("<title>Bias report: rewritten</title>").doesNotContain("Per category");
    }

    static List<String> svgs(String html) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = html.indexOf("<svg"); i >= 0; i = html.indexOf("<svg", i + 1)) {
            out.add(html.substring(i, html.indexOf("</svg>", i) + 6));
        }
        return out;
    }

    /** How JFreeSVG writes a fill in palette colour {@code i}. */
    static String svgFill(int i) {
        java.awt.Color c = Charts.colour(i);
        return "fill:rgb(" + c.getRed() + "," + c.getGreen() + "," + c.getBlue() + ")";
    }
}
