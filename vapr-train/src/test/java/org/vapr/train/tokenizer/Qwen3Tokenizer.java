package org.vapr.train.tokenizer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the test Qwen3 {@code tokenizer.json} lives: {@code $VAPR_CACHE/qwen3/tokenizer.json}, by default
 * {@code ~/.cache/vapr/qwen3/tokenizer.json}, put there by {@code vapr-train/src/test/fetch-qwen3-tokenizer.sh}.
 */
public final class Qwen3Tokenizer {
    private Qwen3Tokenizer() {
    }

    public static Path path() {
        String cache = System.getenv("VAPR_CACHE");
        Path root = cache != null && !cache.isBlank() ? Path.of(cache) : Path.of(System.getProperty("user.home"), ".cache", "vapr");
        return root.resolve("qwen3").resolve("tokenizer.json");
    }

    /**
     * The file; when it is absent the calling test is skipped (a JUnit assumption), but under {@code CI=true} it
     * fails, so CI cannot pass without running the real-tokenizer tests.
     */
    public static Path require() {
        Path p = path();
        if (!Files.isRegularFile(p)) {
            String msg = p + " is missing: run vapr-train/src/test/fetch-qwen3-tokenizer.sh";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(msg + " (CI=true: the real-tokenizer tests must run)");
            }
            assumeTrue(false, msg);
        }
        return p;
    }
}
