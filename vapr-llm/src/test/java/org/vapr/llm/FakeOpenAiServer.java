package org.vapr.llm;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real loopback HTTP server speaking the OpenAI chat completions protocol, answering each request with the
 * next scripted {@link Step}; requests beyond the script get a 599 so a test sees them.
 */
final class FakeOpenAiServer implements AutoCloseable {

    /** One scripted answer. */
    @FunctionalInterface
    interface Step {
        void answer(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** What the server received. */
    record Received(String method, String path, String protocol, Headers headers, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Step> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    FakeOpenAiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/chat/completions", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    synchronized FakeOpenAiServer then(Step... steps) {
        script.addAll(List.of(steps));
        return this;
    }

    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    int maxInFlight() {
        return maxInFlight.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        boolean dropped = false;
        try {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Step step;
            synchronized (this) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getProtocol(), exchange.getRequestHeaders(), body));
                step = script.poll();
            }
            if (step == null) {
                step = status(599, "{\"error\":{\"message\":\"script exhausted\"}}");
            }
            step.answer(exchange);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Dropped drop) {
            dropped = true;
            throw drop;
        } finally {
            inFlight.decrementAndGet();
            if (!dropped) {
                exchange.close();
            }
        }
    }

    /** Thrown by {@link #reset()} to drop the connection. */
    private static final class Dropped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Dropped() {
            super("connection dropped on purpose", null, false, false);
        }
    }

    // ---- steps

    /** A 200 chat completion whose message content is {@code content}. */
    static Step ok(String content) {
        String json = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"fake\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":" + quote(content) + "},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}";
        return raw(200, json);
    }

    /** Any status and body, with header name/value pairs. */
    static Step status(int code, String body, String... headers) {
        return exchange -> {
            for (int i = 0; i + 1 < headers.length; i += 2) {
                exchange.getResponseHeaders().add(headers[i], headers[i + 1]);
            }
            send(exchange, code, body);
        };
    }

    /** A raw body with this status and a JSON content type. */
    static Step raw(int code, String body) {
        return status(code, body, "Content-Type", "application/json");
    }

    /** Waits, then answers as {@code then}. */
    static Step after(long millis, Step then) {
        return exchange -> {
            Thread.sleep(millis);
            then.answer(exchange);
        };
    }

    /** Promises 1000 bytes, sends 10, then drops the connection. */
    static Step reset() {
        return exchange -> {
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"choices\"".getBytes(StandardCharsets.UTF_8));
            out.flush();
            // an exception escaping the handler makes the JDK server close the connection at once
            throw new Dropped();
        };
    }

    private static void send(HttpExchange exchange, int code, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    static String quote(String s) {
        try {
            return org.vapr.core.io.Json.mapper().writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
