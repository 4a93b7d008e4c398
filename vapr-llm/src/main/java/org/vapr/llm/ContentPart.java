package org.vapr.llm;

import java.util.Base64;
import java.util.Objects;

/** One part of a message's content: text or an image. */
public sealed interface ContentPart {

    /** A text part. */
    record Text(String text) implements ContentPart {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** An image part; {@code url} is an {@code http(s)} URL or a {@code data:} URL. */
    record Image(String url) implements ContentPart {
        public Image {
            Objects.requireNonNull(url, "url");
        }

        /** A PNG image as a {@code data:image/png;base64,…} URL. */
        public static Image png(byte[] png) {
            return new Image("data:image/png;base64," + Base64.getEncoder().encodeToString(png));
        }

        /** Shows the scheme and length only: data URLs run to megabytes. */
        @Override
        public String toString() {
            return "Image[" + (url.length() > 48 ? url.substring(0, 32) + "…(" + url.length() + " chars)" : url) + "]";
        }
    }
}
