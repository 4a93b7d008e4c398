package org.vapr.eval.judge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.vapr.llm.ChatMessage;
import org.vapr.llm.ChatRequest;

/**
 * MM-Vet: the judge completes a few-shot table row "question | ground truth | prediction | " with a correctness in
 * {0.0, 0.1, …, 1.0}. An unreadable reply is asked again with "Predict the correctness of the answer (digit): "
 * appended and a rising temperature (0, 0, 0.5, 1.0, 1.5); after {@value #ATTEMPTS} unreadable replies the score
 * is 0 and counted as a failure. The score is 100 · mean, overall and per capability (an item counts towards each
 * of its capabilities).
 */
public final class MmVetJudge {
    /** Replies asked for at most, per item. */
    public static final int ATTEMPTS = 5;
    /** The official few-shot prompt. */
    public static final String PROMPT = load();

    private MmVetJudge() {
    }

    /** The request of attempt {@code attempt} (0-based): at most 3 tokens. */
    public static ChatRequest request(String question, String groundTruth, String prediction, int attempt) {
        String gt = groundTruth.replace("<AND>", " <AND> ").replace("<OR>", " <OR> ");
        String content = PROMPT + "\n" + String.join(" | ", question, gt, prediction, "");
        if (attempt > 0) {
            content += "\nPredict the correctness of the answer (digit): ";
        }
        return new ChatRequest(List.of(ChatMessage.user(content)), null, temperature(attempt), 3);
    }

    /** The temperature of attempt {@code attempt}: 0 for the first two, then rising by 0.5. */
    public static double temperature(int attempt) {
        return attempt <= 1 ? 0.0 : 0.5 * (attempt - 1);
    }

    /** The correctness in a reply: its first space-separated word as a number in [0, 1]; empty when not. */
    public static OptionalDouble parse(String reply) {
        try {
            double v = Double.parseDouble(reply.split(" ", -1)[0].strip());
            return v >= 0 && v <= 1 ? OptionalDouble.of(v) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /**
     * One graded item.
     *
     * @param id           the item
     * @param capabilities its capabilities ({@code rec}, {@code ocr}, {@code know}, {@code gen}, {@code spat}, {@code math})
     * @param score        the correctness in [0, 1] (0 after {@value #ATTEMPTS} failures)
     * @param attempts     replies asked for
     * @param failed       whether no reply was readable
     * @param reply        the last reply
     */
    public record Grade(String id, List<String> capabilities, double score, int attempts, boolean failed, String reply) {
    }

    /** {@code total} and each capability in name order: 100 · mean correctness. */
    public static Map<String, Double> summarize(List<Grade> grades) {
        Map<String, double[]> sums = new TreeMap<>();
        double total = 0;
        for (Grade g : grades) {
            total += g.score();
            for (String c : new java.util.TreeSet<>(g.capabilities())) {
                double[] s = sums.computeIfAbsent(c, k -> new double[2]);
                s[0] += g.score();
                s[1]++;
            }
        }
        Map<String, Double> out = new java.util.LinkedHashMap<>();
        out.put("total", grades.isEmpty() ? Double.NaN : 100 * total / grades.size());
        sums.forEach((k, s) -> out.put(k, 100 * s[0] / s[1]));
        return out;
    }

    /** Failures among grades. */
    public static int failures(List<Grade> grades) {
        return (int) grades.stream().filter(Grade::failed).count();
    }

    private static String load() {
        try (InputStream in = MmVetJudge.class.getResourceAsStream("mm-vet-prompt.txt")) {
            String s = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return s.endsWith("\n") ? s : s + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
