package org.vapr.analysis.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
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
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Grouped bar charts rendered to inline SVG with JFreeChart and JFreeSVG. One colour per series (dataset), in the
 * order given, the same in every chart of a page. The output is deterministic: JFreeSVG's {@code defs} key prefix
 * (by default derived from {@link System#nanoTime()}) is set from the chart id, which also keeps clip-path ids
 * unique when several charts share one HTML page. Public so that other report pages (the training report of
 * {@code org.vapr.analysis.training}) draw with the same look and colours.
 */
public final class Charts {
    /** Series colours (colour-blind-friendly Okabe–Ito order, then a few more); cycles beyond. */
    public static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0x56B4E9), new Color(0xD55E00), new Color(0xF0E442), new Color(0x000000),
        new Color(0x999999), new Color(0x882255),
    };
    public static final int WIDTH = 920;
    public static final int HEIGHT = 400;

    static {
        // rotated labels (y axis title, slanted category labels) as SVG <text>, not as glyph outlines
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Charts() {
    }

    /** The colour of series {@code i}. */
    public static Color colour(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** The colour of series {@code i} as CSS {@code #rrggbb}. */
    public static String cssColour(int i) {
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
    public static String groupedBars(String id, String title, String xLabel, String yLabel, List<String> series,
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

    /**
     * One series of a line chart: a line through its points in order, or (when {@code line} is false) unconnected
     * markers, e.g. evaluation points over a training curve. Points with a non-finite coordinate are left out.
     *
     * @param name   the legend entry
     * @param x      x coordinates
     * @param y      y coordinates, as many as {@code x}
     * @param colour palette index ({@link #colour}), so several series can share a dataset's colour
     * @param line   true for a line, false for markers only
     */
    public record XySeries(String name, double[] x, double[] y, int colour, boolean line) {
        public XySeries {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series '" + name + "': " + x.length + " x values but " + y.length + " y values");
            }
        }
    }

    /**
     * A line chart over a numeric x axis as an {@code <svg>} element.
     *
     * @param id        unique within the page; prefixes the SVG's internal ids
     * @param integerX  whether the x axis counts whole units (steps): integer ticks
     * @param yRange    {@code {min, max}} to fix the y axis (e.g. 0..1 for accuracies), or {@code null} for automatic
     */
    public static String lines(String id, String title, String xLabel, String yLabel, List<XySeries> series,
                               boolean integerX, double[] yRange) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        double maxAbs = 0;
        for (int s = 0; s < series.size(); s++) {
            XySeries in = series.get(s);
            XYSeries xy = new XYSeries(s + ": " + in.name(), false, true); // unique keys; the legend shows the name
            for (int i = 0; i < in.x().length; i++) {
                if (Double.isFinite(in.x()[i]) && Double.isFinite(in.y()[i])) {
                    xy.add(in.x()[i], in.y()[i]);
                    maxAbs = Math.max(maxAbs, Math.abs(in.y()[i]));
                }
            }
            data.addSeries(xy);
            boolean line = in.line() && xy.getItemCount() > 1;
            renderer.setSeriesLinesVisible(s, line);
            renderer.setSeriesShapesVisible(s, !line);
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setStandardTickUnits(integerX ? NumberAxis.createIntegerTickUnits(Locale.ROOT) : NumberAxis.createStandardTickUnits(Locale.ROOT));
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        y.setAutoRangeIncludesZero(false);
        if (maxAbs > 0 && maxAbs < 1e-3) { // learning rates: 1.0E-4 rather than 0.0001 or 0
            y.setNumberFormatOverride(new DecimalFormat("0.0##E0", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        }
        if (yRange != null) {
            y.setRange(yRange[0], yRange[1]);
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        theme().apply(chart);
        plot.setOutlineVisible(false);
        plot.setRangeGridlineStroke(new BasicStroke(0.6f));
        plot.setDomainGridlineStroke(new BasicStroke(0.6f));
        titleAndLegend(chart);
        Shape dot = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
        for (int s = 0; s < series.size(); s++) { // after the theme, which would replace them
            renderer.setSeriesPaint(s, colour(series.get(s).colour()));
            renderer.setSeriesStroke(s, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesShape(s, dot);
        }
        String[] names = series.stream().map(XySeries::name).toArray(String[]::new);
        renderer.setLegendItemLabelGenerator((dataset, s) -> names[s]);
        return toSvg(chart, id, WIDTH, HEIGHT);
    }

    private static void style(JFreeChart chart) {
        theme().apply(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setOutlineVisible(false);
        plot.setRangeGridlineStroke(new BasicStroke(0.6f));
        plot.setDomainGridlinesVisible(false);
        titleAndLegend(chart);
    }

    private static StandardChartTheme theme() {
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
        return theme;
    }

    private static void titleAndLegend(JFreeChart chart) {
        TextTitle t = chart.getTitle();
        t.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.TOP);
        legend.setFrame(BlockBorder.NONE);
        legend.setHorizontalAlignment(org.jfree.chart.ui.HorizontalAlignment.LEFT);
    }

    /** Draws {@code chart} into an SVG element with a view box (so CSS can scale it) and ids prefixed by {@code id}. */
    public static String toSvg(JFreeChart chart, String id, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        g.setDefsKeyPrefix(id + "-");
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGElement(id, true, new ViewBox(0, 0, width, height), null, null);
    }
}
