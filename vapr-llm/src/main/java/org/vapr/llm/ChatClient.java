package org.vapr.llm;

import dev.failsafe.Bulkhead;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RateLimiter;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * An OpenAI-compatible chat completions client (OpenAI, vLLM, Ollama), safe for concurrent use.
 *
 * <p>Each {@link #complete} runs a Failsafe {@link RetryPolicy} around a plain HTTP/1.1 transport (HTTP/2's
 * h2c upgrade is answered by vLLM/uvicorn with a 400). Every attempt first takes a permit from the
 * requests-per-minute and tokens-per-minute limiters, then a slot of the max-in-flight bulkhead, then sends.
 * From 450 a minute the requests-per-minute limiter hands out its permits in small bursts of
 * {@code k ≈ rpm / 300} every ~{@value #RPM_SLOT_MILLIS} ms ({@link #requestSlot}): requests released together
 * share one wake-up of the client's threads instead of one each, which takes far less CPU per request. It runs
 * about one burst per minute under the limit (2,990 of 3,000), so a server that counts over a sliding minute
 * never sees one request too many, even when one burst reaches it late and the next on time. Each attempt's
 * time limit covers the whole exchange, headers and body ({@link ExchangeDeadlines}).
 * Retried: 408, 409, 429, 5xx, connection errors, timeouts, and 2xx bodies that are not JSON or have no
 * {@code choices} (proxies send those transiently); the wait is exponential backoff with jitter and at least
 * the server's {@code Retry-After} (seconds or HTTP date). Fatal at once: 400, 401, 403, 404 and every other
 * 4xx, as an {@link LlmException} whose one-line message has the status and the server's message. When the
 * attempts run out the last failure becomes an {@link LlmException} too. The HTTP client completes exchanges
 * on its selector thread (no hand-off to a worker pool per callback), which keeps the CPU per request low.
 *
 * <p>A JSON answer that ignores the schema is not retried here: {@link ChatResult#json()} holds what the
 * tolerant {@link JsonExtractor} found, and the caller validates it (and may re-ask with the reason).
 */
public final class ChatClient implements ChatCaller, AutoCloseable {
    private static final Set<Integer> RETRIED = Set.of(408, 409, 429);
    /** About how far apart the requests-per-minute limiter's bursts are. */
    static final long RPM_SLOT_MILLIS = 200;

    private final ChatSettings settings;
    private final Resilience resilience;
    private final ChatEvents events;
    private final RetryDelays delays;
    private final HttpClient http;
    private final URI endpoint;
    private final ExchangeDeadlines deadlines;
    private final RateLimiter<Object> requestsPerMinute;
    private final RateLimiter<Object> tokensPerMinute;
    private final Bulkhead<Object> inFlight;
    private final FailsafeExecutor<ChatResult> retrying;

    /** A client with real randomness for jitter, the system clock and no event hooks. */
    public ChatClient(ChatSettings settings, Resilience resilience) {
        this(settings, resilience, ChatEvents.NONE, RandomGenerator.of("L64X128MixRandom"), Clock.systemUTC());
    }

    /**
     * A client with these hooks, jitter source and clock (the clock turns HTTP-date {@code Retry-After}
     * values into delays).
     */
    public ChatClient(ChatSettings settings, Resilience resilience, ChatEvents events, RandomGenerator random,
                      Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.resilience = Objects.requireNonNull(resilience, "resilience");
        this.events = Objects.requireNonNull(events, "events");
        this.delays = new RetryDelays(resilience.initialBackoff(), resilience.maxBackoff(), random, clock);
        this.endpoint = settings.endpoint();
        Duration connect = settings.requestTimeout().compareTo(Duration.ofSeconds(30)) < 0
                ? settings.requestTimeout() : Duration.ofSeconds(30);
        HttpClient.Builder hb = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connect)
                .followRedirects(HttpClient.Redirect.NEVER)
                // the selector thread completes each exchange itself: no hand-off to a worker pool per callback
                // (safe: the body handler only collects bytes; callers wait on their own virtual threads)
                .executor(Runnable::run);
        ProxySelector system = ProxySelector.getDefault();
        if (system != null) {
            hb.proxy(new EndpointProxySelector(system, endpoint));
        }
        this.http = hb.build();
        this.deadlines = new ExchangeDeadlines(settings.requestTimeout().toNanos());
        if (resilience.requestsPerMinute() == 0) {
            this.requestsPerMinute = null;
        } else {
            long[] slot = requestSlot(resilience.requestsPerMinute());
            this.requestsPerMinute = slot[0] == 1
                    ? RateLimiter.smoothBuilder(resilience.requestsPerMinute(), Duration.ofMinutes(1)).build()
                    : RateLimiter.burstyBuilder(slot[0], Duration.ofNanos(slot[1])).build();
        }
        this.tokensPerMinute = resilience.tokensPerMinute() == 0 ? null
                : RateLimiter.smoothBuilder(resilience.tokensPerMinute(), Duration.ofMinutes(1)).build();
        this.inFlight = Bulkhead.builder(resilience.maxInFlight()).build();
        // one policy and executor for all calls rather than one per call; the attempt whose
        // failure is being delayed is the context's attempt count
        RetryPolicy<ChatResult> retry = RetryPolicy.<ChatResult>builder()
                .handle(RetryableFailure.class)
                .withMaxAttempts(resilience.maxAttempts())
                .withDelayFn(ctx -> {
                    RetryableFailure failure = ctx.getLastException();
                    int attempt = ctx.getAttemptCount();
                    Duration delay = delays.after(attempt, failure == null ? null : failure.retryAfter());
                    if (attempt < resilience.maxAttempts()) {
                        events.onRetry(attempt, failure == null ? "failed" : failure.getMessage(), delay);
                    }
                    return Duration.ofNanos((long) (delay.toNanos() * resilience.delayScale()));
                })
                .build();
        this.retrying = Failsafe.with(retry);
    }

    /**
     * The requests-per-minute limiter's burst for a limit of {@code rpm}: {@code {permits, period in ns}}. The
     * permits {@code k = max(1, round(rpm / 300))} make a burst about every {@value #RPM_SLOT_MILLIS} ms; the
     * period fits {@code floor(rpm / k) − 1} bursts into a minute, so any minute holds at most one burst more
     * (a late one, or the first, which starts mid-period) and still no more than {@code rpm} requests. Below
     * 450 a minute {@code k} is 1 and the limiter stays smooth: one request every {@code 60 s / rpm}.
     */
    static long[] requestSlot(int rpm) {
        if (rpm <= 0) {
            throw new IllegalArgumentException("rpm must be positive: " + rpm);
        }
        long permits = Math.max(1, Math.round(rpm * RPM_SLOT_MILLIS / 60_000.0));
        if (permits == 1) {
            return new long[] {1, 60_000_000_000L / rpm};
        }
        long bursts = rpm / permits - 1;
        return new long[] {permits, (60_000_000_000L + bursts - 1) / bursts};
    }

    /**
     * The system's proxy selector with its answer for the endpoint asked once: the default selector re-reads
     * the proxy properties and matches the non-proxy host patterns on every request otherwise.
     */
    private static final class EndpointProxySelector extends ProxySelector {
        private final ProxySelector system;
        private final URI endpoint;
        private final List<java.net.Proxy> endpointProxies;

        EndpointProxySelector(ProxySelector system, URI endpoint) {
            this.system = system;
            this.endpoint = endpoint;
            this.endpointProxies = List.copyOf(system.select(endpoint));
        }

        @Override
        public List<java.net.Proxy> select(URI uri) {
            return uri == endpoint || endpoint.equals(uri) ? endpointProxies : system.select(uri);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            system.connectFailed(uri, sa, ioe);
        }
    }

    /** Answers the request with {@link #complete}; the key is not used (nothing is journaled here). */
    @Override
    public ChatResult call(String key, ChatRequest request) {
        return complete(request);
    }

    /** The settings (their {@code toString} redacts the key). */
    public ChatSettings settings() {
        return settings;
    }

    /**
     * Sends the request, retrying as described on the class, and returns the answer.
     *
     * @throws LlmException when the server refuses the request or the attempts run out
     */
    public ChatResult complete(ChatRequest request) {
        byte[] body = OpenAiProtocol.requestBody(settings, request);
        int maxTokens = request.maxTokens() != null ? request.maxTokens()
                : settings.maxTokens() != null ? settings.maxTokens() : 0;
        int tokens = request.estimatedPromptTokens() + maxTokens;
        long start = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        try {
            return retrying.get(() -> attempt(body, tokens, attempts.incrementAndGet(), start));
        } catch (RetryableFailure last) {
            throw new LlmException("gave up after " + attempts.get() + " attempt(s) to " + endpoint
                    + ": " + last.getMessage(), last.status(), false, last.getCause());
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new LlmException("request to " + endpoint + " interrupted", 0, true, e.getCause());
        }
    }

    private ChatResult attempt(byte[] body, int tokens, int attempt, long start) {
        String key = settings.apiKey().get();
        try {
            if (requestsPerMinute != null) {
                requestsPerMinute.acquirePermit();
            }
            if (tokensPerMinute != null) {
                tokensPerMinute.acquirePermits(Math.max(1, Math.min(tokens, resilience.tokensPerMinute())));
            }
            inFlight.acquirePermit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting for a rate-limit permit", 0, true, e);
        }
        HttpResponse<byte[]> response;
        try {
            // no HttpRequest timeout: the deadline watch bounds the whole exchange (headers and body) instead
            HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            if (key != null && !key.isEmpty()) {
                rb.header("Authorization", "Bearer " + key);
            }
            // send, not sendAsync().get(): the synchronous path runs the exchange inline up to the network wait
            // and completes without a hop through the common pool
            ExchangeDeadlines.Watch watch = deadlines.watch();
            try {
                response = http.send(rb.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                if (deadlines.done(watch)) {
                    throw new HttpTimeoutException("request timed out");
                }
                throw e;
            } catch (IOException e) {
                // send() rewraps the exchange's exception as a plain IOException with the same message
                throw e.getClass() == IOException.class && e.getCause() instanceof IOException cause ? cause : e;
            } finally {
                deadlines.done(watch); // idempotent; clears an interrupt that came after the answer
            }
        } catch (HttpTimeoutException e) {
            throw new RetryableFailure("no answer within " + settings.requestTimeout().toMillis() + " ms", 0, null, e);
        } catch (IOException e) {
            throw new RetryableFailure("connection error: " + OpenAiProtocol.oneLine(e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), key), 0, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting for " + endpoint, 0, true, e);
        } finally {
            inFlight.releasePermit();
        }
        int status = response.statusCode();
        Duration latency = Duration.ofNanos(System.nanoTime() - start);
        if (status / 100 == 2) {
            return OpenAiProtocol.parseAnswer(response.body(), attempt, latency);
        }
        String line = "HTTP " + status + ": " + OpenAiProtocol.errorMessage(response.body(), key);
        if (RETRIED.contains(status) || status >= 500) {
            Duration retryAfter = status == 429 || status == 503
                    ? delays.parseRetryAfter(response.headers().firstValue("Retry-After").orElse(null)) : null;
            throw new RetryableFailure(line, status, retryAfter, null);
        }
        throw new LlmException(line + " (from " + endpoint + "; not retried)", status, true, null);
    }

    /** Closes the HTTP client. */
    @Override
    public void close() {
        deadlines.close();
        http.close();
    }
}
