package org.vapr.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vapr.core.AnswerVerifier;
import org.vapr.core.InputException;
import org.vapr.world.SceneOracle;
import picocli.CommandLine.Option;

/** Option groups shared by {@code vapr build} and the stage commands (picocli mixins). */
final class BuildOptions {
    private BuildOptions() {
    }

    /** Options of the filter and categorize stages. */
    static final class Rules {
        @Option(names = "--rules", paramLabel = "FILE", description = "Filter and categorizer rules (YAML) replacing the built-in ones.")
        Path rules;

        @Option(names = "--strict", description = "Fail on the first bad record or missing image instead of counting and skipping it.")
        boolean strict;
    }

    /** Options of the sample stage. */
    static final class Sampling {
        @Option(names = "--size", paramLabel = "N", defaultValue = "1000",
                description = "Number of pairs to sample, stratified to the paper's Table 1 (default: ${DEFAULT-VALUE}).")
        int size;

        @Option(names = "--distribution", paramLabel = "FILE", description = "Category shares (YAML/JSON id: share) replacing Table 1.")
        Path distribution;
    }

    /** Options of the edit stage: images, editor, extension and the oracle. */
    static final class Editing {
        @Option(names = "--images", paramLabel = "DIR",
                description = "Image root that the records' image paths are relative to (default: the corpus's directory).")
        Path images;

        @Option(names = "--editor", paramLabel = "NAME", defaultValue = "rules",
                description = "Hard-negative editor: rules (offline, no API key) (default: ${DEFAULT-VALUE}).")
        String editor;

        @Option(names = "--extend-short", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Extend one-word answers (3, Red, Left) into sentences, as yes/no answers always are (default: ${DEFAULT-VALUE}).")
        boolean extendShort;

        @Option(names = "--scenes", paramLabel = "FILE",
                description = "Ground truth for the oracle (the world's scenes.jsonl); default: scenes.jsonl in the image root, if present.")
        Path scenes;

        @Option(names = "--no-oracle", description = "Do not check rejected answers against scenes.jsonl even if present.")
        boolean noOracle;

        /** The scenes file the oracle will use, or {@code null}. */
        Path scenesFile(Path imageRoot) {
            if (noOracle) {
                return null;
            }
            if (scenes != null) {
                if (!Files.isRegularFile(scenes)) {
                    throw new InputException(scenes + ": no such file (--scenes)");
                }
                return scenes;
            }
            Path beside = imageRoot.resolve("scenes.jsonl");
            return Files.isRegularFile(beside) ? beside : null;
        }

        static AnswerVerifier verifier(Path scenesFile) throws IOException {
            return scenesFile == null ? AnswerVerifier.NONE : SceneOracle.load(scenesFile);
        }
    }

    /** The directory of a file, for defaults such as the image root. */
    static Path parentOf(Path file) {
        Path abs = file.toAbsolutePath().getParent();
        return abs == null ? Path.of(".") : abs;
    }
}
