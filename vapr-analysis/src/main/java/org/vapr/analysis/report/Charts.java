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
        JFreeChart chart = xyChart(title, plot);
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

    /**
     * One series of an interval chart: a line through its points in x order, each with a vertical interval (e.g. a
     * bootstrap 95% CI). A point with a non-finite interval bound is drawn without that interval.
     *
     * @param name   the legend entry
     * @param x      x coordinates
     * @param y      point estimates
     * @param low    the intervals' lower bounds
     * @param high   the intervals' upper bounds
     * @param colour palette index ({@link #colour})
     */
    public record IntervalSeries(String name, double[] x, double[] y, double[] low, double[] high, int colour) {
        public IntervalSeries {
            if (x.length != y.length || x.length != low.length || x.length != high.length) {
                throw new IllegalArgumentException("series '" + name + "': x, y, low and high must be as long");
            }
        }
    }

    /**
     * A horizontal reference level across an interval chart (e.g. the starting model's score), drawn as a dashed line
     * with its interval as a light band.
     *
     * @param name   the label drawn at the line
     * @param value  the level
     * @param low    the interval's lower bound, or NaN for none
     * @param high   the interval's upper bound, or NaN for none
     * @param colour palette index
     */
    public record Level(String name, double value, double low, double high, int colour) {
    }

    /**
     * Lines through point estimates with their intervals as error bars, over a numeric (optionally logarithmic) x
     * axis, with horizontal reference levels: a scaling plot, as an {@code <svg>} element.
     *
     * @param id      unique within the page; prefixes the SVG's internal ids
     * @param logX    a base-10 logarithmic x axis (dataset sizes such as 3K / 10K / 30K); x values must be positive
     * @param yRange  {@code {min, max}} to fix the y axis, or {@code null} for automatic
     */
    public static String intervalLines(String id, String title, String xLabel, String yLabel, List<IntervalSeries> series,
                                       List<Level> levels, boolean logX, double[] yRange) {
        org.jfree.data.xy.YIntervalSeriesCollection data = new org.jfree.data.xy.YIntervalSeriesCollection();
        for (int s = 0; s < series.size(); s++) {
            IntervalSeries in = series.get(s);
            org.jfree.data.xy.YIntervalSeries xy = new org.jfree.data.xy.YIntervalSeries(s + ": " + in.name(), true, true);
            for (int i = 0; i < in.x().length; i++) {
                double x = in.x()[i];
                double y = in.y()[i];
                if (!Double.isFinite(x) || !Double.isFinite(y) || (logX && x <= 0)) {
                    continue;
                }
                double lo = Double.isFinite(in.low()[i]) ? in.low()[i] : y;
                double hi = Double.isFinite(in.high()[i]) ? in.high()[i] : y;
                xy.add(x, y, lo, hi);
            }
            data.addSeries(xy);
        }
        org.jfree.chart.renderer.xy.XYErrorRenderer renderer = new org.jfree.chart.renderer.xy.XYErrorRenderer();
        renderer.setDrawXError(false);
        renderer.setCapLength(6);
        // ticks at the sizes themselves: a scaling plot has few, and 3K / 10K / 30K read better than 398.1 / 501.2
        java.util.TreeSet<Double> xs = new java.util.TreeSet<>();
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                xs.add(data.getXValue(s, i));
            }
        }
        org.jfree.chart.axis.ValueAxis x;
        if (logX) {
            org.jfree.chart.axis.LogAxis log = new org.jfree.chart.axis.LogAxis(xLabel) {
                @Override
                public List<org.jfree.chart.axis.ValueTick> refreshTicks(java.awt.Graphics2D g2, org.jfree.chart.axis.AxisState state,
                        java.awt.geom.Rectangle2D area, RectangleEdge edge) {
                    return xs.isEmpty() ? super.refreshTicks(g2, state, area, edge) : ticksAt(xs);
                }
            };
            log.setBase(10);
            log.setSmallestValue(1e-9);
            if (xs.size() == 1) {
                log.setRange(xs.first() / 2, xs.first() * 2);
            } else if (!xs.isEmpty()) {
                double margin = Math.pow(xs.last() / xs.first(), 0.06);
                log.setRange(xs.first() / margin, xs.last() * margin);
            }
            x = log;
        } else {
            NumberAxis lin = new NumberAxis(xLabel) {
                @Override
                public List<org.jfree.chart.axis.ValueTick> refreshTicks(java.awt.Graphics2D g2, org.jfree.chart.axis.AxisState state,
                        java.awt.geom.Rectangle2D area, RectangleEdge edge) {
                    return xs.isEmpty() ? super.refreshTicks(g2, state, area, edge) : ticksAt(xs);
                }
            };
            lin.setAutoRangeIncludesZero(false);
            x = lin;
        }
        NumberAxis y = new NumberAxis(yLabel);
        y.setStandardTickUnits(NumberAxis.createStandardTickUnits(Locale.ROOT));
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        JFreeChart chart = xyChart(title, plot);
        levels = levels.stream().filter(l -> Double.isFinite(l.value())).toList();
        for (int li = 0; li < levels.size(); li++) {
            Level level = levels.get(li);
            Color c = colour(level.colour());
            if (Double.isFinite(level.low()) && Double.isFinite(level.high())) {
                org.jfree.chart.plot.IntervalMarker band = new org.jfree.chart.plot.IntervalMarker(level.low(), level.high());
                band.setPaint(new Color(c.getRed(), c.getGreen(), c.getBlue(), 40));
                band.setOutlinePaint(null);
                plot.addRangeMarker(band, org.jfree.chart.ui.Layer.BACKGROUND);
            }
            org.jfree.chart.plot.ValueMarker line = new org.jfree.chart.plot.ValueMarker(level.value(), c,
                    new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
            line.setLabel(level.name());
            line.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            line.setLabelPaint(c.darker());
            // labels alternate between the left and the right end, so that levels close together stay readable
            boolean left = li % 2 == 0;
            line.setLabelAnchor(left ? org.jfree.chart.ui.RectangleAnchor.TOP_LEFT : org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            line.setLabelTextAnchor(left ? org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT : org.jfree.chart.ui.TextAnchor.BOTTOM_RIGHT);
            plot.addRangeMarker(line, org.jfree.chart.ui.Layer.FOREGROUND);
        }
        // the axis must show the levels and every interval, which auto-ranging over the series alone may not
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            for (int i = 0; i < data.getItemCount(s); i++) {
                min = Math.min(min, data.getStartYValue(s, i));
                max = Math.max(max, data.getEndYValue(s, i));
            }
        }
        for (Level level : levels) {
            for (double v : new double[] {level.value(), level.low(), level.high()}) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (yRange != null) {
            y.setRange(yRange[0], yRange[1]);
        } else if (min <= max) {
            double pad = Math.max((max - min) * 0.08, 1e-6);
            y.setRange(min - pad, max + pad);
        }
        Shape dot = new Ellipse2D.Double(-3.5, -3.5, 7, 7);
        for (int s = 0; s < series.size(); s++) {
            renderer.setSeriesPaint(s, colour(series.get(s).colour()));
            renderer.setSeriesStroke(s, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            renderer.setSeriesShape(s, dot);
            renderer.setSeriesLinesVisible(s, data.getItemCount(s) > 1);
            renderer.setSeriesShapesVisible(s, true);
        }
        renderer.setErrorStroke(new BasicStroke(1.3f));
        String[] names = series.stream().map(IntervalSeries::name).toArray(String[]::new);
        renderer.setLegendItemLabelGenerator((dataset, s) -> names[s]);
        return toSvg(chart, id, WIDTH, HEIGHT);
    }

    /** Ticks labelled compactly (950, 3K, 12.5K, 1.5M) at exactly these x values. */
    private static List<org.jfree.chart.axis.ValueTick> ticksAt(java.util.SortedSet<Double> values) {
        List<org.jfree.chart.axis.ValueTick> ticks = new java.util.ArrayList<>();
        for (double v : values) {
            ticks.add(new org.jfree.chart.axis.NumberTick(v, compact(v), org.jfree.chart.ui.TextAnchor.TOP_CENTER,
                    org.jfree.chart.ui.TextAnchor.CENTER, 0.0));
        }
        return ticks;
    }

    /** 950, 3K, 12.5K, 1.5M, and 2,149 where a suffix would round: a size as people write it. */
    static String compact(double v) {
        DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        if (Math.abs(v) >= 1e6 && v % 1e4 == 0) {
            return f.format(v / 1e6) + "M";
        }
        if (Math.abs(v) >= 1e3 && v % 10 == 0) {
            return f.format(v / 1e3) + "K";
        }
        return f.format(v);
    }

    /** A chart of {@code plot} in the house style: the theme, no outline, thin grid lines, title and legend on the left. */
    private static JFreeChart xyChart(String title, XYPlot plot) {
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        theme().apply(chart);
        plot.setOutlineVisible(false);
        plot.setRangeGridlineStroke(new BasicStroke(0.6f));
        plot.setDomainGridlineStroke(new BasicStroke(0.6f));
        titleAndLegend(chart);
        return chart;
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
