package org.vapr.pipeline.edit;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/** Token counts with GPT-4o's tokenizer ({@code o200k_base}), the unit of the token-length delta. */
public final class TokenCounter {
    /** Tokenizer name recorded in manifests. */
    public static final String NAME = "o200k_base";
    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private TokenCounter() {
    }

    /** Number of o200k tokens of a text (special tokens treated as text). */
    public static int count(String text) {
        return ENCODING.countTokensOrdinary(text);
    }
}
