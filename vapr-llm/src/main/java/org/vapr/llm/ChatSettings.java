package org.vapr.llm;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where and how to call an OpenAI-compatible server.
 *
 * @param baseUrl        the API root including {@code /v1}, e.g. {@code https://api.openai.com/v1} or
 *                       {@code http://localhost:8000/v1}; {@code /chat/completions} is appended
 * @param model          the model name sent in every request
 * @param apiKey         supplies the bearer key ({@code null} result or empty: no Authorization header);
 *                       it is read when a request is sent and never printed: {@link #toString()} redacts it
 * @param requestTimeout the limit on one HTTP attempt, from sending to the whole response
 * @param extraBody      parameters merged into every request body, overriding the client's own, e.g.
 *                       {@code chat_template_kwargs: {enable_thinking: false}} for Qwen3 on vLLM
 * @param temperature    the sampling temperature, or {@code null} for the server's default
 * @param maxTokens      the completion token limit ({@code max_tokens}), or {@code null} for none
 */
public record ChatSettings(URI baseUrl, String model, Supplier<String> apiKey, Duration requestTimeout,
                           Map<String, Object> extraBody, Double temperature, Integer maxTokens) {

    /** The OpenAI API root used when {@code OPENAI_BASE_URL} is not set. */
    public static final String OPENAI_BASE_URL = "https://api.openai.com/v1";

    public ChatSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model must not be blank");
        }
        apiKey = apiKey == null ? () -> null : apiKey;
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
        }
        extraBody = extraBody == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraBody));
        if (maxTokens != null && maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
        }
    }

    /**
     * Settings from the environment: the key from {@code OPENAI_API_KEY} (read lazily, on each request), the
     * base URL from {@code baseUrl} if given, else {@code OPENAI_BASE_URL}, else {@link #OPENAI_BASE_URL}.
     * Keys never come from a flag, so they land in neither shell history nor a file.
     *
     * @param env     the environment, normally {@link System#getenv()}
     * @param baseUrl the {@code --base-url} option, or {@code null}
     * @param model   the model name
     */
    public static ChatSettings fromEnvironment(Map<String, String> env, String baseUrl, String model) {
        String url = baseUrl != null && !baseUrl.isBlank() ? baseUrl : env.getOrDefault("OPENAI_BASE_URL", "");
        if (url.isBlank()) {
            url = OPENAI_BASE_URL;
        }
        Map<String, String> snapshot = Map.copyOf(env);
        return new ChatSettings(URI.create(url), model, () -> snapshot.get("OPENAI_API_KEY"),
                Duration.ofSeconds(120), Map.of(), null, null);
    }

    /** A copy with these extra body parameters (replacing the current ones). */
    public ChatSettings withExtraBody(Map<String, Object> extra) {
        return new ChatSettings(baseUrl, model, apiKey, requestTimeout, extra, temperature, maxTokens);
    }

    /** A copy with this per-request timeout. */
    public ChatSettings withRequestTimeout(Duration timeout) {
        return new ChatSettings(baseUrl, model, apiKey, timeout, extraBody, temperature, maxTokens);
    }

    /** A copy with this temperature and completion token limit (either may be {@code null}). */
    public ChatSettings withSampling(Double newTemperature, Integer newMaxTokens) {
        return new ChatSettings(baseUrl, model, apiKey, requestTimeout, extraBody, newTemperature, newMaxTokens);
    }

    /** The chat completions endpoint. */
    public URI endpoint() {
        String root = baseUrl.toString();
        return URI.create((root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + "/chat/completions");
    }

    /** Shows everything but the key, which appears as {@code ***} (or {@code none}). */
    @Override
    public String toString() {
        String key = apiKey.get();
        return "ChatSettings[baseUrl=" + baseUrl + ", model=" + model + ", apiKey="
                + (key == null || key.isEmpty() ? "none" : "***") + ", requestTimeout=" + requestTimeout
                + ", extraBody=" + extraBody + ", temperature=" + temperature + ", maxTokens=" + maxTokens + "]";
    }
}
