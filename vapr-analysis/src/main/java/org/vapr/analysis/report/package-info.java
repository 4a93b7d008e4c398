/**
 * Renderings of {@link org.vapr.analysis.BiasReport}s: the JSON document ({@code --json}), the compact Markdown
 * table printed on stdout, and the self-contained HTML page ({@code --report}) with inline SVG charts drawn by
 * JFreeChart through JFreeSVG. {@link org.vapr.analysis.report.Charts} also draws the other pages' charts, among them
 * the scaling plot (lines with interval error bars and reference levels) of {@code vapr eval scaling} and the demo.
 */
package org.vapr.analysis.report;
