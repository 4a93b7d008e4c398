package org.vapr.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.vapr.core.manifest.Tally;
import org.vapr.world.ContrastScenes;
import org.vapr.world.Scene;
import org.vapr.world.SceneOracle;
import org.vapr.world.SceneRenderer;
import org.vapr.world.WorldDifficulty;

/**
 * The contrast images of the demo's training pairs: for each pair, the smallest scene edit that makes its chosen answer
 * wrong ({@link ContrastScenes}), rendered as {@code <dir>/<pair id>.png} ({@code #} written {@code _}), for mDPO's
 * conditional term. The three datasets share their pairs' images, prompts and chosen answers, so one set serves all.
 *
 * @param byId     pair id → the contrast image's path relative to the pairs' image root
 * @param made     contrast images made, by the pair's category
 * @param skipped  pairs without one, by category (a question the edits do not handle, e.g. "How many objects …?")
 */
record ContrastImages(Map<String, String> byId, Tally made, Tally skipped) {

    /**
     * Renders the contrast images of the pairs of {@code ids} (read from {@code lines}: id → VaPR pairs.jsonl line).
     *
     * @param imageRoot the pairs' image root, against which the returned paths are relative
     */
    static ContrastImages render(List<String> ids, Map<String, String> lines, SceneOracle oracle, WorldDifficulty difficulty,
                                 int imageSize, long seed, Path dir, Path imageRoot) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> byId = new LinkedHashMap<>();
        Tally made = new Tally();
        Tally skipped = new Tally();
        for (String id : ids) {
            JsonNode pair = org.vapr.core.io.Json.mapper().readTree(lines.get(id));
            String category = pair.path("category").asText("unknown");
            Optional<Scene> scene = oracle.scene(pair.path("image").asText(null));
            Optional<Scene> contrast = scene.flatMap(s -> ContrastScenes.flip(s, pair.path("prompt").asText(""), difficulty, seed));
            if (contrast.isEmpty()) {
                skipped.add(category);
                continue;
            }
            Path file = dir.resolve(id.replace('#', '_').replace('/', '_') + ".png");
            SceneRenderer.write(contrast.get(), imageSize, file);
            byId.put(id, imageRoot.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize())
                    .toString().replace('\\', '/'));
            made.add(category);
        }
        return new ContrastImages(byId, made, skipped);
    }
}
