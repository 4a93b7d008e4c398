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
                description = "Hard-negative editor: rules (offline, no API key), openai (any OpenAI-compatible server: "
                        + "OpenAI, vLLM, Ollama; key from OPENAI_API_KEY), or a baseline of the paper's comparison: "
                        + "povid-style (longer answers with injected hallucinations; no length bounds) or self-sample "
                        + "(rejected sampled from the `vapr train` model in --model DIR; no checks) (default: ${DEFAULT-VALUE}).")
        String editor;

        @Option(names = "--base-url", paramLabel = "URL",
                description = "API root of the OpenAI-compatible server, with /v1 (default: $OPENAI_BASE_URL, else https://api.openai.com/v1).")
        String baseUrl;

        @Option(names = "--model", paramLabel = "NAME", defaultValue = "gpt-4o",
                description = "Model of the openai editor, e.g. gpt-4o, Qwen/Qwen3-32B, qwen3:32b; for self-sample the model "
                        + "directory (default: ${DEFAULT-VALUE}).")
        String model;

        @Option(names = "--no-think", description = "Turn Qwen3's thinking off (sends chat_template_kwargs: {enable_thinking: false}; vLLM).")
        boolean noThink;

        @Option(names = "--context", paramLabel = "KIND", defaultValue = "none",
                description = "What the openai editor knows about each image: none, image (sends the image; needs a vision model), "
                        + "scene (the synthetic world's scene, from --scenes or scenes.jsonl beside the input), "
                        + "captions:FILE (COCO captions JSON or JSONL {image, caption}) (default: ${DEFAULT-VALUE}).")
        String context;

        @Option(names = "--prompts", paramLabel = "DIR",
                description = "Directory of prompt files replacing the built-in ones file by file (system.md, edit.md, extend.md, <category>.md).")
        Path prompts;

        @Option(names = "--prices", paramLabel = "FILE", description = "Price table (YAML) replacing the built-in prices.yaml.")
        Path prices;

        @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "3",
                description = "LLM attempts per pair; each retry gets the rejection reason and a higher temperature (default: ${DEFAULT-VALUE}).")
        int maxAttempts;

        @Option(names = "--fallback", paramLabel = "EDITOR",
                description = "Editor to try when the LLM fails all attempts for a pair: rules (counted as fallback_rules).")
        String fallback;

        @Option(names = "--replacement-words", paramLabel = "FILE",
                description = "Words the rule editor's replacements may use (whitespace-separated, e.g. the corpus' own "
                        + "vocabulary): a replacement the corpus never uses is an easy negative. Default: its full lists.")
        Path replacementWords;

        @Option(names = "--llm-extend", description = "Extend yes/no and short answers with the LLM instead of the rule templates.")
        boolean llmExtend;

        @Option(names = "--rpm", paramLabel = "N", defaultValue = "0", description = "Requests per minute limit, 0 for none (default: ${DEFAULT-VALUE}).")
        int rpm;

        @Option(names = "--tpm", paramLabel = "N", defaultValue = "0", description = "Tokens per minute limit, 0 for none (default: ${DEFAULT-VALUE}).")
        int tpm;

        @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "16", description = "Most requests in flight at once (default: ${DEFAULT-VALUE}).")
        int maxInFlight;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120", description = "Limit on one HTTP attempt (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Option(names = "--concurrency", paramLabel = "N", defaultValue = "16",
                description = "Items edited at once on virtual threads; outputs do not depend on it (default: ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--restart", description = "Discard the chat-call journal in DIR instead of resuming from it (calls are paid again).")
        boolean restart;

        @Option(names = "--dry-run", description = "Estimate calls, tokens and cost of the openai editor, write DIR/dry-run.json and stop; makes no call.")
        boolean dryRun;

        @Option(names = "--expected-attempts", paramLabel = "X", defaultValue = "1.3",
                description = "Edit calls per pair assumed by --dry-run (default: ${DEFAULT-VALUE}).")
        double expectedAttempts;

        /** The process environment (tests inject their own through {@link CommandLineFactory}). */
        java.util.Map<String, String> environment = System.getenv();

        /**
         * The scenes file for {@code --context scene}: {@code --scenes}, else {@code scenes.jsonl} beside the input,
         * else in the image root; {@code null} when there is none.
         */
        Path contextScenesFile(Path inputDir, Path imageRoot) {
            if (scenes != null) {
                if (!Files.isRegularFile(scenes)) {
                    throw new InputException(scenes + ": no such file (--scenes)");
                }
                return scenes;
            }
            for (Path dir : new Path[] {inputDir, imageRoot}) {
                Path p = dir.resolve("scenes.jsonl");
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
            return null;
        }

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
