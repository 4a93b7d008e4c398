package org.vapr.llm;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces the per-attempt time limit of a {@link ChatClient}'s exchanges with one sweeper thread: the thread
 * of an exchange still running at its deadline is interrupted, which makes {@code HttpClient.send} cancel the
 * exchange (closing its connection) and throw, and the watch is marked expired. A timed wait per request
 * would schedule and cancel a timer each time, and on virtual threads each of those wakes the scheduler's
 * timer thread; here watching costs a set insert and removal. The sweeper looks every {@code tick} (a tenth
 * of the limit, 10 ms to 1 s) while something is watched and sleeps otherwise, so a deadline fires at most
 * one tick late.
 */
final class ExchangeDeadlines implements AutoCloseable {
    /** One watched exchange: its thread and deadline. */
    static final class Watch {
        private final Thread thread;
        private final long deadline;
        private boolean finished;
        private volatile boolean expired;

        Watch(Thread thread, long deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }
    }

    private final long limitNanos;
    private final long tickNanos;
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
    private final Thread sweeper;
    private volatile boolean idle;
    private volatile boolean closed;

    ExchangeDeadlines(long limitNanos) {
        this.limitNanos = limitNanos;
        this.tickNanos = Math.clamp(limitNanos / 10, 10_000_000L, 1_000_000_000L);
        this.sweeper = Thread.ofPlatform().daemon().name("vapr-llm-deadlines").unstarted(this::sweep);
        this.sweeper.start();
    }

    /** Watches the exchange the current thread is about to run; call {@link #done} in a {@code finally}. */
    Watch watch() {
        Watch w = new Watch(Thread.currentThread(), System.nanoTime() + limitNanos);
        watched.add(w);
        if (idle) {
            LockSupport.unpark(sweeper);
        }
        return w;
    }

    /**
     * Stops watching; on the watch's thread. Returns whether the deadline passed first; then the sweeper's
     * interrupt is cleared here if the exchange had finished before it could see it.
     */
    boolean done(Watch w) {
        watched.remove(w);
        synchronized (w) {
            w.finished = true;
        }
        if (w.expired) {
            Thread.interrupted();
            return true;
        }
        return false;
    }

    private void sweep() {
        while (!closed) {
            if (watched.isEmpty()) {
                // announce the idle park first, then look again: a watch added meanwhile either is seen here
                // or sees the flag and unparks
                idle = true;
                if (watched.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                idle = false;
                continue;
            }
            LockSupport.parkNanos(this, tickNanos);
            long now = System.nanoTime();
            for (Watch w : watched) {
                if (now - w.deadline >= 0) {
                    synchronized (w) {
                        if (!w.finished) {
                            w.expired = true;
                            w.thread.interrupt();
                        }
                    }
                    watched.remove(w);
                }
            }
        }
    }

    /** Stops the sweeper; exchanges still watched are left alone. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(sweeper);
    }
}
