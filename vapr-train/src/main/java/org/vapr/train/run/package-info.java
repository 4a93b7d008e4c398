/**
 * Whole training runs as the CLI starts them: {@link org.vapr.train.run.SftRun} (LLaVA-format corpus → a new or
 * continued model directory) and {@link org.vapr.train.run.DpoRun} (preference pairs → LoRA adapters or a fully
 * fine-tuned model), with presets, metrics, checkpoints, resume and a manifest.
 */
package org.vapr.train.run;
