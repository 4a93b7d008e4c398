/** Trainer formats for finished pairs: TRL vision DPO, LLaMA-Factory sharegpt ranking, LLaVA-NeXT DPO. */
package org.vapr.pipeline.export;
