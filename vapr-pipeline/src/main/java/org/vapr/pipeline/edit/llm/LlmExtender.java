package org.vapr.pipeline.edit.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.vapr.core.io.Json;
import org.vapr.llm.ChatCaller;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;
import org.vapr.llm.ChatResult;
import org.vapr.llm.ResponseSchema;
import org.vapr.pipeline.edit.AnswerExtender;
import org.vapr.pipeline.edit.EditProposal;
import org.vapr.pipeline.edit.TurnExtender;

/**
 * Extends yes/no (and, when the rule extender would, other short) answers into sentences with the LLM: keep
 * the polarity, restate the question as a declarative clause, add no facts. One call per turn under the key
 * {@code extend/<source id>#<turn>}, at temperature 0. The sentence is validated: a yes/no answer must keep its
 * lead word and its clause's negation must agree with it; a short answer's words must appear; at most
 * {@link #NEW_WORD_ALLOWANCE} content words may be in neither question nor answer; and the sentence is at most
 * {@link #EXTRA_WORDS} words longer than question and answer together. On any failure the rule
 * {@link AnswerExtender}'s result is used and the reason counted ({@code extend_fallback:<reason>}). Answers
 * that are already sentences are never sent. Thread-safe when its caller is.
 */
public final class LlmExtender implements TurnExtender {
    /** Content words allowed in neither question nor answer. */
    public static final int NEW_WORD_ALLOWANCE = 2;
    /** How many words longer than question plus answer the sentence may be. */
    public static final int EXTRA_WORDS = 6;
    /** Failure reasons (counted as {@code extend_fallback:<reason>}). */
    public static final String POLARITY = "extend_polarity";
    public static final String ANSWER_MISSING = "extend_answer_missing";
    public static final String NEW_WORDS = "extend_new_words";
    public static final String TOO_LONG = "extend_too_long";

    private static final ResponseSchema SCHEMA = buildSchema();
    private static final Pattern LEAD = Pattern.compile("^\\s*(yes|no)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern NEGATION = Pattern.compile("\\b(not|no|cannot|never|none|nothing|nobody)\\b|n't\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'-]*");
    private static final Set<String> FUNCTION_WORDS = Set.of("yes", "no", "not", "there", "is", "are", "was", "were",
            "the", "a", "an", "in", "on", "at", "of", "to", "it", "its", "this", "that", "these", "those", "image",
            "picture", "photo", "scene", "does", "do", "did", "has", "have", "had", "can", "cannot", "be", "i", "see",
            "and", "or", "some", "any", "one", "shown", "visible", "present", "isn't", "aren't", "doesn't", "don't",
            "there's", "it's", "they", "he", "she", "color", "colour", "number", "total");

    /**
     * An extended answer.
     *
     * @param text           the answer to use as chosen
     * @param kind           {@code llm_yes_no} or {@code llm_short} when the LLM's sentence was used, else the
     *                       rule extender's kind id ({@code yes_no_template}, {@code sentence}, …)
     * @param fallbackReason why the LLM's sentence was not used, or {@code null}
     */
    public record Extension(String text, String kind, String fallbackReason) {
    }

    /** {@link #extend} for the build's {@link TurnExtender} hook. */
    @Override
    public TurnExtender.Extension extend(String sourceId, int turn, String prompt, String answer) {
        Counted c = extendCounted(sourceId, turn, prompt, answer);
        Extension e = c.extension();
        return new TurnExtender.Extension(e.text(), e.kind(), e.fallbackReason(), c.usage());
    }

    /** The prompt's hash and the schema, for the journal's fingerprint. */
    @Override
    public java.util.Map<String, String> fingerprint() {
        return java.util.Map.of("extend_prompt_sha256", prompts.combinedSha256(), "extend_schema", SCHEMA.name(),
                "extend_max_tokens", String.valueOf(maxTokens));
    }

    private final ChatCaller caller;
    private final PromptSet prompts;
    private final AnswerExtender rules;
    private final UsageMeter meter;
    private final Integer maxTokens;

    /**
     * @param caller  who answers the requests
     * @param prompts the prompts ({@code extend.md})
     * @param rules   the rule extender: it decides which answers need extending and is the fallback
     * @param meter   where calls, tokens and fallbacks are counted
     */
    public LlmExtender(ChatCaller caller, PromptSet prompts, AnswerExtender rules, UsageMeter meter) {
        this.caller = Objects.requireNonNull(caller, "caller");
        this.prompts = Objects.requireNonNull(prompts, "prompts");
        this.rules = Objects.requireNonNull(rules, "rules");
        this.meter = Objects.requireNonNull(meter, "meter");
        this.maxTokens = 256;
    }

    /** The caller this extender uses now. */
    @Override
    public ChatCaller caller() {
        return caller;
    }

    /** The same extender calling through {@code journaled} (so a resumed run replays extensions too). */
    @Override
    public LlmExtender withCaller(ChatCaller journaled) {
        return new LlmExtender(journaled, prompts, rules, meter);
    }

    /** The journal key of one turn's extension. */
    public static String key(String sourceId, int turn) {
        return "extend/" + sourceId + "#" + turn;
    }

    /** The answer schema: {@code {sentence: string}}, strict. */
    public static ResponseSchema schema() {
        return SCHEMA;
    }

