package org.vapr.pipeline.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.vapr.core.InputException;
import org.vapr.core.io.Json;

/**
 * An append-only JSONL journal of completed chat calls in a run's out dir ({@value #FILE_NAME}): the first
 * line is a {@link Header} carrying the configuration fingerprint, every later line one {@link Entry}. Each
 * {@link #append} is forced to disk ({@link FileChannel#force}) before it returns, so a call reported complete
 * survives {@code kill -9}; one writer thread writes and forces whatever appends are waiting in one go (group
 * commit). While at least {@value #GROUP_MIN_IN_FLIGHT} calls that will append are in flight
 * ({@link #callStarted}), the writer waits up to {@value #GROUP_WINDOW_MS} ms after the first line of a group
 * arrived for more lines (until {@value #GROUP_LINES} are waiting), so a force carries several lines even at a
 * few dozen calls a second, and answers that arrive together (a rate limiter's burst) share one force; with
 * fewer in flight it forces at once, so a low-concurrency run pays no extra latency. On {@link #open}, a torn
 * last line (a kill mid-write) is cut off, and a journal made under a different fingerprint is refused with
 * one line naming what changed. Never holds keys or request headers.
 * Thread-safe; {@link #close()} waits for the lines already appended.
 */
public final class CallJournal implements AutoCloseable {
    /** The journal's file name in the out dir. */
    public static final String FILE_NAME = "edit-journal.jsonl";
    /** The header's {@code kind}. */
    public static final String KIND = "vapr-call-journal";

    /**
     * The first line.
     *
     * @param kind        always {@value #KIND}
     * @param version     format version, 1
     * @param fingerprint everything that determines the run's outputs, name → value
     */
    public record Header(String kind, int version, SortedMap<String, String> fingerprint) {
    }

    /**
     * One completed call: what is needed to replay its {@code ChatResult}.
     *
     * @param key              the call's key, e.g. {@code edit/<source id>#<turn>/attempt-1}
     * @param requestSha256    SHA-256 of the request (to notice a request that changed), or {@code null}
     * @param content          the assistant's text
     * @param refusal          the refusal, or {@code null}
     * @param finishReason     the finish reason, or {@code null}
     * @param promptTokens     prompt tokens the server counted
     * @param completionTokens completion tokens the server counted
     */
    public record Entry(String key, String requestSha256, String content, String refusal, String finishReason,
                        long promptTokens, long completionTokens) {
        public Entry {
            Objects.requireNonNull(key, "key");
        }
    }

    /** How long after a force the writer waits for more lines while calls are in flight. */
    static final long GROUP_WINDOW_MS = 50;
    private static final long GROUP_WINDOW_NANOS = GROUP_WINDOW_MS * 1_000_000L;
    /** Calls in flight below which the writer forces at once. */
    static final int GROUP_MIN_IN_FLIGHT = 8;
    /** Waiting lines at which the writer stops waiting for more. */
    static final int GROUP_LINES = 8;

    private final Path file;
    private final FileChannel channel;
    private final java.util.concurrent.atomic.AtomicInteger callsInFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final java.util.concurrent.LinkedBlockingQueue<Pending> queue = new java.util.concurrent.LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile IOException writeFailure;
    private final int recovered;

    /** A line waiting for the writer, and the thread that waits (parked, not spinning) for it to be durable. */
    private static final class Pending {
        final byte[] line;
        final Thread waiter = Thread.currentThread();
        volatile boolean done;
        volatile IOException failure;

        Pending(byte[] line) {
            this.line = line;
        }

        void finish(IOException failed) {
            failure = failed;
            done = true;
            java.util.concurrent.locks.LockSupport.unpark(waiter);
        }
    }

    private static final Pending CLOSE = new Pending(new byte[0]);

    private CallJournal(Path file, FileChannel channel, List<Entry> loaded, int recovered) {
        this.file = file;
        this.channel = channel;
        for (Entry e : loaded) {
            entries.put(e.key(), e);
        }
        this.recovered = recovered;
        this.writer = Thread.ofPlatform().daemon().name("call-journal-writer").unstarted(this::writeLoop);
    }

