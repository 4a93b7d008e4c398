package org.vapr.train.export;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DeepSpeed ZeRO configurations for the Hugging Face integration: batch sizes, accumulation, clipping and bf16 are
 * {@code "auto"}, so the trainer's own arguments stay the one source of truth. Stage 2 shards optimizer state and
 * gradients; stage 3 also shards the parameters (used from 13B up).
 */
final class DeepSpeedConfigs {
    private DeepSpeedConfigs() {
    }

    /** The file name LLaMA-Factory's examples use for a stage. */
    static String fileName(int stage) {
        return "ds_z" + stage + "_config.json";
    }

    static Map<String, Object> zero(int stage) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("train_batch_size", "auto");
        m.put("train_micro_batch_size_per_gpu", "auto");
        m.put("gradient_accumulation_steps", "auto");
        m.put("gradient_clipping", "auto");
        m.put("zero_allow_untested_optimizer", true);
        m.put("bf16", Map.of("enabled", "auto"));
        Map<String, Object> z = new LinkedHashMap<>();
        z.put("stage", stage);
        z.put("overlap_comm", false);
        z.put("contiguous_gradients", true);
        if (stage == 3) {
            z.put("sub_group_size", 1_000_000_000L);
            z.put("reduce_bucket_size", "auto");
            z.put("stage3_prefetch_bucket_size", "auto");
            z.put("stage3_param_persistence_threshold", "auto");
            z.put("stage3_max_live_parameters", 1_000_000_000L);
            z.put("stage3_max_reuse_distance", 1_000_000_000L);
            z.put("stage3_gather_16bit_weights_on_model_save", true);
        } else {
            z.put("allgather_partitions", true);
            z.put("allgather_bucket_size", 500_000_000L);
            z.put("reduce_scatter", true);
            z.put("reduce_bucket_size", 500_000_000L);
            z.put("round_robin_gradients", true);
        }
        m.put("zero_optimization", z);
        return m;
    }
}
