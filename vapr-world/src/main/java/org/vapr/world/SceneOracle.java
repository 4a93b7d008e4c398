package org.vapr.world;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.vapr.core.AnswerVerifier;
import org.vapr.core.Category;
import org.vapr.core.InputException;
import org.vapr.core.InputProblem;
import org.vapr.core.Verdict;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlReader;

/**
 * The ground truth of a synthetic world as an {@link AnswerVerifier}: knows every scene by its image path and
 * judges short answers ("3", "Red", "Yes", "Left") and sentence answers ("There are five red circles in the
 * image.") for counting, color, size, object, spatial, existence, background and referential questions, and the
 * checkable claims of captions and reasoning answers. It says TRUE or FALSE only when the question and answer
 * parse into claims it can check exactly; otherwise, and for unknown images, UNKNOWN.
 */
public final class SceneOracle implements AnswerVerifier {
    private final Map<String, Scene> byImage;

    private SceneOracle(Map<String, Scene> byImage) {
        this.byImage = byImage;
    }

    /** Reads {@code scenes.jsonl} as written by {@link WorldSynthesizer}. */
    public static SceneOracle load(Path scenesJsonl) throws IOException {
        Map<String, Scene> map = new HashMap<>();
        try (JsonlReader in = JsonlReader.open(scenesJsonl)) {
            for (JsonlReader.Line line; (line = in.next()) != null; ) {
                Scene scene;
                try {
                    scene = Json.mapper().readValue(line.bytes(), Scene.class);
                } catch (IOException e) {
                    throw new InputException(new InputProblem(scenesJsonl.toString(), line.number(), line.byteOffset(), "",
                            "not a scene: " + e.getMessage().lines().findFirst().orElse(""), true));
                }
                if (scene.image() == null || scene.objects() == null || scene.background() == null) {
                    throw new InputException(new InputProblem(scenesJsonl.toString(), line.number(), line.byteOffset(),
                            scene.image() == null ? "image" : scene.objects() == null ? "objects" : "background", "missing", true));
                }
                map.put(scene.image(), scene);
            }
        }
        return new SceneOracle(map);
    }

    /** An oracle over scenes held in memory. */
    public static SceneOracle of(Collection<Scene> scenes) {
        Map<String, Scene> map = new HashMap<>();
        for (Scene s : scenes) {
            map.put(s.image(), s);
        }
        return new SceneOracle(map);
    }

    /** The scene shown by an image path, if known. */
    public Optional<Scene> scene(String image) {
        return Optional.ofNullable(image == null ? null : byImage.get(image));
    }

    /** Number of scenes known. */
    public int size() {
        return byImage.size();
    }

    @Override
    public Verdict verify(String image, Category category, String question, String answer) {
        Scene scene = image == null ? null : byImage.get(image);
        if (scene == null || question == null || answer == null) {
            return Verdict.UNKNOWN;
        }
        return new Judge(scene).judge(question, answer);
    }
}
