package org.vapr.pipeline.edit.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import org.vapr.core.io.Json;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;
import org.vapr.llm.ContentPart;
import org.vapr.pipeline.edit.TokenCounter;

/**
 * What a run will cost before it is started ({@code --dry-run}): calls, tokens and USD, from the rendered
 * requests of the sampled turns. Prompt tokens are counted with o200k ({@link TokenCounter}) plus
 * {@value #MESSAGE_OVERHEAD} per message and {@value #IMAGE_TOKENS} per image; an edit's completion is assumed
 * to be the chosen answer's tokens plus {@value #JSON_OVERHEAD} of JSON; edit calls are multiplied by the
 * expected attempts per pair (retries after rejected edits). Serialised to {@code dry-run.json}.
 *
 * @param model            the model
 * @param priceKey         the price table entry used, {@code null} when the model is not in the table
 * @param items            pairs to edit
 * @param expectedAttempts expected edit calls per pair
 * @param editCalls        expected edit calls
 * @param extensionCalls   extension calls ({@code --llm-extend})
 * @param calls            all expected calls
 * @param promptTokens     expected prompt tokens
 * @param completionTokens expected completion tokens
 * @param costUsd          expected cost in USD (4 decimals), {@code null} when the price is unknown
 */
public record CostEstimate(String model, String priceKey, int items, double expectedAttempts, long editCalls,
                           long extensionCalls, long calls, long promptTokens, long completionTokens, Double costUsd) {

    /** Default expected attempts per pair. */
    public static final double DEFAULT_ATTEMPTS = 1.3;
    /** Tokens per message for the chat format's framing. */
    public static final int MESSAGE_OVERHEAD = 4;
    /** Tokens assumed per image (a 512×512 high-detail image on GPT-4o). */
    public static final int IMAGE_TOKENS = 765;
    /** Completion tokens of JSON around an edit's rejected text. */
    public static final int JSON_OVERHEAD = 20;

    /**
     * One expected call.
     *
     * @param request          the rendered request
     * @param completionTokens the expected completion tokens
     */
    public record Call(ChatRequest request, int completionTokens) {
    }

    /**
     * The estimate for these calls.
     *
     * @param edits      one per pair: its first attempt's request and expected completion
     * @param extensions the extension calls
     */
    public static CostEstimate of(String model, Optional<PriceTable.Price> price, double expectedAttempts,
                                  List<Call> edits, List<Call> extensions) {
        if (!(expectedAttempts >= 1) || Double.isInfinite(expectedAttempts)) {
            throw new IllegalArgumentException("expected attempts must be >= 1: " + expectedAttempts);
        }
        long editPrompt = 0;
        long editCompletion = 0;
        for (Call c : edits) {
            editPrompt += promptTokens(c.request());
            editCompletion += c.completionTokens();
        }
        long extPrompt = 0;
        long extCompletion = 0;
        for (Call c : extensions) {
            extPrompt += promptTokens(c.request());
            extCompletion += c.completionTokens();
        }
        long editCalls = Math.round(edits.size() * expectedAttempts);
        long prompt = Math.round(editPrompt * expectedAttempts) + extPrompt;
        long completion = Math.round(editCompletion * expectedAttempts) + extCompletion;
        Double cost = price.map(p -> new BigDecimal(p.cost(prompt, completion)).setScale(4, RoundingMode.HALF_EVEN).doubleValue())
                .orElse(null);
        return new CostEstimate(model, price.map(PriceTable.Price::key).orElse(null), edits.size(), expectedAttempts,
                editCalls, extensions.size(), editCalls + extensions.size(), prompt, completion, cost);
    }

    /** The expected completion tokens of an edit of this chosen answer. */
    public static int editCompletionTokens(String chosen) {
        return TokenCounter.count(chosen) + JSON_OVERHEAD;
    }

    /** The prompt tokens of a request (see the class doc). */
    public static int promptTokens(ChatRequest r) {
        int n = 3;
        for (ChatMessage m : r.messages()) {
            n += MESSAGE_OVERHEAD;
            for (ContentPart p : m.parts()) {
                n += switch (p) {
                    case ContentPart.Text t -> TokenCounter.count(t.text());
                    case ContentPart.Image i -> IMAGE_TOKENS;
                };
            }
        }
        return n;
    }

    /** The estimate as pretty JSON (snake_case), as written to {@code dry-run.json}. */
    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A few lines for the terminal. */
    public String summary() {
        return String.format(java.util.Locale.ROOT,
                "dry run: %d pairs, model %s%n  calls: %d (%d edit calls at %.2f attempts per pair, %d extension calls)%n"
                        + "  tokens: %,d prompt + %,d completion%n  cost: %s%n",
                items, model, calls, editCalls, expectedAttempts, extensionCalls, promptTokens, completionTokens,
                costUsd == null ? "unknown (model not in the price table; see --prices)"
                        : String.format(java.util.Locale.ROOT, "$%.2f (prices: %s)", costUsd, priceKey));
    }
}
