package org.vapr.world;

/** The kinds of corpus record, mirroring the sources of LLaVA-1.5's 665K mix. */
enum RecordKind {
    VQA("vqa", false),
    INSTRUCT_CONVERSATION("instruct_conversation", false),
    INSTRUCT_DETAIL("instruct_detail", false),
    INSTRUCT_REASONING("instruct_reasoning", false),
    CAPTION("caption", false),
    REGION("region", false),
    TEXT_ONLY("text_only", true),
    MULTIPLE_CHOICE("multiple_choice", true),
    BBOX("bbox", true),
    OCR("ocr", true);

    final String id;
    /** Whether VaPR's builder filters drop records of this kind. */
    final boolean dropped;

    RecordKind(String id, boolean dropped) {
        this.id = id;
        this.dropped = dropped;
    }

    /** Relative weights per record for a mix ({@code world} or {@code llava665k}), in {@link #values()} order. */
    static double[] weights(String mix) {
        if (mix.equals("llava665k")) {
            // LLaVA-Instruct 58K/23K/77K, VQAv2+GQA+OKVQA 164K, TextCaps 22K, RefCOCO+VG 134K, ShareGPT 40K,
            // A-OKVQA 66K, OCR-VQA 80K
            return new double[] {164, 58, 23, 77, 22, 67, 40, 66, 67, 80};
        }
        return new double[] {28, 18, 7, 9, 7, 14.3, 11.1, 5.56, 5.56, 5.56};
    }

    /** The world mix without text-only records (one record per scene). */
    static double[] sceneWeights() {
        double[] w = weights("world");
        w[TEXT_ONLY.ordinal()] = 0;
        return w;
    }
}
