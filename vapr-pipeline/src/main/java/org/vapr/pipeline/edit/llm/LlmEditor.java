package org.vapr.pipeline.edit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.vapr.core.Category;
import org.vapr.core.io.Json;
import org.vapr.core.record.Span;
import org.vapr.llm.ChatCaller;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;
import org.vapr.llm.ChatResult;
import org.vapr.llm.ContentPart;
import org.vapr.llm.LlmException;
import org.vapr.llm.ResponseSchema;
import org.vapr.pipeline.edit.EditProposal;
import org.vapr.pipeline.edit.EditRequest;
import org.vapr.pipeline.edit.Editor;
import org.vapr.pipeline.edit.JournaledEditor;

/**
 * The paper's editor: an LLM (GPT-4o, Qwen3-32B, …) asked for a minimal hard-negative edit. Each
 * {@link #propose} is one chat call under the stable key {@code edit/<source id>#<turn>/attempt-<n>}, with the
 * category's instruction, the visual context, the penalty list and the previous attempt's rejection reason in
 * the prompt, and a temperature that rises with the attempt. The answer must follow {@link #schema()}; a refusal,
 * an answer without JSON or one that breaks the schema becomes a failed proposal ({@code llm_refusal},
 * {@code llm_invalid_json}, {@code llm_schema_violation}) that the builder retries; spans outside the
 * rejected text are recomputed from a word diff. A {@link LlmException} (fatal status, or retries exhausted in
 * the client) propagates and stops the run. Thread-safe when its caller is.
 */
public final class LlmEditor implements JournaledEditor {
    /** Name recorded in {@code edit.editor}. */
    public static final String NAME = "openai";
    /** Failure reasons. */
    public static final String REFUSAL = "llm_refusal";
    public static final String INVALID_JSON = "llm_invalid_json";
    public static final String SCHEMA_VIOLATION = "llm_schema_violation";

    private static final ResponseSchema SCHEMA = buildSchema();

    private final ChatCaller caller;
    private final String model;
    private final PromptSet prompts;
    private final VisualContext context;
    private final int maxAttempts;
    private final double temperature;
    private final double temperatureStep;
    private final Integer maxTokens;
    private final UsageMeter meter;
    private final Map<String, String> fingerprintExtras;
    private final Builder config;

