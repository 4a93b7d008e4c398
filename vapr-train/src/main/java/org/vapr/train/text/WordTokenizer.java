package org.vapr.train.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.vapr.core.InputException;
import org.vapr.core.io.AtomicFiles;
import org.vapr.core.io.Json;
import org.vapr.core.text.WordTokens;

/**
 * A word-level tokenizer for the synthetic world's small model. Words are split as {@link WordTokens} splits them
 * (punctuation marks are their own tokens) and keep their case, so decoded text reads like the corpus ("Yes, there
 * is a red circle."); decoding re-attaches punctuation, hyphens and slashes ("medium-sized"), and a point between digits ("0.61"). The vocabulary is the specials followed by every word seen at least {@code minCount} times,
 * most frequent first (ties in code-point order), so the same corpus always gives the same ids; other words map to
 * {@code <unk>}. Saved as {@code tokenizer.json} with {@code "type": "vapr-word"}.
 */
public final class WordTokenizer {
    /** The {@code type} written to and required in {@code tokenizer.json}. */
    public static final String TYPE = "vapr-word";
    public static final String PAD = "<pad>";
    public static final String BOS = "<bos>";
    public static final String EOS = "<eos>";
    public static final String UNK = "<unk>";
    public static final String IMAGE = "<image>";
    public static final String USER = "<|user|>";
    public static final String ASSISTANT = "<|assistant|>";
    /** The special tokens, in id order ({@code <pad>} is 0). */
    public static final List<String> SPECIALS = List.of(PAD, BOS, EOS, UNK, IMAGE, USER, ASSISTANT);

    private final List<String> words;
    private final Map<String, Integer> ids;

    private WordTokenizer(List<String> words) {
        this.words = List.copyOf(words);
        this.ids = new HashMap<>();
        for (int i = 0; i < words.size(); i++) {
            if (ids.putIfAbsent(words.get(i), i) != null) {
                throw new IllegalArgumentException("duplicate vocabulary entry " + words.get(i));
            }
        }
    }

    /** A tokenizer whose vocabulary is the specials plus every word of {@code texts} seen {@code minCount}+ times. */
    public static WordTokenizer build(Iterable<String> texts, int minCount) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            for (String w : WordTokens.of(text)) {
                counts.merge(w, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> kept = new ArrayList<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            if (e.getValue() >= minCount && !SPECIALS.contains(e.getKey())) {
                kept.add(e);
            }
        }
        kept.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> vocab = new ArrayList<>(SPECIALS);
        kept.forEach(e -> vocab.add(e.getKey()));
        return new WordTokenizer(vocab);
    }

    /** A tokenizer with exactly this vocabulary (specials first, in {@link #SPECIALS} order). */
    public static WordTokenizer of(List<String> vocabulary) {
        if (vocabulary.size() < SPECIALS.size() || !vocabulary.subList(0, SPECIALS.size()).equals(SPECIALS)) {
            throw new IllegalArgumentException("the vocabulary must start with " + SPECIALS);
        }
        return new WordTokenizer(vocabulary);
    }

    /** Ids of the words of {@code text} (no specials added). */
    public int[] encode(String text) {
        List<String> tokens = WordTokens.of(text);
        int[] out = new int[tokens.size()];
        int unk = unkId();
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.getOrDefault(tokens.get(i), unk);
        }
        return out;
    }

    /** Readable text of {@code ids}: special tokens dropped, words spaced, punctuation re-attached. */
    public String decode(int[] ids) {
        StringBuilder sb = new StringBuilder();
        boolean glueNext = false;
        boolean previousIsNumber = false;
        for (int id : ids) {
            if (id < SPECIALS.size() && id != unkId()) {
                continue;
            }
            String w = token(id);
            boolean attachLeft = w.length() == 1 && ",.?!;:)]}%-/".indexOf(w.charAt(0)) >= 0;
            if (!sb.isEmpty() && !attachLeft && !glueNext) {
                sb.append(' ');
            }
            sb.append(w);
            glueNext = w.length() == 1 && "([{$-/".indexOf(w.charAt(0)) >= 0
                    || w.equals(".") && previousIsNumber;
            previousIsNumber = !w.isEmpty() && w.chars().allMatch(Character::isDigit);
        }
        return sb.toString();
    }

    /** The token string of {@code id}. */
    public String token(int id) {
        if (id < 0 || id >= words.size()) {
            throw new IllegalArgumentException("token id " + id + " is outside the vocabulary of " + words.size());
        }
        return words.get(id);
    }

    /** The id of a token string, or {@code <unk>}'s id. */
    public int id(String token) {
        return ids.getOrDefault(token, unkId());
    }

    /** Vocabulary size. */
    public int size() {
        return words.size();
    }

    public int padId() {
        return 0;
    }

    public int bosId() {
        return 1;
    }

    public int eosId() {
        return 2;
    }

    public int unkId() {
        return 3;
    }

    public int imageId() {
        return 4;
    }

    public int userId() {
        return 5;
    }

    public int assistantId() {
        return 6;
    }

    /** The vocabulary in id order. */
    public List<String> vocabulary() {
        return Collections.unmodifiableList(words);
    }

    /** Writes {@code tokenizer.json}-style JSON to {@code file}, atomically. */
    public void save(Path file) {
        Map<String, Object> json = new TreeMap<>();
        json.put("type", TYPE);
        json.put("lowercase", false);
        json.put("specials", SPECIALS);
        json.put("vocab", words);
        try {
            AtomicFiles.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads a tokenizer written by {@link #save}. */
    public static WordTokenizer load(Path file) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read tokenizer: " + e.getMessage());
        }
        if (root == null || !TYPE.equals(root.path("type").asText())) {
            throw new InputException(file + ": field type must be \"" + TYPE + "\"");
        }
        JsonNode vocab = root.get("vocab");
        if (vocab == null || !vocab.isArray()) {
            throw new InputException(file + ": field vocab must be an array of strings");
        }
        List<String> words = new ArrayList<>();
        vocab.forEach(n -> words.add(n.asText()));
        if (words.size() < SPECIALS.size() || !words.subList(0, SPECIALS.size()).equals(SPECIALS)) {
            throw new InputException(file + ": field vocab must start with the specials " + SPECIALS);
        }
        try {
            return new WordTokenizer(words);
        } catch (IllegalArgumentException e) {
            throw new InputException(file + ": field vocab: " + e.getMessage());
        }
    }
}
