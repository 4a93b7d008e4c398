/**
 * The complete {@code vapr demo}: {@link org.vapr.cli.demo.FullDemo} runs, stage by stage, world synthesis, held-out
 * benchmarks, three equal-sized preference datasets (VaPR, POVID-style, SIMA-style), SFT, the SFT-on-VaPR baseline,
 * DPO on each dataset, evaluation with bootstrap intervals, a dataset-size scaling sweep, and writes one self-contained
 * HTML report and {@code summary.json}.
 */
package org.vapr.cli.demo;
