/**
 * {@code vapr export}: ready-to-run DPO + LoRA training configurations for the engines people train
 * vision-language models with, LLaMA-Factory and TRL, set to the VaPR paper's recipe (LoRA rank 128, alpha 256,
 * beta 0.1, learning rate 1e-6, 5 epochs, effective batch 32, per-family warm-up).
 * {@link org.vapr.train.export.TrainingConfigExport} reads a {@code vapr build} output directory
 * ({@link org.vapr.train.export.PreferenceDatasetDir}), fills a {@link org.vapr.train.export.DpoRecipe} for a
 * {@link org.vapr.train.export.BaseCheckpoint}, checks every emitted key against the upstream allow-lists
 * ({@link org.vapr.train.export.KeyAllowList}) and writes the files with a README and {@code manifest.json}.
 * Nothing here touches DJL.
 */
package org.vapr.train.export;
