package org.vapr.world;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import org.vapr.core.Category;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;
import org.vapr.core.io.JsonlWriter;
import org.vapr.core.manifest.RunManifest;
import org.vapr.core.manifest.Tally;
import org.vapr.core.record.LlavaRecord;
import org.vapr.core.record.Message;

/**
 * Writes a synthetic world to a directory: {@code llava.json} (a LLaVA-665K-shaped JSON array, streamed record
 * by record), {@code scenes.jsonl} (the ground truth, one scene per line), the images, and {@code manifest.json}.
 * The same options give byte-identical files (the manifest's timing fields aside).
 */
public final class WorldSynthesizer {
    private WorldSynthesizer() {
    }

    /** Generates the world described by the options into {@code outDir}. */
    public static SynthReport synthesize(Path outDir, SynthOptions options) throws IOException {
        RunManifest manifest = RunManifest.start("synth");
        Files.createDirectories(outDir);
        RunManifest.invalidate(outDir);
        Path corpus = outDir.resolve("llava.json");
        Path scenesFile = outDir.resolve("scenes.jsonl");
        Path labelsFile = outDir.resolve("labels.jsonl");
        Tally kinds = new Tally();
        Tally categories = new Tally();
        long[] counts = new long[5]; // records, images, scenes, yes, no
        CorpusGenerator gen = new CorpusGenerator(options);
        AtomicFiles.write(corpus, out -> {
            JsonGenerator g = Json.factory().createGenerator(out);
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setRootValueSeparator(null);
            try (JsonlWriter sw = JsonlWriter.open(scenesFile); JsonlWriter lw = JsonlWriter.open(labelsFile)) {
                g.writeRaw("[");
                gen.forEach(item -> {
                    try {
                        g.writeRaw(counts[0] == 0 ? "\n" : ",\n");
                        write(g, item.record());
                        counts[0]++;
                        kinds.add(item.kind().id);
                        for (int t = 0; t < item.categories().size(); t++) {
                            Category c = item.categories().get(t);
                            if (c != null) {
                                categories.add(c.id());
                            }
                            Qa qa = item.qas().size() == item.categories().size() ? item.qas().get(t) : null;
                            lw.write(new TurnLabel(item.record().id(), t, item.kind().id, c != null ? c.id() : item.kind().id,
                                    qa == null ? null : qa.question(), qa == null ? null : qa.longAnswer(),
                                    qa == null ? null : qa.opposite()));
                        }
                        for (Qa qa : item.qas()) {
                            if (qa.yes() != null) {
                                counts[qa.yes() ? 3 : 4]++;
                            }
                        }
                        if (item.scene() != null) {
                            sw.write(item.scene());
                            counts[2]++;
                            if (options.images()) {
                                SceneRenderer.write(item.scene(), options.imageSize(), outDir.resolve(item.scene().image()));
                                counts[1]++;
                            }
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                g.writeRaw("\n]\n");
                g.flush();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        });
        manifest.option("samples", options.samples()).option("records", options.records()).option("seed", options.seed())
                .option("image_size", options.imageSize()).option("images", options.images()).option("mix", options.mix())
                .option("yes_share", options.yesShare())
                .seed("seed", options.seed())
                .count("records", counts[0]).count("images", counts[1]).count("scenes", counts[2])
                .counts("records_by_kind", kinds).counts("turns_by_category", categories)
                .count("yes_answers", counts[3]).count("no_answers", counts[4]);
        if (options.difficulty() != WorldDifficulty.STANDARD) {
            manifest.option("difficulty", options.difficulty().id);
        }
        manifest.write(outDir);
        return new SynthReport(counts[0], counts[1], counts[2], new TreeMap<>(kinds.asMap()), corpus, scenesFile);
    }

    private static void write(JsonGenerator g, LlavaRecord r) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        if (r.image() != null) {
            g.writeStringField("image", r.image());
        }
        g.writeArrayFieldStart("conversations");
        for (Message m : r.conversations()) {
            g.writeStartObject();
            g.writeStringField("from", m.from());
            g.writeStringField("value", m.value());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }
}
