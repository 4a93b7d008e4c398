/**
 * The training loop: seeded data order, gradient accumulation, global-norm clipping, a checkpointable AdamW with a
 * warmup/decay schedule, per-step child {@code NDManager}s, and listeners for everything around it (metrics file,
 * progress bar, divergence guard, checkpoints).
 */
package org.vapr.train.loop;
