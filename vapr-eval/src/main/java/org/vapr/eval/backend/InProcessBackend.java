package org.vapr.eval.backend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vapr.train.model.Generator;
import org.vapr.train.model.WorldVlm;

/**
 * A {@link WorldVlm} model directory answering in this process: batched greedy decoding with a key/value cache
 * ({@link Generator}); a row's answer does not depend on its batch, so the batch size changes speed only. The
 * PyTorch thread count is set by the caller before the engine starts
 * ({@link org.vapr.train.run.EngineThreads#configure}).
 */
public final class InProcessBackend implements ModelBackend {
    private final Path dir;
    private final WorldVlm model;
    private final Generator generator;
    private final Generator.Settings settings;

    private InProcessBackend(Path dir, WorldVlm model, int batchSize, int maxNewTokens) {
        this.dir = dir;
        this.model = model;
        this.generator = new Generator(model);
        this.settings = new Generator.Settings(maxNewTokens, 0, 0, batchSize);
    }

    /**
     * Loads a model directory ({@code config.json}, {@code model.safetensors}, {@code tokenizer.json}).
     *
     * @param batchSize    rows per forward pass
     * @param maxNewTokens the longest answer, in tokens
     */
    public static InProcessBackend open(Path dir, int batchSize, int maxNewTokens) {
        if (batchSize < 1 || maxNewTokens < 1) {
            throw new IllegalArgumentException("batch size and max new tokens must be positive");
        }
        return new InProcessBackend(dir, WorldVlm.load(dir), batchSize, maxNewTokens);
    }

    @Override
    public List<ModelAnswer> answer(List<ImageQuestion> items) {
        List<Path> images = new ArrayList<>(items.size());
        List<String> prompts = new ArrayList<>(items.size());
        for (ImageQuestion q : items) {
            images.add(q.image());
            prompts.add(q.prompt());
        }
        List<ModelAnswer> out = new ArrayList<>(items.size());
        for (String text : generator.generate(images, prompts, settings)) {
            out.add(ModelAnswer.of(text));
        }
        return out;
    }

    @Override
    public String modelId() {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        return name == null ? "model" : name.toString();
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", "in-process");
        m.put("model_dir", dir.toString());
        m.put("config", model.config());
        m.put("parameters", model.parameterCount());
        m.put("adapters", model.hasAdapters());
        m.put("decoding", "greedy");
        m.put("max_new_tokens", settings.maxNewTokens());
        m.put("batch_size", settings.batchSize());
        return m;
    }

    @Override
    public Map<String, Path> inputFiles() {
        Map<String, Path> m = new LinkedHashMap<>();
        m.put("model_config", dir.resolve("config.json"));
        m.put("model_weights", dir.resolve("model.safetensors"));
        m.put("model_tokenizer", dir.resolve("tokenizer.json"));
        if (java.nio.file.Files.exists(dir.resolve("adapter.safetensors"))) {
            m.put("model_adapter", dir.resolve("adapter.safetensors"));
        }
        return m;
    }

    @Override
    public void close() {
        model.close();
    }
}
