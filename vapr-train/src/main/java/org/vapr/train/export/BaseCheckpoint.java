package org.vapr.train.export;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The base checkpoints {@code vapr export} knows: command-line id, Hugging Face id, family and size. */
public enum BaseCheckpoint {
    LLAVA_1_5_7B("llava-1.5-7b", "llava-hf/llava-1.5-7b-hf", ModelFamily.LLAVA, 7),
    LLAVA_1_5_13B("llava-1.5-13b", "llava-hf/llava-1.5-13b-hf", ModelFamily.LLAVA, 13),
    QWEN2_VL_2B("qwen2-vl-2b", "Qwen/Qwen2-VL-2B-Instruct", ModelFamily.QWEN2_VL, 2),
    QWEN2_VL_7B("qwen2-vl-7b", "Qwen/Qwen2-VL-7B-Instruct", ModelFamily.QWEN2_VL, 7),
    QWEN2_5_VL_3B("qwen2.5-vl-3b", "Qwen/Qwen2.5-VL-3B-Instruct", ModelFamily.QWEN2_5_VL, 3),
    QWEN2_5_VL_7B("qwen2.5-vl-7b", "Qwen/Qwen2.5-VL-7B-Instruct", ModelFamily.QWEN2_5_VL, 7);

    private final String id;
    private final String huggingFaceId;
    private final ModelFamily family;
    private final int billionParameters;

    BaseCheckpoint(String id, String huggingFaceId, ModelFamily family, int billionParameters) {
        this.id = id;
        this.huggingFaceId = huggingFaceId;
        this.family = family;
        this.billionParameters = billionParameters;
    }

    public String id() {
        return id;
    }

    public String huggingFaceId() {
        return huggingFaceId;
    }

    public ModelFamily family() {
        return family;
    }

    public int billionParameters() {
        return billionParameters;
    }

    /** The DeepSpeed ZeRO stage for multi-GPU runs: 3 (parameters sharded) from 13B up, 2 below. */
    public int zeroStage() {
        return billionParameters >= 13 ? 3 : 2;
    }

    /** The checkpoint with this command-line id; {@link IllegalArgumentException} listing the choices otherwise. */
    public static BaseCheckpoint parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (BaseCheckpoint c : values()) {
            if (c.id.equals(n)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown model '" + name + "' (choose one of: " + choices() + ")");
    }

    /** The ids, comma-separated. */
    public static String choices() {
        return Arrays.stream(values()).map(BaseCheckpoint::id).collect(Collectors.joining(", "));
    }
}
