package org.vapr.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a JSON Lines file line by line as raw bytes, with the line number and byte offset of each line,
 * so callers can parse lines with Jackson and name the exact place of any problem. A UTF-8 byte-order
 * mark on the first line and CR before LF are removed; blank lines are skipped (their numbers still count).
 */
public final class JsonlReader implements AutoCloseable {

    /**
     * One non-blank line.
     *
     * @param number     1-based line number
     * @param byteOffset byte offset of the line's first byte in the file
     * @param bytes      the line without its terminator
     */
    public record Line(long number, long byteOffset, byte[] bytes) {
    }

    private final InputStream in;
    private long offset;
    private long lineNumber;
    private byte[] buf = new byte[1024];
    private final byte[] chunk = new byte[1 << 16];
    private int pos;
    private int limit;

    private JsonlReader(InputStream in) {
        this.in = in;
    }

    public static JsonlReader open(Path file) throws IOException {
        return new JsonlReader(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
    }

    /** Wraps an already-open stream (which this reader closes); offsets count from its current position. */
    public static JsonlReader of(InputStream in, long startOffset) {
        JsonlReader r = new JsonlReader(in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 1 << 16));
        r.offset = startOffset;
        return r;
    }

    /** The next non-blank line, or {@code null} at end of file. */
    public Line next() throws IOException {
        while (true) {
            long start = offset;
            int len = 0;
            boolean any = false;
            boolean newline = false;
            while (!newline) {
                if (pos == limit) {
                    limit = in.read(chunk, 0, chunk.length);
                    pos = 0;
                    if (limit <= 0) {
                        limit = 0;
                        break;
                    }
                }
                any = true;
                int end = pos;
                while (end < limit && chunk[end] != '\n') {
                    end++;
                }
                int n = end - pos;
                if (len + n > buf.length) {
                    buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
                }
                System.arraycopy(chunk, pos, buf, len, n);
                len += n;
                offset += n;
                pos = end;
                if (end < limit) {
                    pos++;
                    offset++;
                    newline = true;
                }
            }
            if (!any) {
                return null;
            }
            lineNumber++;
            int from = 0;
            if (lineNumber == 1 && len >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
                from = 3;
            }
            int to = len;
            if (to > from && buf[to - 1] == '\r') {
                to--;
            }
            if (isBlank(buf, from, to)) {
                continue;
            }
            return new Line(lineNumber, start + from, Arrays.copyOfRange(buf, from, to));
        }
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
