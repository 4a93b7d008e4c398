/**
 * Training on Deep Java Library (DJL). This is the one module (with vapr-eval later) that touches DJL and native
 * code. It holds, for now, the Hugging Face {@code tokenizer.json} adapter
 * ({@link org.vapr.train.tokenizer.HfTokenCounter}) that {@code vapr analyze --tokenizer PATH} uses; the small
 * vision-language model, SFT, the DPO loss family, LoRA and checkpoints come in later issues.
 */
package org.vapr.train;
