package org.vapr.analysis.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.vapr.analysis.PreferenceSample;
import org.vapr.core.io.Json;

/**
 * The field layout of each source format: how one record becomes zero or more {@link PreferenceSample}s. Sources
 * of the layouts are listed in the README's file-format table.
 */
final class FormatLayouts {
    /** Receives what one record yields. */
    interface Emitter {
        void sample(PreferenceSample s);

        /** A record (or part of one) that is valid but yields no pair, counted by reason. */
        void skip(String reason);
    }

    /** Maps one record. */
    interface Layout {
        void map(RawRecord rec, Emitter out);
    }

    private FormatLayouts() {
    }

    static Layout of(SourceFormat f, PairingMode pairing, long seed) {
        return switch (f) {
            case VAPR -> FormatLayouts::vapr;
            case TRL -> FormatLayouts::trl;
            case LLAMAFACTORY -> FormatLayouts::llamaFactory;
            case LLAVA_NEXT -> FormatLayouts::llavaNext;
            case POVID, SIMA -> FormatLayouts::conversationPair;
            case HA_DPO -> (rec, out) -> haDpo(rec, out, pairing, seed);
            case RLAIF_V -> FormatLayouts::rlaifV;
            case RLHF_V -> FormatLayouts::rlhfV;
            case VLFEEDBACK -> FormatLayouts::vlFeedback;
            case AUTO -> throw new IllegalArgumentException("format must be resolved before reading");
        };
    }

    private static String idOf(RawRecord rec, String field) {
        String id = JsonFields.optText(rec.node(), field);
        if (id != null) {
            return id;
        }
        return rec.key() != null ? rec.key() : String.valueOf(rec.index());
    }

    /** VaPR {@code pairs.jsonl} ({@code PreferencePair}). */
    private static void vapr(RawRecord rec, Emitter out) {
        JsonNode n = rec.node();
        String prompt = JsonFields.text(n, "prompt");
        String chosen = JsonFields.text(n, "chosen");
        String rejected = JsonFields.text(n, "rejected");
        out.sample(new PreferenceSample(idOf(rec, "id"), prompt, chosen, rejected, JsonFields.optText(n, "category"),
                JsonFields.images(n, "image")));
    }

    /** TRL vision DPO: prompt/chosen/rejected as message lists with typed content, or as plain strings. */
    private static void trl(RawRecord rec, Emitter out) {
        JsonNode n = rec.node();
        String prompt = JsonFields.has(n, "prompt") ? messagesText(n.get("prompt"), "prompt", false) : "";
        String chosen = required(n, "chosen");
        String rejected = required(n, "rejected");
        List<String> images = JsonFields.images(n, "images");
        if (images.isEmpty()) {
            images = JsonFields.images(n, "image");
        }
        out.sample(new PreferenceSample(idOf(rec, "id"), prompt, chosen, rejected, JsonFields.optText(n, "category"), images));
    }

    private static String required(JsonNode n, String field) {
        if (!JsonFields.has(n, field)) {
            throw new FieldException(field, "missing");
        }
        return messagesText(n.get(field), field, true);
    }

    /**
     * The text of a TRL field: a string; a message list (the last assistant message when {@code answer}, else the
     * last user message); a message's {@code content} is a string or a list of typed parts whose text parts join.
     */
    static String messagesText(JsonNode v, String path, boolean answer) {
        if (v.isTextual()) {
            return v.asText();
        }
        if (!v.isArray()) {
            throw new FieldException(path, "expected a string or a message list, got " + JsonFields.kind(v));
        }
        if (v.isEmpty()) {
            throw new FieldException(path, "empty message list");
        }
        int pick = v.size() - 1;
        for (int i = v.size() - 1; i >= 0; i--) {
            String role = v.get(i).path("role").asText("");
            if (answer ? role.equals("assistant") : role.equals("user")) {
                pick = i;
                break;
            }
        }
        JsonNode msg = v.get(pick);
        String at = path + "[" + pick + "]";
        if (!msg.isObject()) {
            throw new FieldException(at, "expected a message object, got " + JsonFields.kind(msg));
        }
        JsonNode content = msg.get("content");
        if (content == null || content.isNull()) {
            throw new FieldException(at + ".content", "missing");
        }
        if (content.isTextual()) {
            return content.asText();
        }
        if (!content.isArray()) {
            throw new FieldException(at + ".content", "expected a string or a list of parts, got " + JsonFields.kind(content));
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            if (part.path("type").asText("").equals("text") || part.has("text")) {
                JsonNode t = part.get("text");
                if (t == null || !t.isTextual()) {
                    throw new FieldException(at + ".content[" + i + "].text", "expected a string, got " + JsonFields.kind(t));
                }
                if (!b.isEmpty()) {
                    b.append('\n');
                }
                b.append(t.asText());
            }
        }
        return b.toString();
    }

