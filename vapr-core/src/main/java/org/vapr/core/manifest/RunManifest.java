package org.vapr.core.manifest;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Digests;
import org.vapr.core.io.Json;

/**
 * The {@code manifest.json} written beside every output: tool version, command and options (anything that
 * looks like a secret is removed), input hashes, seeds, rule and template hashes, counts, and start/end time.
 * Everything except {@code started_at}, {@code finished_at} and {@code elapsed_seconds} is a function of the
 * inputs and options, so two runs can be compared with {@link #TIMING_KEYS} left out.
 */
public final class RunManifest {
    /** The keys that hold wall-clock times and differ between otherwise identical runs. */
    public static final java.util.Set<String> TIMING_KEYS = java.util.Set.of("started_at", "finished_at", "elapsed_seconds");

    /**
     * Option names that hold secrets. {@code token} matches {@code token}, {@code hf_token}, {@code accessToken}, but
     * not {@code max_tokens} or {@code tokenizer}, which are ordinary settings the manifest must keep.
     */
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(api[-_]?key|token(?!s|iz)|secret|password|authorization).*");
    private static final String REDACTED = "<redacted>";
    private static final String VERSION = loadVersion();
    private static final java.util.Set<String> RESERVED = java.util.Set.of("tool", "version", "command", "options",
            "inputs", "seeds", "hashes", "counts", "started_at", "finished_at", "elapsed_seconds");

    private final Clock clock;
    private final Instant started;
    private final String command;
    private final Map<String, Object> options = new TreeMap<>();
    private final Map<String, Object> inputs = new TreeMap<>();
    private final Map<String, Long> seeds = new TreeMap<>();
    private final Map<String, String> hashes = new TreeMap<>();
    private final Map<String, Object> counts = new TreeMap<>();
    private final Map<String, Object> extra = new TreeMap<>();

    private RunManifest(String command, Clock clock) {
        this.command = command;
        this.clock = clock;
        this.started = clock.instant();
    }

    /** Starts a manifest for a command (e.g. {@code build}); the clock gives start and end times. */
    public static RunManifest start(String command, Clock clock) {
        return new RunManifest(command, clock);
    }

    public static RunManifest start(String command) {
        return start(command, Clock.systemUTC());
    }

    /** The vapr version, from the build. */
    public static String toolVersion() {
        return VERSION;
    }

    /**
     * Records an option; options whose names look like secrets are recorded as {@code "<redacted>"}, and so are
     * such entries of maps nested in an option's value.
     */
    public RunManifest option(String name, Object value) {
        options.put(name, isSecretName(name) ? REDACTED : redactNested(value));
        return this;
    }

    private static boolean isSecretName(Object name) {
        return name != null && SECRET_NAME.matcher(name.toString()).matches();
    }

    /** A copy of maps and collections with the values of secret-named map keys redacted; other values as they are. */
    private static Object redactNested(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, isSecretName(k) ? REDACTED : redactNested(v)));
            return copy;
        }
        if (value instanceof java.util.Collection<?> c) {
            return c.stream().map(RunManifest::redactNested).toList();
        }
        return value;
    }

    /** Records an input file with its size and SHA-256. */
    public RunManifest input(String role, Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", file.toString());
        m.put("bytes", java.nio.file.Files.size(file));
        m.put("sha256", Digests.sha256(file));
        inputs.put(role, m);
        return this;
    }

    public RunManifest seed(String name, long value) {
        seeds.put(name, value);
        return this;
    }

    /** Records the hash of a rule file, template or other configuration the output depends on. */
    public RunManifest hash(String name, String sha256) {
        hashes.put(name, sha256);
        return this;
    }

    /** Records a group of counts (e.g. {@code dropped_by_reason}). */
    public RunManifest counts(String group, Tally tally) {
        counts.put(group, new TreeMap<>(tally.asMap()));
        return this;
    }

    /** Records a single count. */
    public RunManifest count(String name, long value) {
        counts.put(name, value);
        return this;
    }

    /** Records any other value (a summary statistic, a nested map); must serialize deterministically. */
    public RunManifest put(String key, Object value) {
        if (RESERVED.contains(key)) {
            throw new IllegalArgumentException("manifest key '" + key + "' is reserved");
        }
        extra.put(key, value);
        return this;
    }

    /** Builds the JSON object, finishing the timing now. */
    public Map<String, Object> toMap() {
        Instant end = clock.instant();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", "vapr");
        m.put("version", VERSION);
        m.put("command", command);
        m.put("options", options);
        m.put("inputs", inputs);
        m.put("seeds", seeds);
        m.put("hashes", hashes);
        m.put("counts", counts);
        m.putAll(extra);
        m.put("started_at", started.toString());
        m.put("finished_at", end.toString());
        m.put("elapsed_seconds", Double.parseDouble(String.format(Locale.ROOT, "%.3f",
                (end.toEpochMilli() - started.toEpochMilli()) / 1000.0)));
        return m;
    }

    /**
     * Removes {@code dir/manifest.json} at the start of a run. The manifest is written last, so a directory
     * without one holds an unfinished or failed run, never a stale manifest describing other files.
     */
    public static void invalidate(Path dir) throws IOException {
        java.nio.file.Files.deleteIfExists(dir.resolve("manifest.json"));
    }

    /** Writes {@code dir/manifest.json} atomically (pretty-printed, trailing newline). */
    public Path write(Path dir) throws IOException {
        Path target = dir.resolve("manifest.json");
        // The shared mapper sorts map keys (so nested maps are byte-stable); that would also sort the top level,
        // so build it as a tree, which keeps the documented key order.
        com.fasterxml.jackson.databind.node.ObjectNode root = Json.mapper().createObjectNode();
        toMap().forEach((k, v) -> {
            if (v != null) { // nulls are omitted, as everywhere else
                root.set(k, Json.mapper().valueToTree(v));
            }
        });
        byte[] bytes = Json.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        AtomicFiles.write(target, out -> {
            out.write(bytes);
            out.write('\n');
        });
        return target;
    }

    private static String loadVersion() {
        try (InputStream in = RunManifest.class.getResourceAsStream("/org/vapr/core/version.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
