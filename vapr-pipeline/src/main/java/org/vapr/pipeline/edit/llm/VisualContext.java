package org.vapr.pipeline.edit.llm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.vapr.core.InputException;
import org.vapr.llm.ContentPart;

/**
 * What the editor knows about an image: a text (captions, a scene description) and/or the image itself as a
 * data-URL part for a vision-capable model. Chosen on the command line with {@code --context}
 * ({@link #parse}). Implementations are thread-safe.
 */
public interface VisualContext {

    /** The kind recorded in the manifest: {@code none}, {@code image}, {@code scene} or {@code captions}. */
    String kind();

    /** What is known about the image as text, or empty. */
    default Optional<String> describe(String image) {
        return Optional.empty();
    }

    /**
     * The image to send with the request, or empty.
     *
     * @throws IOException when the image cannot be read
     */
    default Optional<ContentPart> picture(String image) throws IOException {
        return Optional.empty();
    }

    /** No context: the editor sees only the question and the answer. */
    static VisualContext none() {
        return () -> "none";
    }

    /** The image file under {@code imagesRoot}, sent as a data URL (the model must accept images). */
    static VisualContext image(Path imagesRoot) {
        return new VisualContext() {
            @Override
            public String kind() {
                return "image";
            }

            @Override
            public Optional<ContentPart> picture(String image) throws IOException {
                Path file = imagesRoot.resolve(image);
                if (!Files.isRegularFile(file)) {
                    throw new InputException(file + ": image file not found (--context image)");
                }
                byte[] bytes = Files.readAllBytes(file);
                return Optional.of(new ContentPart.Image("data:" + mimeType(file) + ";base64,"
                        + Base64.getEncoder().encodeToString(bytes)));
            }
        };
    }

    /** A text description per image, e.g. the synthetic world's scenes ({@code SceneDescriptions} in vapr-world). */
    static VisualContext scene(Function<String, Optional<String>> descriptions) {
        return new VisualContext() {
            @Override
            public String kind() {
                return "scene";
            }

            @Override
            public Optional<String> describe(String image) {
                return descriptions.apply(image);
            }
        };
    }

    /**
     * The context named by a {@code --context} value: {@code none}, {@code image}, {@code scene} or
     * {@code captions:FILE}.
     *
     * @param spec       the option's value
     * @param imagesRoot the image root (for {@code image})
     * @param scenes     scene descriptions (for {@code scene}), or {@code null} when there are none
     * @param strict     whether a bad caption record stops the load instead of being counted
     * @throws InputException on an unknown kind, a missing scene source or a bad captions file
     */
    static VisualContext parse(String spec, Path imagesRoot, Function<String, Optional<String>> scenes, boolean strict)
            throws IOException {
        String s = spec == null ? "none" : spec.strip();
        if (s.startsWith("captions:")) {
            String file = s.substring("captions:".length());
            if (file.isBlank()) {
                throw new InputException("option '--context': captions needs a file, e.g. captions:captions_train2017.json");
            }
            return CaptionContext.load(Path.of(file), strict);
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "none" -> none();
            case "image" -> image(imagesRoot);
            case "scene" -> {
                if (scenes == null) {
                    throw new InputException("option '--context': scene needs the world's scenes.jsonl (--scenes FILE)");
                }
                yield scene(scenes);
            }
            default -> throw new InputException("option '--context': unknown value '" + spec
                    + "' (expected none, image, scene or captions:FILE)");
        };
    }

    /** The MIME type of an image file by its extension ({@code image/png} when unknown). */
    static String mimeType(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".gif")) {
            return "image/gif";
        }
        if (n.endsWith(".webp")) {
            return "image/webp";
        }
        return "image/png";
    }
}
