package org.vapr.llm.loopback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.vapr.core.io.Json;

/**
 * A real HTTP/1.1 server on 127.0.0.1 (ephemeral port by default) speaking the OpenAI chat completions
 * protocol at {@code /v1/chat/completions}, for tests and benchmarks: a {@link ChatResponder} decides each
 * answer's content, every answer carries {@code usage}, and it can add latency, cap requests per minute
 * (answering 429 with {@code Retry-After} beyond the cap) and inject {@link Fault}s, either queued for the
 * next requests ({@link #enqueue}) or chosen per request ({@link #faults}). It counts requests and records
 * each request's body and {@code Authorization} header (for secrets tests; {@link #recordRequests(boolean)}
 * turns recording off for long benchmarks). {@code GET /stats} answers the counters as JSON.
 *
 * <p>From the command line: {@code java -cp vapr.jar org.vapr.llm.loopback.LoopbackChatServer --port 0
 * --latency-ms 1000 --rpm 3000 --mode edit} prints its base URL (ending in {@code /v1}) on stdout and serves
 * until killed. Thread-safe.
 */
public final class LoopbackChatServer implements AutoCloseable {

    /**
     * One request the server received.
     *
     * @param path          the request path
     * @param authorization the {@code Authorization} header, or {@code null}
     * @param body          the request body
     * @param fault         the fault it was answered with, or {@code null} for a normal answer or a 429 from the cap
     * @param capped        whether the requests-per-minute cap refused it
     */
    public record Received(String path, String authorization, String body, Fault fault, boolean capped) {
    }

    private static final Duration WINDOW = Duration.ofMinutes(1);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Deque<Fault> queued = new ArrayDeque<>();
    private final Deque<Long> admitted = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Requests counted in and not yet out (exchange attributes are shared by a context's exchanges). */
    private final java.util.Set<HttpExchange> counted = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong cappedCount = new AtomicLong();
    private final AtomicLong faulted = new AtomicLong();
    private volatile ChatResponder responder = ChatResponder.constant("ok");
    private volatile Function<JsonNode, Fault> faultSelector = r -> null;
    private volatile Duration latency = Duration.ZERO;
    private volatile Duration stall = Duration.ofSeconds(30);
    private volatile int rpmCap;
    private volatile int retryAfterSeconds = 1;
    private volatile boolean record = true;

    private LoopbackChatServer(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1024);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/stats", this::stats);
        server.start();
    }

    /** Starts a server on an ephemeral loopback port. */
    public static LoopbackChatServer start() throws IOException {
        return new LoopbackChatServer(0);
    }

    /** Starts a server on this loopback port (0: ephemeral). */
    public static LoopbackChatServer start(int port) throws IOException {
        return new LoopbackChatServer(port);
    }

    /** The API root to give a client, e.g. {@code http://127.0.0.1:41234/v1}. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Who decides the content of normal answers (default: always {@code ok}). */
    public LoopbackChatServer respondWith(ChatResponder r) {
        this.responder = Objects.requireNonNull(r);
        return this;
    }

    /** How long each request waits before it is answered (default none). */
    public LoopbackChatServer latency(Duration d) {
        this.latency = Objects.requireNonNull(d);
        return this;
    }

    /** The most requests admitted in any sliding minute; beyond it a 429 with {@code Retry-After} (0: no cap). */
    public LoopbackChatServer rpmCap(int rpm) {
        this.rpmCap = rpm;
        return this;
    }

