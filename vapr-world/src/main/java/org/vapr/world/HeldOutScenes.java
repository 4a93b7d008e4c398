package org.vapr.world;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.vapr.core.InputException;
import org.vapr.core.InputProblem;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlReader;

/**
 * Scenes that no training world contains: drawn from a generator seed derived from (seed, {@link #STREAM}), a stream
 * disjoint from the one {@link WorldSynthesizer} uses for the same seed, and named {@code heldout_NNNNNN} (training
 * scenes are {@code scene_NNNNNN}) with images {@code images/heldout_NNNNNN.png} (training: {@code images/NNNNNN.png}).
 */
final class HeldOutScenes {
    /** The purpose tag of the held-out generator seed. */
    static final long STREAM = 0x4E1D0B7L;
    static final String PREFIX = "heldout_";

    private final SceneGenerator generator;

    HeldOutScenes(long seed) {
        this(seed, WorldDifficulty.STANDARD);
    }

    HeldOutScenes(long seed, WorldDifficulty difficulty) {
        this.generator = new SceneGenerator(Seeds.derive(seed, 0, STREAM), difficulty);
    }

    /** Held-out scene {@code index}, without text. */
    Scene scene(long index) {
        String id = String.format(Locale.ROOT, "%s%06d", PREFIX, index);
        Scene s = generator.generate(index);
        return new Scene(id, "images/" + id + ".png", s.background(), s.objects(), null);
    }

    /** A variant of a held-out scene: same id stem plus {@code suffix}, other objects. */
    static Scene variant(Scene base, String suffix, List<SceneObject> objects) {
        String id = base.id() + suffix;
        List<SceneObject> sorted = new ArrayList<>(objects);
        sorted.sort((a, b) -> Double.compare(a.x(), b.x()));
        return new Scene(id, "images/" + id + ".png", base.background(), sorted, base.text());
    }

    /** What makes two scenes the same picture: the background and the objects. */
    static List<Object> content(Scene s) {
        return List.of(String.valueOf(s.background()), s.objects() == null ? List.of() : s.objects());
    }

    /** The held-out index a benchmark scene id ({@code heldout_000342}, or a variant {@code heldout_000342_b}) stands for. */
    static long index(String id) {
        String digits = id.substring(PREFIX.length());
        int end = 0;
        while (end < digits.length() && Character.isDigit(digits.charAt(end))) {
            end++;
        }
        return Long.parseLong(digits.substring(0, end));
    }

    /** The contents ({@link #content}) of every scene of the world in {@code worldDir}. */
    static Set<List<Object>> contents(Path worldDir) throws IOException {
        Path file = worldDir.resolve("scenes.jsonl");
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": missing (--held-out-from must name a directory written by vapr synth)");
        }
        Set<List<Object>> out = new HashSet<>();
        try (JsonlReader in = JsonlReader.open(file)) {
            for (JsonlReader.Line line; (line = in.next()) != null; ) {
                try {
                    out.add(content(Json.mapper().readValue(line.bytes(), Scene.class)));
                } catch (IOException e) {
                    throw new InputException(new InputProblem(file.toString(), line.number(), line.byteOffset(), "",
                            "not a scene: " + e.getMessage().lines().findFirst().orElse(""), true));
                }
            }
        }
        return out;
    }

    /**
     * Asserts that none of {@code scenes} is a scene of the world in {@code worldDir} (its {@code scenes.jsonl}): no
     * shared scene id, no shared image path, no scene with the same background and objects.
     *
     * @throws InputException when the world has no readable {@code scenes.jsonl}
     * @throws IllegalStateException naming the first reused scene
     */
    static long assertDisjoint(Path worldDir, List<Scene> scenes) throws IOException {
        Path file = worldDir.resolve("scenes.jsonl");
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": missing (--held-out-from must name a directory written by vapr synth)");
        }
        Map<String, Scene> ids = new HashMap<>();
        Map<String, Scene> images = new HashMap<>();
        Map<List<Object>, Scene> contents = new HashMap<>();
        for (Scene s : scenes) {
            ids.put(s.id(), s);
            images.put(s.image(), s);
            contents.put(content(s), s);
        }
        long n = 0;
        Set<String> seen = new HashSet<>();
        try (JsonlReader in = JsonlReader.open(file)) {
            for (JsonlReader.Line line; (line = in.next()) != null; ) {
                Scene w;
                try {
                    w = Json.mapper().readValue(line.bytes(), Scene.class);
                } catch (IOException e) {
                    throw new InputException(new InputProblem(file.toString(), line.number(), line.byteOffset(), "",
                            "not a scene: " + e.getMessage().lines().findFirst().orElse(""), true));
                }
                n++;
                Scene hit = w.id() != null ? ids.get(w.id()) : null;
                String how = "scene id";
                if (hit == null && w.image() != null) {
                    hit = images.get(w.image());
                    how = "image path";
                }
                if (hit == null && w.objects() != null) {
                    hit = contents.get(content(w));
                    how = "background and objects";
                }
                if (hit != null && seen.add(hit.id())) {
                    throw new IllegalStateException("held-out check failed: benchmark scene " + hit.id() + " reuses the "
                            + how + " of " + file + " line " + line.number() + " (" + w.id() + ")");
                }
            }
        }
        return n;
    }
}
