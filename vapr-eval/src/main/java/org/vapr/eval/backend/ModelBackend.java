package org.vapr.eval.backend;

import java.util.List;
import java.util.Map;

/** Answers (image, prompt) items with a model, deterministically where the model allows (greedy decoding). */
public interface ModelBackend extends AutoCloseable {

    /** One answer per item, in input order; an item the backend could not answer gets a failed answer. */
    List<ModelAnswer> answer(List<ImageQuestion> items);

    /** The model's name as written to {@code model_id} in the answer file. */
    String modelId();

    /** What the manifest records about the backend (never a key): kind, location, settings. */
    Map<String, Object> describe();

    /** Files that define the model, by role, for the manifest to hash (none for an endpoint). */
    default Map<String, java.nio.file.Path> inputFiles() {
        return Map.of();
    }

    @Override
    default void close() {
    }
}