    /** The {@code Retry-After} seconds sent with {@link Fault#RATE_LIMITED} (default 1). */
    public LoopbackChatServer retryAfterSeconds(int seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** How long a {@link Fault#STALL} holds the request before closing it unanswered (default 30 s). */
    public LoopbackChatServer stallFor(Duration d) {
        this.stall = Objects.requireNonNull(d);
        return this;
    }

    /** Queues faults that the next requests get, one each, in order, before the per-request selector applies. */
    public synchronized LoopbackChatServer enqueue(Fault... faults) {
        queued.addAll(List.of(faults));
        return this;
    }

    /** Chooses a fault per request from its body ({@code null}: answer normally). */
    public LoopbackChatServer faults(Function<JsonNode, Fault> selector) {
        this.faultSelector = Objects.requireNonNull(selector);
        return this;
    }

    /** Whether to keep every request in {@link #received()} (default true). */
    public LoopbackChatServer recordRequests(boolean on) {
        this.record = on;
        return this;
    }

    /** The requests received so far, in arrival order (when recording is on). */
    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Requests received so far (all of them, faults and 429s included). */
    public long requestCount() {
        return requests.get();
    }

    /** Requests answered with a normal 200 completion. */
    public long answeredCount() {
        return answered.get();
    }

    /** Requests refused by the requests-per-minute cap. */
    public long cappedCount() {
        return cappedCount.get();
    }

    /** The most requests that were in flight at once. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    // ------------------------------------------------------------------------------------ serving

    private void handle(HttpExchange exchange) throws IOException {
        counted.add(exchange);
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean dropped = false;
        try {
            requests.incrementAndGet();
            byte[] raw = exchange.getRequestBody().readAllBytes();
            String body = new String(raw, StandardCharsets.UTF_8);
            JsonNode request = parse(raw);
            Fault fault;
            synchronized (this) {
                fault = queued.poll();
            }
            if (fault == null && request != null) {
                fault = faultSelector.apply(request);
            }
            boolean capped = fault == null && !admit();
            if (record) {
                synchronized (this) {
                    received.add(new Received(exchange.getRequestURI().getPath(),
                            exchange.getRequestHeaders().getFirst("Authorization"), body, fault, capped));
                }
            }
            if (capped) {
                cappedCount.incrementAndGet();
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(secondsUntilSlot()));
                send(exchange, 429, error("rate limit reached: requests per minute cap " + rpmCap));
                return;
            }
            if (!latency.isZero()) {
                Thread.sleep(latency);
            }
            if (fault != null) {
                faulted.incrementAndGet();
                answerFault(exchange, fault, request);
                return;
            }
            if (request == null) {
                send(exchange, 400, error("request body is not JSON"));
                return;
            }
            String content = responder.content(request);
            send(exchange, 200, completion(request, content, null));
            answered.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Dropped d) {
            dropped = true;
            throw d;
        } finally {
            leave(exchange);
            if (!dropped) {
                exchange.close();
            }
        }
    }

    private void answerFault(HttpExchange exchange, Fault fault, JsonNode request) throws IOException, InterruptedException {
        switch (fault) {
            case RATE_LIMITED -> {
                exchange.getResponseHeaders().add("Retry-After", Integer.toString(retryAfterSeconds));
                send(exchange, 429, error("rate limited (injected)"));
            }
            case SERVER_ERROR -> send(exchange, 500, error("internal error (injected)"));
            case UNAVAILABLE -> send(exchange, 503, error("service unavailable (injected)"));
            case UNAUTHORIZED -> send(exchange, 401, error("invalid api key (injected)"));
            case STALL -> Thread.sleep(stall);
            case CONNECTION_RESET -> {
                leave(exchange);
                exchange.sendResponseHeaders(200, 1000);
                OutputStream out = exchange.getResponseBody();
                out.write("{\"choices\"".getBytes(StandardCharsets.UTF_8));
                out.flush();
                throw new Dropped();
            }
            case INVALID_JSON -> send(exchange, 200, "{\"choices\": [ this is not json");
            case SCHEMA_VIOLATION -> send(exchange, 200, completion(request, "{\"unexpected\": true}", null));
            case REFUSAL -> send(exchange, 200, completion(request, null, "I'm sorry, I can't help with that."));
            case EMPTY_CHOICES -> {
                ObjectNode n = Json.mapper().createObjectNode();
                n.put("id", "chatcmpl-loopback");
                n.put("object", "chat.completion");
                n.putArray("choices");
                send(exchange, 200, Json.mapper().writeValueAsString(n));
            }
        }
    }

    /** Admits a request under the per-minute cap (sliding window). */
    private synchronized boolean admit() {
        if (rpmCap <= 0) {
            return true;
        }
        long now = System.nanoTime();
        while (!admitted.isEmpty() && now - admitted.peekFirst() >= WINDOW.toNanos()) {
            admitted.pollFirst();
        }
        if (admitted.size() >= rpmCap) {
            return false;
        }
        admitted.addLast(now);
        return true;
    }

    private synchronized int secondsUntilSlot() {
        if (admitted.isEmpty()) {
            return 1;
        }
        long waitNanos = admitted.peekFirst() + WINDOW.toNanos() - System.nanoTime();
        return (int) Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    }

    private void stats(HttpExchange exchange) throws IOException {
        try {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requests", requests.get());
            m.put("answered", answered.get());
            m.put("capped", cappedCount.get());
            m.put("faulted", faulted.get());
            m.put("max_in_flight", maxInFlight.get());
            send(exchange, 200, Json.mapper().writeValueAsString(m));
        } finally {
            exchange.close();
        }
    }

    private static JsonNode parse(byte[] raw) {
        try {
            return Json.mapper().readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    /** A chat completion body with this content (or refusal) and usage estimated from the text lengths. */
    static String completion(JsonNode request, String content, String refusal) throws IOException {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", "chatcmpl-loopback");
        n.put("object", "chat.completion");
        n.put("model", request == null ? "loopback" : request.path("model").asText("loopback"));
        ArrayNode choices = n.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (content == null) {
            message.putNull("content");
        } else {
            message.put("content", content);
        }
        if (refusal != null) {
            message.put("refusal", refusal);
        }
        choice.put("finish_reason", "stop");
        long prompt = request == null ? 0 : 1 + RequestText.allText(request).length() / 4;
        long completion = 1 + (content == null ? refusal.length() : content.length()) / 4;
        ObjectNode usage = n.putObject("usage");
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        return Json.mapper().writeValueAsString(n);
    }

    private static String error(String message) {
        try {
            return Json.mapper().writeValueAsString(Map.of("error", Map.of("message", message)));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Counts the request out of the in-flight figure, once, before its response goes on the wire: a client that has read
     * a response may send its next request before this handler returns, and must not be counted twice.
     */
    private void leave(HttpExchange exchange) {
        if (counted.remove(exchange)) {
            inFlight.decrementAndGet();
        }
    }

    private void send(HttpExchange exchange, int code, String body) throws IOException {
        leave(exchange);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Thrown from a handler to make the JDK server drop the connection at once. */
    private static final class Dropped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Dropped() {
            super("connection dropped on purpose", null, false, false);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ------------------------------------------------------------------------------------ command line

    /**
     * Starts a server and prints its base URL on stdout. Options: {@code --port N} (0: ephemeral),
     * {@code --latency-ms N}, {@code --rpm N} (0: no cap), {@code --mode edit|ok} ({@code edit}: a plausible
     * VaPR edit {@code {rejected, spans}} of the chosen answer in the request, see {@link PlausibleEditResponder}).
     * Serves until the process is killed; prints the counters on stderr at exit.
     */
    public static void main(String[] args) throws Exception {
        int port = 0;
        long latencyMs = 0;
        int rpm = 0;
        String mode = "edit";
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--port" -> port = Integer.parseInt(need(a, v));
                case "--latency-ms" -> latencyMs = Long.parseLong(need(a, v));
                case "--rpm" -> rpm = Integer.parseInt(need(a, v));
                case "--mode" -> mode = need(a, v);
                default -> {
                    System.err.println("unknown option " + a
                            + " (expected --port N, --latency-ms N, --rpm N, --mode edit|ok)");
                    System.exit(2);
                }
            }
            i++;
        }
        ChatResponder r = switch (mode) {
            case "edit" -> new PlausibleEditResponder();
            case "ok" -> ChatResponder.constant("ok");
            default -> {
                System.err.println("--mode: unknown mode '" + mode + "' (expected edit or ok)");
                System.exit(2);
                yield null;
            }
        };
        LoopbackChatServer s = start(port).respondWith(r).latency(Duration.ofMillis(latencyMs)).rpmCap(rpm)
                .recordRequests(false);
        PrintStream err = System.err;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> err.println("loopback: requests=" + s.requestCount()
                + " answered=" + s.answeredCount() + " capped=" + s.cappedCount() + " max_in_flight=" + s.maxInFlight())));
        System.out.println(s.baseUrl());
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static String need(String option, String value) {
        if (value == null) {
            System.err.println(option + ": missing value");
            System.exit(2);
        }
        return value;
    }
}
