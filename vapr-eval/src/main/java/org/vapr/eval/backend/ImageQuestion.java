package org.vapr.eval.backend;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One item for a model: an image file and the full prompt text (instructions included).
 *
 * @param image  the image file
 * @param prompt the prompt
 */
public record ImageQuestion(Path image, String prompt) {
    public ImageQuestion {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(prompt, "prompt");
    }
}
