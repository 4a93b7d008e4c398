/**
 * Selection: splitting conversations into question/answer turns, prompt cleaning, filters, the rule-based
 * categorizer ({@code rules.yaml}) and the nested, stratified, seeded sampler.
 */
package org.vapr.pipeline.select;
