package org.vapr.pipeline.run;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/**
 * Runs a list of items on virtual threads, at most {@code concurrency} at once, and hands their results to
 * a commit step on the caller's thread strictly in list order, whatever the completion order.
 *
 * <p>Order-dependent state (the penalty lists) stays deterministic through a fixed lag {@code L}: the context
 * of item {@code i} is computed on the caller's thread when exactly {@code max(0, i − L)} results have been
 * committed, i.e. it sees the commits of items {@code 0 … i−L−1} and nothing else — for any concurrency, so
 * outputs are the same for 1 or 64 threads and for resumed runs. Items wait for that prefix, so at most
 * {@code L + 1} items are ever in flight whatever {@code concurrency} says; {@code L = 0} is sequential.
 *
 * <p>The first failure (in list order) is rethrown by {@link #run} after the results before it were
 * committed; once any item fails no new item is started and running ones are interrupted.
 */
public final class LaggedOrderedRunner {
    private final int concurrency;
    private final int lag;

    /** Work done for one item, off the caller's thread. */
    @FunctionalInterface
    public interface Work<I, C, R> {
        R apply(int index, I item, C context) throws Exception;
    }

    /** The context of an item, computed on the caller's thread (see the class doc for what it may see). */
    @FunctionalInterface
    public interface Context<I, C> {
        C at(int index, I item) throws IOException;
    }

    /** Applies one result, on the caller's thread, in list order. */
    @FunctionalInterface
    public interface Commit<I, R> {
        void accept(int index, I item, R result) throws IOException;
    }

    /**
     * @param concurrency the most items worked on at once (at least 1)
     * @param lag         how many of the latest items an item's context may not see (at least 0)
     */
    public LaggedOrderedRunner(int concurrency, int lag) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1: " + concurrency);
        }
        if (lag < 0) {
            throw new IllegalArgumentException("lag must not be negative: " + lag);
        }
        this.concurrency = concurrency;
        this.lag = lag;
    }

    /** Runs every item; returns when all results were committed. */
    public <I, C, R> void run(List<I> items, Context<I, C> context, Work<I, C, R> work, Commit<I, R> commit)
            throws IOException {
        int n = items.size();
        @SuppressWarnings("unchecked")
        Future<R>[] futures = new Future[n];
        Semaphore permits = new Semaphore(concurrency);
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        int committed = 0;
        int started = 0;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int i = 0; i < n && !failed.get(); i++) {
                while (committed < i - lag) {
                    commitNext(futures, committed, items, commit);
                    committed++;
                }
                I item = items.get(i);
                C ctx = context.at(i, item);
                acquire(permits);
                int index = i;
                futures[i] = pool.submit(() -> {
                    try {
                        return work.apply(index, item, ctx);
                    } catch (Exception | Error e) {
                        failed.set(true);
                        throw e;
                    } finally {
                        permits.release();
                    }
                });
                started++;
            }
            while (committed < started) {
                commitNext(futures, committed, items, commit);
                committed++;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void acquire(Semaphore permits) throws InterruptedIOException {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a worker");
        }
    }

    private static <I, R> void commitNext(Future<R>[] futures, int index, List<I> items, Commit<I, R> commit)
            throws IOException {
        R result;
        try {
            result = futures[index].get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for item " + index);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof UncheckedIOException u) {
                throw new IOException(u.getMessage(), u.getCause());
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        }
        futures[index] = null;
        commit.accept(index, items.get(index), result);
    }
}