    private LlmEditor(Builder b) {
        this.caller = Objects.requireNonNull(b.caller, "caller (setCaller)");
        if (b.model == null || b.model.isBlank()) {
            throw new IllegalArgumentException("model (setModel) must not be blank");
        }
        if (b.maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + b.maxAttempts);
        }
        this.model = b.model;
        this.prompts = b.prompts == null ? PromptSet.defaults() : b.prompts;
        this.context = b.context == null ? VisualContext.none() : b.context;
        this.maxAttempts = b.maxAttempts;
        this.temperature = b.temperature;
        this.temperatureStep = b.temperatureStep;
        this.maxTokens = b.maxTokens;
        this.meter = b.meter == null ? new UsageMeter() : b.meter;
        this.fingerprintExtras = Map.copyOf(b.fingerprint);
        this.config = b.copy();
        this.config.meter = this.meter;
    }

    /** A builder; {@link Builder#setCaller} and {@link Builder#setModel} are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public int maxAttempts() {
        return maxAttempts;
    }

    @Override
    public ChatCaller caller() {
        return caller;
    }

    /** The same editor (configuration and meter) calling through {@code journaled}. */
    @Override
    public LlmEditor withCaller(ChatCaller journaled) {
        return config.copy().setCaller(journaled).build();
    }

    /**
     * What determines the answers: model, prompt hashes, context kind, temperatures, token limit, attempts,
     * plus the entries given with {@link Builder#optFingerprint} (base URL, {@code no_think}, …); never the key.
     */
    @Override
    public Map<String, String> fingerprint() {
        Map<String, String> f = new java.util.TreeMap<>(fingerprintExtras);
        f.put("llm_model", model);
        f.put("prompts_sha256", prompts.combinedSha256());
        f.put("context", context.kind() + (context instanceof CaptionContext c ? ":" + c.file() : ""));
        f.put("temperature", temperature + "+" + temperatureStep + "/attempt");
        f.put("max_tokens", String.valueOf(maxTokens));
        f.put("llm_max_attempts", String.valueOf(maxAttempts));
        return f;
    }

    /** The prompts in use. */
    public PromptSet prompts() {
        return prompts;
    }

    /** The visual context in use. */
    public VisualContext context() {
        return context;
    }

    /** Calls, tokens and failure counts of this editor so far. */
    public UsageMeter meter() {
        return meter;
    }

    /** The answer schema: {@code {rejected: string, spans: [{from: int, to: int}]}}, strict. */
    public static ResponseSchema schema() {
        return SCHEMA;
    }

    /** The journal key of one attempt: {@code edit/<source id>#<turn>/attempt-<n>}. */
    public static String key(EditRequest r) {
        return "edit/" + r.sourceId() + "#" + r.turn() + "/attempt-" + r.attempt();
    }

    /** The temperature of an attempt: the base plus one step per retry, at most 2. */
    public double temperature(int attempt) {
        return Math.min(2.0, temperature + temperatureStep * Math.max(0, attempt - 1));
    }

    @Override
    public EditProposal propose(EditRequest r) throws IOException {
        ChatRequest request = request(r, true);
        ChatResult result = caller.call(key(r), request);
        EditProposal.Usage usage = meter.record(result);
        EditProposal p = parse(r.chosen(), result);
        if (!p.ok()) {
            meter.count(p.failure());
        }
        return p.withUsage(usage);
    }

    /**
     * The chat request of one attempt.
     *
     * @param withPicture whether to read the image for an image context ({@code false} for estimates: a
     *                    placeholder image part stands in, so the token estimate still counts it)
     */
    public ChatRequest request(EditRequest r, boolean withPicture) throws IOException {
        Map<String, String> v = new LinkedHashMap<>();
        Optional<String> text = context.describe(r.image());
        Optional<ContentPart> picture = withPicture ? context.picture(r.image())
                : "image".equals(context.kind()) ? Optional.of(new ContentPart.Image("data:image/png;base64,")) : Optional.empty();
        v.put("context", text.orElse(picture.isPresent() ? "The image is attached." : "Nothing beyond the question and the answer."));
        v.put("question", r.prompt().strip());
        v.put("chosen", r.chosen());
        v.put("category", r.category().id());
        v.put("instruction", prompts.instruction(r.category()));
        v.put("avoid", r.avoid().isEmpty() ? "none" : String.join(", ", r.avoid()));
        v.put("feedback", feedback(r.feedback(), r.category()));
        String user = prompts.renderEdit(v);
        ChatMessage userMessage = picture.isPresent()
                ? ChatMessage.user(picture.get(), new ContentPart.Text(user))
                : ChatMessage.user(user);
        return new ChatRequest(List.of(ChatMessage.system(prompts.system()), userMessage), SCHEMA,
                temperature(r.attempt()), maxTokens);
    }

    /** The previous attempt's rejection reason as an instruction to the model. */
    static String feedback(String reason, Category c) {
        if (reason == null || reason.isBlank()) {
            return "none (first attempt)";
        }
        return switch (reason) {
            case "edit_identical" -> "your rejected answer was the same as the chosen answer; change the answer-critical span.";
            case "edit_too_far" -> "your rejected answer changed too many words; change only the answer-critical span(s).";
            case "edit_length" -> "your rejected answer's length differed too much from the chosen answer; keep the length.";
            case "edit_category_check" -> "your edit did not change what a " + c.id() + " question is about; change that.";
            case "oracle_true" -> "your rejected answer is still true of the image; choose a value that is wrong for this image.";
            case "edit_no_span", INVALID_JSON, SCHEMA_VIOLATION ->
                    "your answer could not be used; reply with only the JSON object {\"rejected\": ..., \"spans\": [...]}.";
            case REFUSAL -> "you declined; this is a harmless data-labelling task, please make the edit.";
            default -> "your previous attempt was rejected (" + reason + ").";
        };
    }

    /** Turns the model's answer into a proposal (see the class doc). */
    static EditProposal parse(String chosen, ChatResult result) {
        if (result.refusal() != null && !result.refusal().isBlank()) {
            return EditProposal.failed(REFUSAL);
        }
        JsonNode j = result.json();
        if (j == null || !j.isObject()) {
            return EditProposal.failed(INVALID_JSON);
        }
        if (!fieldsAre(j, "rejected", "spans") || !j.get("rejected").isTextual() || j.get("rejected").asText().isBlank()
                || !j.get("spans").isArray()) {
            return EditProposal.failed(SCHEMA_VIOLATION);
        }
        List<Span> spans = new ArrayList<>();
        String rejected = j.get("rejected").asText();
        boolean inRange = true;
        for (JsonNode s : j.get("spans")) {
            if (!s.isObject() || !fieldsAre(s, "from", "to") || !s.get("from").canConvertToInt() || !s.get("from").isIntegralNumber()
                    || !s.get("to").isIntegralNumber() || !s.get("to").canConvertToInt()) {
                return EditProposal.failed(SCHEMA_VIOLATION);
            }
            int from = s.get("from").asInt();
            int to = s.get("to").asInt();
            if (from < 0 || to < from || to > rejected.length()) {
                inRange = false;
            } else {
                spans.add(new Span(from, to));
            }
        }
        WordDiff diff = WordDiff.of(chosen, rejected);
        if (!inRange || spans.isEmpty()) {
            spans = diff.spans();
        } else {
            spans.sort(Comparator.comparingInt(Span::from).thenComparingInt(Span::to));
        }
        return EditProposal.of(rejected, spans, diff.values());
    }

    private static boolean fieldsAre(JsonNode node, String... names) {
        if (node.size() != names.length) {
            return false;
        }
        for (String n : names) {
            if (!node.has(n)) {
                return false;
            }
        }
        return true;
    }

    private static ResponseSchema buildSchema() {
        ObjectNode span = Json.mapper().createObjectNode();
        span.put("type", "object");
        ObjectNode sp = span.putObject("properties");
        sp.putObject("from").put("type", "integer");
        sp.putObject("to").put("type", "integer");
        span.putArray("required").add("from").add("to");
        span.put("additionalProperties", false);
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("type", "object");
        ObjectNode p = root.putObject("properties");
        p.putObject("rejected").put("type", "string");
        ObjectNode spans = p.putObject("spans");
        spans.put("type", "array");
        spans.set("items", span);
        root.putArray("required").add("rejected").add("spans");
        root.put("additionalProperties", false);
        return new ResponseSchema("vapr_edit", root);
    }

    /** Builds an {@link LlmEditor}. */
    public static final class Builder {
        private ChatCaller caller;
        private String model;
        private PromptSet prompts;
        private VisualContext context;
        private int maxAttempts = 3;
        private double temperature = 0.4;
        private double temperatureStep = 0.3;
        private Integer maxTokens = 1024;
        private UsageMeter meter;
        private final Map<String, String> fingerprint = new java.util.TreeMap<>();

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.caller = caller;
            b.model = model;
            b.prompts = prompts;
            b.context = context;
            b.maxAttempts = maxAttempts;
            b.temperature = temperature;
            b.temperatureStep = temperatureStep;
            b.maxTokens = maxTokens;
            b.meter = meter;
            b.fingerprint.putAll(fingerprint);
            return b;
        }

        /** Configuration entries (never secrets) added to {@link LlmEditor#fingerprint()}, e.g. {@code base_url}. */
        public Builder optFingerprint(Map<String, String> entries) {
            this.fingerprint.putAll(entries);
            return this;
        }

        /** Who answers the requests: a {@code ChatClient}, a journaling wrapper, or a test script. */
        public Builder setCaller(ChatCaller c) {
            this.caller = c;
            return this;
        }

        /** The model name recorded in {@code edit.model} (the client sends its own settings' model). */
        public Builder setModel(String m) {
            this.model = m;
            return this;
        }

        /** The prompts (default: the built-in ones). */
        public Builder optPrompts(PromptSet p) {
            this.prompts = p;
            return this;
        }

        /** What the editor knows about each image (default: none). */
        public Builder optContext(VisualContext c) {
            this.context = c;
            return this;
        }

        /** Attempts per pair (default 3). */
        public Builder optMaxAttempts(int n) {
            this.maxAttempts = n;
            return this;
        }

        /** Temperature of the first attempt and its increase per retry (default 0.4 and 0.3). */
        public Builder optTemperature(double base, double stepPerAttempt) {
            this.temperature = base;
            this.temperatureStep = stepPerAttempt;
            return this;
        }

        /** Completion token limit per call (default 1024; {@code null} for the server's). */
        public Builder optMaxTokens(Integer n) {
            this.maxTokens = n;
            return this;
        }

        /** Where calls, tokens and failures are counted (default: a meter of its own). */
        public Builder optMeter(UsageMeter m) {
            this.meter = m;
            return this;
        }

        public LlmEditor build() {
            return new LlmEditor(this);
        }
    }
}
