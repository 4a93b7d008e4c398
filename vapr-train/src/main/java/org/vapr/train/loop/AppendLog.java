package org.vapr.train.loop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.vapr.core.io.Json;

/**
 * A JSON Lines file the run appends to as it goes ({@code metrics.jsonl}, the pair dump), flushed line by line so a
 * crash leaves every finished line. A checkpoint records its length; resuming cuts it back to that length, so the
 * resumed run's lines follow on exactly where the checkpoint was taken.
 */
public final class AppendLog implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;

    private AppendLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens (creating) the file for appending; the content is kept until {@link #truncate(long)}. */
    public static AppendLog open(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        ch.position(ch.size());
        return new AppendLog(file, ch);
    }

    public Path file() {
        return file;
    }

    /** Appends one value as a JSON line (shared {@link Json} settings). */
    public void write(Object value) {
        try {
            byte[] json = Json.mapper().writeValueAsBytes(value);
            ByteBuffer b = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
            while (b.hasRemaining()) {
                channel.write(b);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes written so far. */
    public long length() {
        try {
            return channel.position();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Cuts the file to {@code bytes} (0 on a fresh run) and appends from there. */
    public void truncate(long bytes) {
        try {
            if (channel.size() < bytes) {
                throw new IllegalStateException(file + ": shorter (" + channel.size() + " bytes) than the checkpoint records ("
                        + bytes + "); it cannot be resumed");
            }
            channel.truncate(bytes);
            channel.position(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
