package org.vapr.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Maps a stream of items with a pure function on several threads and hands the results to a sink on the
 * caller's thread in input order, so the outcome is the same as a sequential loop. One thread reads the source
 * in batches, worker threads map the batches, a bounded queue of futures keeps memory flat and the order fixed.
 */
final class OrderedParallelMap {
    private OrderedParallelMap() {
    }

    /** Produces items; {@code null} at the end. Called from one thread only. */
    @FunctionalInterface
    interface Source<I> {
        I next() throws IOException;
    }

    /** Consumes an item and its result, in input order, on the caller's thread. */
    @FunctionalInterface
    interface Sink<I, O> {
        void accept(I in, O out) throws IOException;
    }

    private record Pair<I, O>(I in, O out) {
    }

    static <I, O> void run(Source<I> source, Function<I, O> fn, Sink<I, O> sink, int batchSize, int threads)
            throws IOException {
        if (threads <= 1) {
            for (I in; (in = source.next()) != null; ) {
                sink.accept(in, fn.apply(in));
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "vapr-map");
            t.setDaemon(true);
            return t;
        });
        CompletableFuture<List<Pair<I, O>>> end = CompletableFuture.completedFuture(null);
        BlockingQueue<Future<List<Pair<I, O>>>> queue = new ArrayBlockingQueue<>(threads * 4);
        AtomicBoolean stop = new AtomicBoolean();
        Thread producer = new Thread(() -> {
            try {
                boolean more = true;
                while (more && !stop.get()) {
                    List<I> batch = new ArrayList<>(batchSize);
                    I in;
                    while (batch.size() < batchSize && (in = source.next()) != null) {
                        batch.add(in);
                    }
                    more = batch.size() == batchSize;
                    if (!batch.isEmpty()) {
                        queue.put(pool.submit(() -> {
                            List<Pair<I, O>> out = new ArrayList<>(batch.size());
                            for (I x : batch) {
                                out.add(new Pair<>(x, fn.apply(x)));
                            }
                            return out;
                        }));
                    }
                }
                queue.put(end);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable t) {
                try {
                    queue.put(CompletableFuture.failedFuture(t));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, "vapr-read");
        producer.setDaemon(true);
        producer.start();
        try {
            while (true) {
                Future<List<Pair<I, O>>> f = queue.take();
                if (f == end) {
                    break;
                }
                for (Pair<I, O> p : f.get()) {
                    sink.accept(p.in(), p.out());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        } finally {
            stop.set(true);
            producer.interrupt();
            pool.shutdownNow();
            try {
                producer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
