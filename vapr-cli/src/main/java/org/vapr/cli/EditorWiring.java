package org.vapr.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.vapr.core.InputException;
import org.vapr.llm.ChatCaller;
import org.vapr.llm.ChatClient;
import org.vapr.llm.ChatSettings;
import org.vapr.llm.Resilience;
import org.vapr.pipeline.BuildPipeline;
import org.vapr.pipeline.edit.AnswerExtender;
import org.vapr.pipeline.edit.Editor;
import org.vapr.pipeline.edit.PovidStyleEditor;
import org.vapr.pipeline.edit.RuleEditor;
import org.vapr.pipeline.edit.llm.CaptionContext;
import org.vapr.pipeline.edit.llm.FallbackEditor;
import org.vapr.pipeline.edit.llm.LlmEditor;
import org.vapr.pipeline.edit.llm.LlmExtender;
import org.vapr.pipeline.edit.llm.PriceTable;
import org.vapr.pipeline.edit.llm.PromptSet;
import org.vapr.pipeline.edit.llm.UsageMeter;
import org.vapr.pipeline.edit.llm.VisualContext;
import org.vapr.world.SceneDescriptions;
import picocli.CommandLine;

/**
 * Turns the edit options of {@code vapr build} and {@code vapr edit} into an editor: the rule editor, the
 * paper's baselines ({@code povid-style}, {@code self-sample} from a {@code --model} directory), or the LLM editor with its {@link ChatClient}, prompts, visual context, price and optional rule fallback and LLM
 * extender. Closing it closes the client. The world's scene descriptions are handed to the pipeline here, so
 * the pipeline never depends on vapr-world.
 *
 * @param editor   the editor to pass to {@link BuildPipeline.Builder#optEditor(Editor)}
 * @param llm      the LLM editor (also inside {@code editor} when a fallback wraps it), or {@code null} for rules
 * @param extender the LLM extender ({@code --llm-extend}), or {@code null}
 * @param client   the HTTP client, or {@code null} (rules, or a dry run)
 * @param meter    calls, tokens and outcome counts of the LLM editor and extender
 * @param price    the model's price, empty when unknown
 * @param config   what the manifest records about the editor (never the key)
 * @param concurrency items edited at once ({@code --concurrency})
 * @param restart  whether to discard the journal instead of resuming ({@code --restart})
 * @param sampler  the self-sample editor ({@code --editor self-sample}, also {@code editor}), or {@code null}
 */
