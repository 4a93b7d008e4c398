package org.vapr.train.export;

/**
 * A vision-language model family and what the engines need to know about it: the LLaMA-Factory chat template,
 * the transformers class, and the paper's warm-up ratio (0.03 for LLaVA, 0.1 for Qwen2-VL and Qwen2.5-VL).
 */
public enum ModelFamily {
    LLAVA("llava", "LlavaForConditionalGeneration", 0.03),
    QWEN2_VL("qwen2_vl", "Qwen2VLForConditionalGeneration", 0.1),
    QWEN2_5_VL("qwen2_vl", "Qwen2_5_VLForConditionalGeneration", 0.1);

    /**
     * The LoRA target for TRL/peft (a full-match regex): the language model's attention and MLP projections, never
     * the vision tower or projector, which is what LLaMA-Factory's {@code lora_target: all} trains by default.
     */
    public static final String LANGUAGE_MODEL_LORA_TARGET =
            "^(?!.*(vision_tower|visual|multi_modal_projector)).*\\.(q_proj|k_proj|v_proj|o_proj|gate_proj|up_proj|down_proj)$";

    private final String template;
    private final String transformersClass;
    private final double warmupRatio;

    ModelFamily(String template, String transformersClass, double warmupRatio) {
        this.template = template;
        this.transformersClass = transformersClass;
        this.warmupRatio = warmupRatio;
    }

    /** LLaMA-Factory's {@code template} name. */
    public String template() {
        return template;
    }

    /** The {@code transformers} class that loads the checkpoint for training. */
    public String transformersClass() {
        return transformersClass;
    }

    /** The paper's warm-up ratio for this family. */
    public double warmupRatio() {
        return warmupRatio;
    }
}
