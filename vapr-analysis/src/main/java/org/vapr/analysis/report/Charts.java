package org.vapr.analysis.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Grouped bar charts rendered to inline SVG with JFreeChart and JFreeSVG. One colour per series (dataset), in the
 * order given, the same in every chart of a page. The output is deterministic: JFreeSVG's {@code defs} key prefix
 * (by default derived from {@link System#nanoTime()}) is set from the chart id, which also keeps clip-path ids
 * unique when several charts share one HTML page.
 */
final class Charts {
    /** Series colours (colour-blind-friendly Okabe–Ito order, then a few more); cycles beyond. */
    static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000),
        new Color(0x999999), new Color(0x882255),
    };
    static final int WIDTH = 920;
    static final int HEIGHT = 400;

    static {
        // rotated labels (y axis title, slanted category labels) as SVG <text>, not as glyph outlines
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Charts() {
    }

    /** The colour of series {@code i}. */
    static Color colour(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** The colour of series {@code i} as CSS {@code #rrggbb}. */
    static String cssColour(int i) {
        Color c = colour(i);
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    /**
     * A grouped bar chart as an {@code <svg>} element.
     *
     * @param id      unique within the page; prefixes the SVG's internal ids
     * @param series  one bar (and colour) per series in each group: the dataset labels
     * @param columns the groups along the x axis (histogram bins, categories)
     * @param values  {@code values[series][column]}; {@code NaN} leaves the bar out
     */
    static String groupedBars(String id, String title, String xLabel, String yLabel, List<String> series,
                              List<String> columns, double[][] values) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int s = 0; s < series.size(); s++) {
            for (int c = 0; c < columns.size(); c++) {
                double v = values[s][c];
                data.addValue(Double.isNaN(v) ? null : Double.valueOf(v), series.get(s), columns.get(c));
            }
        }
        CategoryAxis x = new CategoryAxis(xLabel);
        x.setCategoryMargin(series.size() > 1 ? 0.25 : 0.15);
        int longest = columns.stream().mapToInt(String::length).max().orElse(0);
        if (columns.size() * Math.max(longest, 4) > 80) {
            x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        }
        x.setMaximumCategoryLabelWidthRatio(3.0f); // slanted labels may overlap their neighbours' slots: never cut them
        x.setMaximumCategoryLabelLines(2);
        NumberAxis y = new NumberAxis(yLabel);
        y.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        y.setAutoRangeIncludesZero(true);
        BarRenderer bars = new BarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        bars.setItemMargin(0.04);
        bars.setMaximumBarWidth(0.12);
        CategoryPlot plot = new CategoryPlot(data, x, y, bars);
        plot.setOrientation(PlotOrientation.VERTICAL);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        style(chart);
        for (int s = 0; s < series.size(); s++) {
            bars.setSeriesPaint(s, colour(s)); // after the theme, which would replace them
        }
        return toSvg(chart, id, WIDTH, HEIGHT);
    }

    private static void style(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("vapr");
        theme.setExtraLargeFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        theme.setLargeFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        theme.setRegularFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        theme.setSmallFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setRangeGridlinePaint(new Color(0xD0D0D0));
        theme.setDomainGridlinePaint(new Color(0xD0D0D0));
        theme.setAxisLabelPaint(new Color(0x333333));
        theme.setTickLabelPaint(new Color(0x333333));
        theme.setTitlePaint(new Color(0x111111));
        theme.setLegendBackgroundPaint(Color.WHITE);
        theme.setBarPainter(new StandardBarPainter());
        theme.setShadowVisible(false);
        theme.apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setOutlineVisible(false);
        plot.setRangeGridlineStroke(new BasicStroke(0.6f));
        plot.setDomainGridlinesVisible(false);
        TextTitle t = chart.getTitle();
        t.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        legend.setFrame(BlockBorder.NONE);
        legend.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
    }

    /** Draws {@code chart} into an SVG element with a view box (so CSS can scale it) and ids prefixed by {@code id}. */
    static String toSvg(JFreeChart chart, String id, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
    }
}
