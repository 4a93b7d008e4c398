/**
 * Renderings of {@link org.vapr.analysis.BiasReport}s: the JSON document ({@code --json}) and the compact Markdown
 * table printed on stdout. (HTML with SVG charts will join them.)
 */
package org.vapr.analysis.report;
