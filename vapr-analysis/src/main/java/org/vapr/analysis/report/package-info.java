/**
 * Renderings of {@link org.vapr.analysis.BiasReport}s: the JSON document ({@code --json}), the compact Markdown
 * table printed on stdout, and the self-contained HTML page ({@code --report}) with inline SVG charts drawn by
 * JFreeChart through JFreeSVG.
 */
package org.vapr.analysis.report;