    /** LLaMA-Factory sharegpt ranking: {@code conversations}, {@code chosen}/{@code rejected} as {from, value}. */
    private static void llamaFactory(RawRecord rec, Emitter out) {
        JsonNode n = rec.node();
        JsonNode conv = JsonFields.array(n, "conversations");
        String prompt = "";
        for (int i = conv.size() - 1; i >= 0; i--) {
            String from = conv.get(i).path("from").asText(conv.get(i).path("role").asText(""));
            if (from.equals("human") || from.equals("user")) {
                prompt = turnValue(conv.get(i), "conversations[" + i + "]");
                break;
            }
        }
        out.sample(new PreferenceSample(idOf(rec, "id"), prompt, turnValue(n.get("chosen"), "chosen"),
                turnValue(n.get("rejected"), "rejected"), JsonFields.optText(n, "category"), JsonFields.images(n, "images")));
    }

    /** A sharegpt turn {from, value} (or {role, content}), or a plain string. */
    private static String turnValue(JsonNode t, String path) {
        if (t == null || t.isNull()) {
            throw new FieldException(path, "missing");
        }
        if (t.isTextual()) {
            return t.asText();
        }
        if (!t.isObject()) {
            throw new FieldException(path, "expected a {from, value} object, got " + JsonFields.kind(t));
        }
        if (t.has("value")) {
            return JsonFields.text(t, "value", path + ".value");
        }
        return JsonFields.text(t, "content", path + ".value");
    }

    /** LLaVA-NeXT DPO: {@code id, prompt, chosen, rejected, image}. */
    private static void llavaNext(RawRecord rec, Emitter out) {
        JsonNode n = rec.node();
        out.sample(new PreferenceSample(idOf(rec, "id"), JsonFields.text(n, "prompt"), JsonFields.text(n, "chosen"),
                JsonFields.text(n, "rejected"), JsonFields.optText(n, "category"), JsonFields.images(n, "image")));
    }

    /** POVID and SIMA: LLaVA {@code conversations} (chosen) and {@code rejected_conversations}; the last gpt turns. */
    private static void conversationPair(RawRecord rec, Emitter out) {
        JsonNode n = rec.node();
        JsonNode chosenConv = JsonFields.array(n, "conversations");
        JsonNode rejectedConv = JsonFields.array(n, "rejected_conversations");
        String prompt = "";
        for (int i = 0; i < chosenConv.size(); i++) {
            if (chosenConv.get(i).path("from").asText("").equals("human")) {
                prompt = turnValue(chosenConv.get(i), "conversations[" + i + "]");
                break;
            }
        }
        out.sample(new PreferenceSample(idOf(rec, "id"), prompt, lastGpt(chosenConv, "conversations"),
                lastGpt(rejectedConv, "rejected_conversations"), null, JsonFields.images(n, "image")));
    }

    private static String lastGpt(JsonNode conv, String field) {
        for (int i = conv.size() - 1; i >= 0; i--) {
            String from = conv.get(i).path("from").asText("");
            if (from.equals("gpt") || from.equals("assistant")) {
                return turnValue(conv.get(i), field + "[" + i + "]");
            }
        }
        throw new FieldException(field, "no gpt turn");
    }

