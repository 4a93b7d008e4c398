package org.vapr.eval.backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import org.vapr.core.InputException;
import org.vapr.llm.ChatCaller;
import org.vapr.llm.ChatClient;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;
import org.vapr.llm.ChatSettings;
import org.vapr.llm.ContentPart;
import org.vapr.llm.LlmException;
import org.vapr.llm.Resilience;

/**
 * An OpenAI-compatible vision endpoint (vLLM serving LLaVA-1.5 or Qwen2-VL, or any chat completions server that
 * takes images): each item is one user message with the image as a {@code data:} URL followed by the prompt text,
 * sent at temperature 0 with the completion limit {@code maxTokens}. Items run on virtual threads, at most
 * {@code concurrency} at once, through the {@link ChatClient}'s retries, backoff and rate limits; answers come back
 * in input order. An item whose retries run out gets a failed answer (scored as a missing prediction); a fatal
 * refusal (400/401/403/404: bad key, unknown model), or every item failing, stops the run with the
 * {@link LlmException}.
 */
public final class EndpointBackend implements ModelBackend {
    private final ChatCaller caller;
    private final AutoCloseable owned;
    private final String endpoint;
    private final String modelName;
    private final int concurrency;
    private final int maxTokens;

    /**
     * A backend over any caller (tests pass a client with zero retry delays).
     *
     * @param endpoint   the API root, for the manifest
     * @param owned      closed with the backend, or {@code null}
     */
    public EndpointBackend(ChatCaller caller, String endpoint, String modelName, int concurrency, int maxTokens,
                           AutoCloseable owned) {
        if (concurrency < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("concurrency and max tokens must be positive");
        }
        this.caller = caller;
        this.owned = owned;
        this.endpoint = endpoint;
        this.modelName = modelName;
        this.concurrency = concurrency;
        this.maxTokens = maxTokens;
    }

    /**
     * A backend with its own {@link ChatClient}: the key from {@code OPENAI_API_KEY} in {@code env} (none, or a dummy,
     * is fine for a local vLLM), default retries, at most {@code concurrency} requests in flight.
     *
     * @param baseUrl the API root including {@code /v1}, e.g. {@code http://localhost:8000/v1}
     */
    public static EndpointBackend open(String baseUrl, String modelName, int concurrency, int maxTokens,
                                       Map<String, String> env) {
        return open(ChatSettings.fromEnvironment(env, baseUrl, modelName), Resilience.defaults(), concurrency, maxTokens);
    }

    /** A backend with its own client built from these settings and resilience (its in-flight limit is raised to {@code concurrency}). */
    public static EndpointBackend open(ChatSettings settings, Resilience resilience, int concurrency, int maxTokens) {
        ChatClient client = new ChatClient(settings.withSampling(0.0, maxTokens),
                resilience.withLimits(resilience.requestsPerMinute(), resilience.tokensPerMinute(),
                        Math.max(concurrency, resilience.maxInFlight())));
        return new EndpointBackend(client, settings.baseUrl().toString(), settings.model(), concurrency, maxTokens, client);
    }

    @Override
    public List<ModelAnswer> answer(List<ImageQuestion> items) {
        ModelAnswer[] out = new ModelAnswer[items.size()];
        Semaphore slots = new Semaphore(concurrency);
        AtomicReference<RuntimeException> fatal = new AtomicReference<>();
        AtomicReference<LlmException> firstFailure = new AtomicReference<>();
        List<Future<?>> futures = new ArrayList<>(items.size());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < items.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    try {
                        slots.acquire();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        out[index] = ModelAnswer.failed("interrupted");
                        return;
                    }
                    try {
                        if (fatal.get() != null) {
                            out[index] = ModelAnswer.failed("not sent: the server refused an earlier request");
                            return;
                        }
                        out[index] = ask(index, items.get(index));
                    } catch (LlmException e) {
                        if (e.fatal()) {
                            fatal.compareAndSet(null, e);
                        }
                        firstFailure.compareAndSet(null, e);
                        out[index] = ModelAnswer.failed(e.getMessage());
                    } catch (RuntimeException e) {
                        fatal.compareAndSet(null, e);
                        out[index] = ModelAnswer.failed(String.valueOf(e.getMessage()));
                    } finally {
                        slots.release();
                    }
                }));
            }
        }
        if (fatal.get() != null) {
            throw fatal.get();
        }
        if (firstFailure.get() != null && java.util.Arrays.stream(out).noneMatch(ModelAnswer::answered)) {
            throw firstFailure.get();
        }
        return List.of(out);
    }

    private ModelAnswer ask(int index, ImageQuestion q) {
        ChatRequest request = new ChatRequest(List.of(ChatMessage.user(new ContentPart.Image(dataUrl(q.image())),
                new ContentPart.Text(q.prompt()))), null, 0.0, maxTokens);
        String content = caller.call("eval/" + index, request).content();
        return ModelAnswer.of(content == null ? "" : content.strip());
    }

    /** The image file as a {@code data:} URL, its media type from the file name (PNG, JPEG, GIF, WebP, BMP). */
    public static String dataUrl(Path image) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(image);
        } catch (IOException e) {
            throw new InputException(image + ": cannot read image: " + e.getMessage());
        }
        return "data:" + mediaType(image) + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    static String mediaType(Path image) {
        String n = image.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".gif")) {
            return "image/gif";
        }
        if (n.endsWith(".webp")) {
            return "image/webp";
        }
        if (n.endsWith(".bmp")) {
            return "image/bmp";
        }
        return "image/png";
    }

    @Override
    public String modelId() {
        return modelName;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "endpoint");
        m.put("endpoint", endpoint);
        m.put("model_name", modelName);
        m.put("temperature", 0.0);
        m.put("max_tokens", maxTokens);
        m.put("concurrency", concurrency);
        return m;
    }

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                // nothing to do: the connections are dropped with the client
            }
        }
    }
}