    /**
     * Opens (or creates) a journal.
     *
     * @param file        the journal file
     * @param fingerprint the configuration of this run
     * @param restart     discard an existing journal and start a new one
     * @throws InputException when the journal was made under another fingerprint, or a complete line is not
     *                        a journal entry
     */
    public static CallJournal open(Path file, Map<String, String> fingerprint, boolean restart) throws IOException {
        SortedMap<String, String> fp = new TreeMap<>(fingerprint);
        if (restart) {
            Files.deleteIfExists(file);
        }
        List<Entry> loaded = new ArrayList<>();
        int torn = 0;
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            byte[] bytes = Files.readAllBytes(file);
            int complete = lastNewline(bytes) + 1;
            if (complete < bytes.length) {
                torn = 1;
                ch.truncate(complete);
                ch.force(true);
            }
            boolean headerSeen = false;
            int start = 0;
            long lineNo = 0;
            while (start < complete) {
                int end = start;
                while (bytes[end] != '\n') {
                    end++;
                }
                lineNo++;
                if (end > start) {
                    JsonNode node;
                    try {
                        node = Json.mapper().readTree(bytes, start, end - start);
                    } catch (IOException e) {
                        throw new InputException(file + ": line " + lineNo + ": not JSON (delete the journal or use --restart)");
                    }
                    if (!headerSeen) {
                        Header h = Json.mapper().treeToValue(node, Header.class);
                        if (h == null || !KIND.equals(h.kind()) || h.fingerprint() == null) {
                            throw new InputException(file + ": line 1: not a vapr call journal header");
                        }
                        String change = describeChange(h.fingerprint(), fp);
                        if (change != null) {
                            throw new InputException(file + ": " + change + "; use a new --out or --restart");
                        }
                        headerSeen = true;
                    } else {
                        Entry e = Json.mapper().treeToValue(node, Entry.class);
                        if (e == null || e.key() == null) {
                            throw new InputException(file + ": line " + lineNo + ": field 'key': missing");
                        }
                        loaded.add(e);
                    }
                }
                start = end + 1;
            }
            CallJournal j = new CallJournal(file, ch, loaded, torn);
            if (!headerSeen) {
                ch.truncate(0);
                write(ch, line(new Header(KIND, 1, fp)));
                ch.force(false);
            }
            ch.position(ch.size());
            j.writer.start();
            return j;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** The first difference between the journal's and this run's fingerprint, as a clause, or {@code null}. */
    static String describeChange(SortedMap<String, String> was, SortedMap<String, String> now) {
        TreeMap<String, String> names = new TreeMap<>(was);
        names.putAll(now);
        List<String> changed = new ArrayList<>();
        for (String name : names.keySet()) {
            if (!Objects.equals(was.get(name), now.get(name))) {
                changed.add(name);
            }
        }
        if (changed.isEmpty()) {
            return null;
        }
        String name = changed.get(0);
        String a = was.get(name);
        String b = now.get(name);
        String clause = "was made with " + name + " " + (a == null ? "unset" : a) + ", this run uses "
                + (b == null ? "none" : b);
        if (changed.size() > 1) {
            clause += " (and " + (changed.size() - 1) + " more change" + (changed.size() > 2 ? "s: " : ": ")
                    + String.join(", ", changed.subList(1, changed.size())) + ")";
        }
        return clause;
    }

    /** The journal file. */
    public Path file() {
        return file;
    }

    /** The entry of a completed call, if journaled. */
    public Optional<Entry> lookup(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** Entries in the journal (loaded and appended). */
    public int size() {
        return entries.size();
    }

    /** 1 when a torn last line was cut off on open, else 0. */
    public int tornLinesRecovered() {
        return recovered;
    }

    /**
     * Appends a completed call; it is on disk when this returns. Appends from many threads are written and
     * forced together by one writer thread (group commit), so each costs a fraction of an fsync.
     */
    public void append(Entry e) throws IOException {
        IOException failed = writeFailure;
        if (failed != null) {
            throw new IOException(file + ": the journal cannot be written: " + failed.getMessage(), failed);
        }
        Pending p = new Pending(line(e));
        queue.add(p);
        if (queue.size() == GROUP_LINES - 1) {
            java.util.concurrent.locks.LockSupport.unpark(writer);
        }
        while (!p.done) {
            java.util.concurrent.locks.LockSupport.park(this);
            if (Thread.interrupted() && !p.done) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while journaling " + e.key());
            }
        }
        if (p.failure != null) {
            throw new IOException(file + ": cannot append: " + p.failure.getMessage(), p.failure);
        }
        entries.put(e.key(), e);
    }

    /** A call that will append when it completes has started (lets the writer wait to batch its line). */
    void callStarted() {
        callsInFlight.incrementAndGet();
    }

    /** A call counted by {@link #callStarted} has its answer (or failed); call before appending. */
    void callEnded() {
        if (callsInFlight.decrementAndGet() == GROUP_MIN_IN_FLIGHT - 1) {
            java.util.concurrent.locks.LockSupport.unpark(writer);
        }
    }

    private static byte[] line(Object record) throws IOException {
        byte[] json = Json.mapper().writeValueAsBytes(record);
        byte[] out = java.util.Arrays.copyOf(json, json.length + 1);
        out[json.length] = '\n';
        return out;
    }

    private static void write(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /** The writer thread: takes what is queued, writes it in one go, forces, then releases the appenders. */
    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        boolean closing = false;
        while (!closing) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                closing = true;
            }
            awaitGroup(closing, System.nanoTime() + GROUP_WINDOW_NANOS);
            queue.drainTo(batch);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            List<Pending> waiting = new ArrayList<>(batch.size());
            for (Pending p : batch) {
                if (p == CLOSE) {
                    closing = true;
                } else {
                    bytes.writeBytes(p.line);
                    waiting.add(p);
                }
            }
            batch.clear();
            if (waiting.isEmpty()) {
                continue;
            }
            try {
                if (writeFailure != null) {
                    throw writeFailure;
                }
                write(channel, bytes.toByteArray());
                channel.force(false);
                for (Pending p : waiting) {
                    p.finish(null);
                }
            } catch (IOException e) {
                writeFailure = e;
                for (Pending p : waiting) {
                    p.finish(e);
                }
            }
        }
    }

    /**
     * Group commit: while other calls are in flight, waits until {@code deadline} ({@value #GROUP_WINDOW_MS} ms
     * after the group's first line) so their lines share the force; stops early when fewer are in flight,
     * enough lines wait or the journal is closing.
     */
    private void awaitGroup(boolean closing, long deadline) {
        // the line already taken counts too
        while (!closing && callsInFlight.get() >= GROUP_MIN_IN_FLIGHT && queue.size() + 1 < GROUP_LINES
                && !queue.contains(CLOSE)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(this, left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (writer.isAlive()) {
            queue.add(CLOSE);
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        channel.close();
    }

    /** Wraps a failure to append for callers that cannot throw {@link IOException}. */
    static UncheckedIOException unchecked(Path file, IOException e) {
        return new UncheckedIOException(file + ": cannot append to the journal: " + e.getMessage(), e);
    }
}
