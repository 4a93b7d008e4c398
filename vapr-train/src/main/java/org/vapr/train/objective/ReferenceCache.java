package org.vapr.train.objective;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlReader;
import org.vapr.core.io.JsonlWriter;

/**
 * The reference log-probabilities of every pair, computed once before training and kept in
 * {@code OUT/reference-logps.jsonl} (one {@link PairScore} per line, training pairs then evaluation pairs) so that a
 * resumed run reuses exactly the same numbers.
 */
public final class ReferenceCache {
    /** The cache's file name inside the output directory. */
    public static final String FILE = "reference-logps.jsonl";

    private ReferenceCache() {
    }

    /** Writes the scores atomically. */
    public static void write(Path file, List<PairScore> scores) throws IOException {
        try (JsonlWriter w = JsonlWriter.open(file)) {
            scores.forEach(w::write);
        }
    }

    /**
     * The cached scores when the file exists and holds exactly {@code ids}, in order; empty otherwise (then they are
     * computed again).
     */
    public static Optional<List<PairScore>> read(Path file, List<String> ids) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        List<PairScore> scores = new ArrayList<>();
        try (JsonlReader in = JsonlReader.open(file)) {
            for (JsonlReader.Line line = in.next(); line != null; line = in.next()) {
                try {
                    scores.add(Json.mapper().readValue(line.bytes(), PairScore.class));
                } catch (IOException e) {
                    throw new InputException(file + ": line " + line.number() + ": not a reference score: "
                            + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        if (scores.size() != ids.size()) {
            return Optional.empty();
        }
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).equals(scores.get(i).id())) {
                return Optional.empty();
            }
        }
        return Optional.of(scores);
    }
}