record EditorWiring(Editor editor, LlmEditor llm, LlmExtender extender, ChatClient client, UsageMeter meter,
                    Optional<PriceTable.Price> price, Map<String, Object> config, int concurrency, boolean restart,
                    ModelSampleEditor sampler)
        implements AutoCloseable {

    /** The distinct words of a {@code --replacement-words} file (split on whitespace). */
    static Set<String> replacementWords(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new InputException(file + ": no such replacement-words file (--replacement-words)");
        }
        Set<String> words = new TreeSet<>();
        for (String w : Files.readString(file).split("\\s+")) {
            if (!w.isEmpty()) {
                words.add(w);
            }
        }
        if (words.isEmpty()) {
            throw new InputException(file + ": no words in the replacement-words file (--replacement-words)");
        }
        return words;
    }

    /** Most tokens the self-sample editor samples per answer. */
    static final int SAMPLE_MAX_NEW_TOKENS = 48;

    /** The environment variable holding the key. */
    static final String KEY_VARIABLE = "OPENAI_API_KEY";

    /**
     * The editor the options ask for.
     *
     * @param spec      the command (for usage errors)
     * @param inputDir  the directory of the command's input (for {@code scenes.jsonl})
     * @param imageRoot the image root
     * @param strict    whether a bad caption record stops the run
     */
    static EditorWiring of(CommandLine.Model.CommandSpec spec, BuildOptions.Editing o, Path inputDir, Path imageRoot,
                           boolean strict) throws IOException {
        String kind = o.editor == null ? RuleEditor.NAME : o.editor.strip().toLowerCase(Locale.ROOT);
        if (o.fallback != null && !o.fallback.equalsIgnoreCase(RuleEditor.NAME)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "option '--fallback': unknown editor '" + o.fallback + "' (available: rules)");
        }
        if (o.maxAttempts < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "option '--max-attempts': must be at least 1");
        }
        if (o.concurrency < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "option '--concurrency': must be at least 1");
        }
        if (o.rpm < 0 || o.tpm < 0 || o.maxInFlight < 1 || o.timeoutSeconds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "options '--rpm'/'--tpm' must be >= 0, '--max-in-flight' and '--timeout' >= 1");
        }
        if (kind.equals(RuleEditor.NAME)) {
            if (o.dryRun || o.llmExtend) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "option '" + (o.dryRun ? "--dry-run" : "--llm-extend") + "' needs --editor openai");
            }
            if (o.replacementWords == null) {
                return new EditorWiring(new RuleEditor(), null, null, null, new UsageMeter(), Optional.empty(), Map.of(),
                        o.concurrency, o.restart, null);
            }
            Set<String> words = replacementWords(o.replacementWords);
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("replacement_words", o.replacementWords.toString());
            config.put("replacement_word_count", words.size());
            return new EditorWiring(RuleEditor.restrictedTo(words), null, null, null, new UsageMeter(), Optional.empty(),
                    config, o.concurrency, o.restart, null);
        }
        if (o.replacementWords != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "option '--replacement-words' needs --editor rules");
        }
        if (kind.equals(PovidStyleEditor.NAME) || kind.equals(ModelSampleEditor.NAME)) {
            if (o.dryRun || o.llmExtend || o.fallback != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "option '"
                        + (o.dryRun ? "--dry-run" : o.llmExtend ? "--llm-extend" : "--fallback") + "' needs --editor openai");
            }
            if (kind.equals(PovidStyleEditor.NAME)) {
                // the pipeline makes it by name, with the build's verifier for its absence check
                return new EditorWiring(new PovidStyleEditor(), null, null, null, new UsageMeter(), Optional.empty(),
                        Map.of(), o.concurrency, o.restart, null);
            }
            Path dir = Path.of(o.model);
            if (!Files.isDirectory(dir)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "option '--model': --editor self-sample needs --model MODEL_DIR (a `vapr train` output), got '" + o.model + "'");
            }
            ModelSampleEditor sampler = ModelSampleEditor.open(dir, imageRoot, SAMPLE_MAX_NEW_TOKENS,
                    Runtime.getRuntime().availableProcessors());
            return new EditorWiring(sampler, null, null, null, new UsageMeter(), Optional.empty(), Map.of(),
                    o.concurrency, o.restart, sampler);
        }
        if (!kind.equals(LlmEditor.NAME)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "option '--editor': unknown editor '" + o.editor
                    + "' (available: rules, openai, povid-style, self-sample)");
        }
        String key = o.environment.get(KEY_VARIABLE);
        if (!o.dryRun && (key == null || key.isBlank())) {
            throw new IllegalArgumentException(KEY_VARIABLE + " is not set (for Ollama or vLLM any value works: export "
                    + KEY_VARIABLE + "=dummy)");
        }
        ChatSettings settings = ChatSettings.fromEnvironment(o.environment, o.baseUrl, o.model)
                .withRequestTimeout(Duration.ofSeconds(o.timeoutSeconds));
        if (o.noThink) {
            settings = settings.withExtraBody(Map.of("chat_template_kwargs", Map.of("enable_thinking", false)));
        }
        PromptSet prompts = PromptSet.load(o.prompts);
        PriceTable prices = PriceTable.load(o.prices);
        boolean local = isLoopback(settings.baseUrl());
        Optional<PriceTable.Price> price = prices.price(o.model, local);
        VisualContext context = VisualContext.parse(o.context, imageRoot, sceneDescriptions(o, inputDir, imageRoot), strict);
        String baseUrl = withoutUserInfo(settings.baseUrl());

        Map<String, String> fingerprint = new TreeMap<>();
        fingerprint.put("base_url", baseUrl);
        fingerprint.put("no_think", Boolean.toString(o.noThink));
        fingerprint.put("llm_extend", Boolean.toString(o.llmExtend));

        ChatClient client = o.dryRun ? null : new ChatClient(settings,
                Resilience.defaults().withLimits(o.rpm, o.tpm, o.maxInFlight));
        ChatCaller caller = client != null ? client : (k, r) -> {
            throw new IllegalStateException("a dry run makes no calls");
        };
        UsageMeter meter = new UsageMeter();
        LlmEditor llm = LlmEditor.builder().setCaller(caller).setModel(o.model).optPrompts(prompts).optContext(context)
                .optMaxAttempts(o.maxAttempts).optMeter(meter).optFingerprint(fingerprint).build();
        Editor editor = o.fallback == null ? llm : new FallbackEditor(llm, new RuleEditor(), meter);
        LlmExtender extender = o.llmExtend ? new LlmExtender(caller, prompts, new AnswerExtender(o.extendShort), meter) : null;

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("editor", LlmEditor.NAME);
        config.put("model", o.model);
        config.put("base_url", baseUrl);
        config.put("no_think", o.noThink);
        config.put("context", context.kind());
        if (context instanceof CaptionContext c) {
            config.put("captions", c.file().toString());
            config.put("captions_bad_records", c.badRecords());
        }
        config.put("max_attempts", o.maxAttempts);
        config.put("fallback", o.fallback == null ? null : RuleEditor.NAME);
        config.put("llm_extend", o.llmExtend);
        config.put("rpm", o.rpm);
        config.put("tpm", o.tpm);
        config.put("max_in_flight", o.maxInFlight);
        config.put("timeout_seconds", o.timeoutSeconds);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("sha256", prompts.combinedSha256());
        p.put("files", prompts.sha256());
        p.put("sources", prompts.sources());
        config.put("prompts", p);
        Map<String, Object> pr = new LinkedHashMap<>();
        pr.put("source", prices.source());
        pr.put("sha256", prices.sha256());
        pr.put("entry", price.map(PriceTable.Price::key).orElse(null));
        pr.put("input_usd_per_million", price.map(PriceTable.Price::inputPerMillion).orElse(null));
        pr.put("output_usd_per_million", price.map(PriceTable.Price::outputPerMillion).orElse(null));
        config.put("prices", pr);
        return new EditorWiring(editor, llm, extender, client, meter, price, config, o.concurrency, o.restart, null);
    }

    /** The scene descriptions for {@code --context scene}, or {@code null} when it is not asked for or none exist. */
    private static java.util.function.Function<String, Optional<String>> sceneDescriptions(BuildOptions.Editing o,
                                                                                        Path inputDir, Path imageRoot)
            throws IOException {
        if (!"scene".equalsIgnoreCase(o.context == null ? "" : o.context.strip())) {
            return null;
        }
        Path f = o.contextScenesFile(inputDir, imageRoot);
        return f == null ? null : SceneDescriptions.load(f);
    }

    /**
     * Sets the editor, concurrency and restart, and for the LLM editor its price, the LLM extender (journaled by
     * the build) and the manifest's {@code editor_config} section on the builder.
     */
    BuildPipeline.Builder apply(BuildPipeline.Builder b) {
        if (editor instanceof PovidStyleEditor) {
            b.optEditor(PovidStyleEditor.NAME);
        } else {
            b.optEditor(editor);
        }
        b.optConcurrency(concurrency).optRestart(restart);
        price.ifPresent(p -> b.optPrice(p::cost));
        if (extender != null) {
            b.optExtender(extender);
        }
        if (remote()) {
            b.optManifestExtras(() -> Map.of("editor_config", manifestSection()));
        } else if (sampler != null) {
            b.optManifestExtras(() -> Map.of("editor_config", sampler.manifestSection()));
        } else if (!config.isEmpty()) {
            b.optManifestExtras(() -> Map.of("editor_config", config));
        }
        return b;
    }

    /** The manifest's {@code editor_config}: the configuration and the outcome counts (refusals, fallbacks…). */
    Map<String, Object> manifestSection() {
        Map<String, Object> m = new LinkedHashMap<>(config);
        m.put("events", meter.events());
        return m;
    }

    /** Whether this is the LLM editor. */
    boolean remote() {
        return llm != null;
    }

    private static boolean isLoopback(URI uri) {
        String h = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1") || uri.getPort() == 11434;
    }

    private static String withoutUserInfo(URI u) {
        try {
            return new URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (java.net.URISyntaxException e) {
            return u.getScheme() + "://" + u.getHost();
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (sampler != null) {
            sampler.close();
        }
    }
}
