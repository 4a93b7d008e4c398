package org.vapr.core.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Writes one JSON value per line ({@code \n}-terminated, UTF-8) with the shared {@link Json} settings, to a
 * temporary file that replaces the target atomically on {@link #close()}.
 */
public final class JsonlWriter implements AutoCloseable {
    private static final ObjectWriter WRITER = Json.mapper().writer()
            .without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final Path target;
    private final Path tmp;
    private final OutputStream out;
    private long count;
    private boolean closed;

    private JsonlWriter(Path target) throws IOException {
        this.target = target;
        Path dir = target.toAbsolutePath().getParent();
        java.nio.file.Files.createDirectories(dir);
        this.tmp = AtomicFiles.createTempSibling(dir, target);
        this.out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(tmp), 1 << 16);
    }

    public static JsonlWriter open(Path target) throws IOException {
        return new JsonlWriter(target);
    }

    /** Writes one value as a line. */
    public void write(Object value) {
        try {
            try (JsonGenerator g = Json.factory().createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                WRITER.writeValue(g, value);
            }
            out.write('\n');
            count++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lines written so far. */
    public long count() {
        return count;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.close();
            java.nio.file.Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            java.nio.file.Files.deleteIfExists(tmp);
        }
    }
}
