package org.vapr.train.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.lang.ref.Cleaner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vapr.core.InputException;
import org.vapr.core.text.TokenCounter;

/**
 * Counts tokens with a Hugging Face {@code tokenizer.json} (Qwen, Llama, Mistral, …) through DJL's binding of the
 * Rust {@code tokenizers} library, whose native code ships inside the DJL jar (nothing is downloaded; run with
 * {@code -Dai.djl.offline=true} to make sure).
 *
 * <p>{@link #count(String)} is the number of ids the tokenizer gives for the text <em>without</em> special tokens
 * added (no BOS/EOS, no template), and with neither truncation nor padding, so a 5,000-token answer counts 5,000.
 * Special tokens written in the text itself (e.g. {@code <|im_start|>}) count as one token each, as the tokenizer
 * matches them. The tokenizer is loaded once; counting is thread-safe (the native tokenizer is immutable after
 * loading). {@link #close()} releases the native tokenizer (call it once counting is over); an instance that is never
 * closed is released when it becomes unreachable.
 */
public final class HfTokenCounter implements TokenCounter, AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final String name;
    private final Path file;
    private final HuggingFaceTokenizer tokenizer;
    private final Cleaner.Cleanable cleanable;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HfTokenCounter(String name, Path file, HuggingFaceTokenizer tokenizer) {
        this.name = name;
        this.file = file;
        this.tokenizer = tokenizer;
        this.cleanable = CLEANER.register(this, tokenizer::close);
    }

    /**
     * Loads {@code path}: a {@code tokenizer.json} file, or a directory that holds one.
     *
     * @throws InputException (one line naming the file) when it is missing, unreadable or not a valid
     *                        {@code tokenizer.json}
     */
    public static HfTokenCounter open(Path path) {
        Objects.requireNonNull(path, "path");
        Path file = Files.isDirectory(path) ? path.resolve("tokenizer.json") : path;
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": tokenizer file not found"
                    + (Files.isDirectory(path) ? " (the directory has no tokenizer.json)" : ""));
        }
        if (!Files.isReadable(file)) {
            throw new InputException(file + ": tokenizer file is not readable");
        }
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(file)
                    .optAddSpecialTokens(false)
                    .optTruncation(false)
                    .optPadding(false)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new InputException(file + ": not a valid Hugging Face tokenizer.json (" + oneLine(e) + ")", e);
        }
        return new HfTokenCounter(nameOf(file), file, tokenizer);
    }

    /** {@code hf:} + the parent directory and file name, e.g. {@code hf:qwen3/tokenizer.json}. */
    private static String nameOf(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        String fileName = String.valueOf(abs.getFileName());
        return "hf:" + (parent != null && parent.getFileName() != null ? parent.getFileName() + "/" + fileName : fileName);
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        m = m.replaceAll("\\s+", " ").trim();
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    @Override
    public String name() {
        return name;
    }

    /** The {@code tokenizer.json} this counter was loaded from. */
    public Path file() {
        return file;
    }

    @Override
    public int count(String text) {
        if (closed.get()) {
            throw new IllegalStateException(name + ": tokenizer is closed");
        }
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return tokenizer.encode(text, false, false).getIds().length;
    }

    /** Releases the native tokenizer; later {@link #count(String)} calls fail. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            cleanable.clean();
        }
    }

    @Override
    public String toString() {
        return name + " (" + file + ")";
    }
}
