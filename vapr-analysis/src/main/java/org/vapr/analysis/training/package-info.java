/**
 * The training report of DPO and SFT runs: reads a run directory's {@code metrics.jsonl} (logging and evaluation
 * steps), its optional {@code manifest.json} and an optional per-pair log-probability dump ({@code --dump-pairs}),
 * summarizes reward accuracy and the policy and reference gaps Δθ and Δref of the paper's eq. 3 (§6.4), and renders
 * them as inline-SVG charts, a self-contained HTML page and a JSON summary. Several labelled runs can be overlaid
 * (e.g. VaPR vs POVID-style vs SIMA-style data).
 */
package org.vapr.analysis.training;
