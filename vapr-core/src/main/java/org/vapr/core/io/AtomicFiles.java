package org.vapr.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a torn file:
 * content goes to a temporary sibling that is renamed over the target when it is closed.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Body that writes the content of a file. */
    @FunctionalInterface
    public interface Body {
        void write(OutputStream out) throws IOException;
    }

    /** Writes {@code target} atomically with the given body. */
    public static void write(Path target, Body body) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = createTempSibling(dir, target);
        try {
            try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                body.write(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Creates an empty, uniquely named hidden sibling of {@code target} in {@code dir}. Unlike
     * {@link Files#createTempFile}, which makes owner-only (0600) files, the new file gets the same permissions
     * as any other file the process creates, so the renamed target is readable like an ordinary output.
     */
    static Path createTempSibling(Path dir, Path target) throws IOException {
        String prefix = "." + target.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve(prefix + Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36)
                    + ".tmp");
            try {
                return Files.createFile(tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }

    /** Writes a UTF-8 string atomically. */
    public static void writeString(Path target, String content) throws IOException {
        write(target, out -> out.write(content.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /** Like {@link #write} but wraps I/O errors as unchecked. */
    public static void writeUnchecked(Path target, Body body) {
        try {
            write(target, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