    /**
     * Whether an answer goes to the LLM: when the rule extender would extend it (a yes/no answer, or a short
     * answer with short extension on).
     */
    public boolean needsCall(String prompt, String answer) {
        AnswerExtender.Kind k = rules.extend(prompt, answer).kind();
        return k != AnswerExtender.Kind.SENTENCE && k != AnswerExtender.Kind.SHORT_KEPT;
    }

    /** The request for one answer (also used for estimates). */
    public ChatRequest request(String prompt, String answer) {
        return new ChatRequest(List.of(ChatMessage.user(prompts.renderExtend(question(prompt), answer.strip()))), SCHEMA,
                0.0, maxTokens);
    }

    /** Extends one answer to a question (the clean prompt), as {@link AnswerExtender#extend} does. */
    public Extension extendAnswer(String sourceId, int turn, String prompt, String answer) {
        return extendCounted(sourceId, turn, prompt, answer).extension();
    }

    private Counted extendCounted(String sourceId, int turn, String prompt, String answer) {
        AnswerExtender.Extension rule = rules.extend(prompt, answer);
        if (rule.kind() == AnswerExtender.Kind.SENTENCE || rule.kind() == AnswerExtender.Kind.SHORT_KEPT) {
            return new Counted(new Extension(rule.text(), rule.kind().id(), null), EditProposal.Usage.NONE);
        }
        ChatResult result = caller.call(key(sourceId, turn), request(prompt, answer));
        EditProposal.Usage usage = meter.record(result);
        String reason;
        String sentence = null;
        if (result.refusal() != null && !result.refusal().isBlank()) {
            reason = LlmEditor.REFUSAL;
        } else if (result.json() == null || !result.json().isObject()) {
            reason = LlmEditor.INVALID_JSON;
        } else {
            JsonNode s = result.json().get("sentence");
            if (result.json().size() != 1 || s == null || !s.isTextual() || s.asText().isBlank()) {
                reason = LlmEditor.SCHEMA_VIOLATION;
            } else {
                sentence = s.asText().strip().replaceAll("\\s+", " ");
                reason = check(question(prompt), answer.strip(), sentence);
            }
        }
        if (reason != null) {
            meter.count("extend_fallback:" + reason);
            return new Counted(new Extension(rule.text(), rule.kind().id(), reason), usage);
        }
        boolean yesNo = LEAD.matcher(answer).find() && answer.strip().replaceAll("[.!]+$", "").strip().split("\\s+").length == 1;
        return new Counted(new Extension(sentence, yesNo ? "llm_yes_no" : "llm_short", null), usage);
    }

    /** An extension and what its call cost. */
    private record Counted(Extension extension, EditProposal.Usage usage) {
    }

    /** Why a sentence is not a faithful extension of the answer, or {@code null} when it is. */
    static String check(String question, String answer, String sentence) {
        String a = answer.replaceAll("[.!]+$", "").strip();
        Matcher al = LEAD.matcher(a);
        boolean yesNo = al.find() && al.end() == a.length();
        if (yesNo) {
            Matcher sl = LEAD.matcher(sentence);
            if (!sl.find() || !sl.group(1).equalsIgnoreCase(al.group(1))) {
                return POLARITY;
            }
            int q = count(NEGATION, question);
            int s = count(NEGATION, sentence.substring(sl.end()));
            boolean yes = al.group(1).equalsIgnoreCase("yes");
            if (yes ? s != q : s == q) {
                return POLARITY;
            }
        } else {
            Set<String> sw = stems(words(sentence));
            for (String w : words(a)) {
                if (!sw.contains(stem(w))) {
                    return ANSWER_MISSING;
                }
            }
        }
        Set<String> known = stems(words(question));
        known.addAll(stems(words(answer)));
        int fresh = 0;
        for (String w : words(sentence)) {
            if (!FUNCTION_WORDS.contains(w) && !known.contains(stem(w))) {
                fresh++;
            }
        }
        if (fresh > NEW_WORD_ALLOWANCE) {
            return NEW_WORDS;
        }
        if (words(sentence).size() > words(question).size() + words(answer).size() + EXTRA_WORDS) {
            return TOO_LONG;
        }
        return null;
    }

    private static int count(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static List<String> words(String s) {
        return WORD.matcher(s.toLowerCase(Locale.ROOT)).results().map(java.util.regex.MatchResult::group).toList();
    }

    private static Set<String> stems(List<String> words) {
        Set<String> out = new HashSet<>();
        words.forEach(w -> out.add(stem(w)));
        return out;
    }

    /** A crude stem: plural and third-person endings removed, so "planes" matches "plane". */
    private static String stem(String w) {
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 3 && w.endsWith("es") && (w.endsWith("shes") || w.endsWith("ches") || w.endsWith("xes") || w.endsWith("ses"))) {
            return w.substring(0, w.length() - 2);
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** The question the answer replies to: the prompt's last line, whitespace collapsed. */
    static String question(String prompt) {
        String q = prompt.strip();
        int nl = q.lastIndexOf('\n');
        if (nl >= 0 && nl < q.length() - 1) {
            q = q.substring(nl + 1);
        }
        return q.strip().replaceAll("\\s+", " ");
    }

    private static ResponseSchema buildSchema() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("type", "object");
        root.putObject("properties").putObject("sentence").put("type", "string");
        root.putArray("required").add("sentence");
        root.put("additionalProperties", false);
        return new ResponseSchema("vapr_extend", root);
    }
}