    /**
     * HA-DPO. {@code desc_data.json}: image id → {chosen: [..], rejected: [..]}, all combinations or one seeded pair
     * per image. {@code pope_data.json}: an array of {image_id, question, answer, chosen, reject, correct}; records
     * with {@code correct: true} are skipped, as HA-DPO's training does.
     */
    private static void haDpo(RawRecord rec, Emitter out, PairingMode pairing, long seed) {
        JsonNode n = rec.node();
        if (rec.key() == null) {
            if (n.path("correct").asBoolean(false)) {
                out.skip("ha-dpo: answered correctly (correct: true), not a training pair");
                return;
            }
            String image = JsonFields.optText(n, "image_id");
            out.sample(new PreferenceSample(image == null ? String.valueOf(rec.index()) : image + "#" + rec.index(),
                    JsonFields.text(n, "question"), JsonFields.text(n, "chosen"), JsonFields.text(n, "reject"), null,
                    image == null ? List.of() : List.of(image)));
            return;
        }
        JsonNode chosen = JsonFields.array(n, "chosen");
        JsonNode rejected = JsonFields.array(n, "rejected");
        if (chosen.isEmpty() || rejected.isEmpty()) {
            out.skip("ha-dpo: image without chosen or rejected descriptions");
            return;
        }
        List<String> cs = strings(chosen, "chosen");
        List<String> rs = strings(rejected, "rejected");
        List<String> images = List.of(rec.key());
        if (pairing == PairingMode.ONE_PER_IMAGE) {
            SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + rec.key().hashCode());
            int i = rnd.nextInt(cs.size());
            int j = rnd.nextInt(rs.size());
            out.sample(new PreferenceSample(rec.key() + "#" + i + "-" + j, "", cs.get(i), rs.get(j), null, images));
            return;
        }
        for (int i = 0; i < cs.size(); i++) {
            for (int j = 0; j < rs.size(); j++) {
                out.sample(new PreferenceSample(rec.key() + "#" + i + "-" + j, "", cs.get(i), rs.get(j), null, images));
            }
        }
    }

    private static List<String> strings(JsonNode arr, String field) {
        List<String> out = new ArrayList<>(arr.size());
        for (int i = 0; i < arr.size(); i++) {
            JsonNode e = arr.get(i);
            if (!e.isTextual()) {
                throw new FieldException(field + "[" + i + "]", "expected a string, got " + JsonFields.kind(e));
            }
            out.add(e.asText());
        }
        return out;
    }

    /** RLAIF-V (JSON/JSONL export of its parquet columns): {@code question, chosen, rejected, idx, image_path}. */
    private static void rlaifV(RawRecord rec, Emitter out) {
        JsonNode n = rec.node();
        out.sample(new PreferenceSample(idOf(rec, "idx"), JsonFields.text(n, "question"), JsonFields.text(n, "chosen"),
                JsonFields.text(n, "rejected"), null, JsonFields.images(n, "image_path")));
    }

    /** RLHF-V: column {@code text} holds a JSON string with {@code question, chosen, rejected}. */
    private static void rlhfV(RawRecord rec, Emitter out) {
        JsonNode n = rec.node();
        JsonNode t = n.get("text");
        if (t == null || t.isNull()) {
            throw new FieldException("text", "missing");
        }
        JsonNode inner = t;
        if (t.isTextual()) {
            try {
                inner = Json.mapper().readTree(t.asText());
            } catch (JsonProcessingException e) {
                throw new FieldException("text", "not a JSON object: " + e.getOriginalMessage());
            }
        }
        if (inner == null || !inner.isObject()) {
            throw new FieldException("text", "expected a JSON object (as a string), got " + JsonFields.kind(inner));
        }
        String q = JsonFields.text(inner, "question", "text.question");
        String c = JsonFields.text(inner, "chosen", "text.chosen");
        String r = JsonFields.text(inner, "rejected", "text.rejected");
        out.sample(new PreferenceSample(idOf(rec, "idx"), q, c, r, null, JsonFields.images(n, "image_path")));
    }

    /**
     * VLFeedback: {@code completions} [{annotations: {aspect: {Rating}}, model, response}]. Each completion's score is
     * the mean of its numeric ratings (non-numeric such as "N/A" are left out); the pair is the first best-scored vs
     * the first worst-scored completion. Equal best and worst scores (a tie) and records with fewer than two rated
     * completions are skipped and counted.
     */
    private static void vlFeedback(RawRecord rec, Emitter out) {
        JsonNode n = rec.node();
        JsonNode completions = JsonFields.array(n, "completions");
        int best = -1;
        int worst = -1;
        double bestScore = Double.NEGATIVE_INFINITY;
        double worstScore = Double.POSITIVE_INFINITY;
        int rated = 0;
        for (int i = 0; i < completions.size(); i++) {
            JsonNode c = completions.get(i);
            String path = "completions[" + i + "]";
            if (!c.isObject()) {
                throw new FieldException(path, "expected an object, got " + JsonFields.kind(c));
            }
            JsonFields.text(c, "response", path + ".response");
            JsonNode ann = c.get("annotations");
            if (ann == null || !ann.isObject()) {
                throw new FieldException(path + ".annotations", ann == null ? "missing" : "expected an object, got " + JsonFields.kind(ann));
            }
            double sum = 0;
            int k = 0;
            for (var it = ann.fields(); it.hasNext(); ) {
                var aspect = it.next();
                JsonNode rating = aspect.getValue().path("Rating");
                Double v = rating.isNumber() ? Double.valueOf(rating.asDouble()) : parse(rating.asText(""));
                if (v != null) {
                    sum += v;
                    k++;
                }
            }
            if (k == 0) {
                continue;
            }
            rated++;
            double score = sum / k;
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
            if (score < worstScore) {
                worstScore = score;
                worst = i;
            }
        }
        if (rated < 2) {
            out.skip("vlfeedback: fewer than two rated completions");
            return;
        }
        if (bestScore == worstScore) {
            out.skip("vlfeedback: tie (all completions rated equally)");
            return;
        }
        out.sample(new PreferenceSample(idOf(rec, "id"), JsonFields.optText(n, "prompt") == null ? "" : n.get("prompt").asText(),
                completions.get(best).get("response").asText(), completions.get(worst).get("response").asText(), null,
                JsonFields.images(n, "img_path")));
    }

    private static Double parse(String s) {
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
