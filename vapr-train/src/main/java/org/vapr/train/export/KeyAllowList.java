package org.vapr.train.export;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configuration keys a training tool accepts, read from a resource in this package: one key per line, nested
 * keys as dotted paths ({@code zero_optimization.stage}), {@code #} comments naming the upstream file and version
 * the names come from. {@link TrainingConfigExport} checks every file it writes against one before writing.
 *
 * @param name the resource name (e.g. {@code llamafactory.keys})
 * @param keys the allowed keys
 */
public record KeyAllowList(String name, Set<String> keys) {
    /** LLaMA-Factory training YAML keys. */
    public static final String LLAMAFACTORY = "llamafactory.keys";
    /** LLaMA-Factory {@code dataset_info.json} entry keys. */
    public static final String LLAMAFACTORY_DATASET_INFO = "llamafactory-dataset-info.keys";
    /** TRL {@code DPOConfig} fields (including the transformers {@code TrainingArguments} it extends). */
    public static final String TRL_DPO_CONFIG = "trl-dpo-config.keys";
    /** peft {@code LoraConfig} fields. */
    public static final String PEFT_LORA_CONFIG = "peft-lora-config.keys";
    /** DeepSpeed JSON config keys. */
    public static final String DEEPSPEED = "deepspeed.keys";
    /** accelerate config-file keys. */
    public static final String ACCELERATE = "accelerate.keys";

    public KeyAllowList {
        keys = Set.copyOf(keys);
    }

    /** Loads {@code name} from this package's resources. */
    public static KeyAllowList load(String name) {
        Set<String> keys = new TreeSet<>();
        try (InputStream in = KeyAllowList.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                String k = line.strip();
                if (!k.isEmpty() && !k.startsWith("#")) {
                    keys.add(k);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KeyAllowList(name, keys);
    }

    /** Every key path of a JSON/YAML tree (objects are descended into, arrays are values), not allowed here. */
    public List<String> disallowed(JsonNode tree) {
        List<String> bad = new ArrayList<>();
        collect(tree, "", bad);
        return bad;
    }

    /** {@link IllegalStateException} (a bug in vapr, not bad input) when {@code tree} of {@code file} has a key not allowed. */
    public void check(String file, JsonNode tree) {
        List<String> bad = disallowed(tree);
        if (!bad.isEmpty()) {
            throw new IllegalStateException(file + ": keys not accepted upstream (" + name + "): " + bad);
        }
    }

    private void collect(JsonNode node, String prefix, List<String> bad) {
        if (node == null || !node.isObject()) {
            return;
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            String path = prefix.isEmpty() ? k : prefix + "." + k;
            if (!keys.contains(path)) {
                bad.add(path);
            } else {
                collect(node.get(k), path, bad);
            }
        }
    }
}
