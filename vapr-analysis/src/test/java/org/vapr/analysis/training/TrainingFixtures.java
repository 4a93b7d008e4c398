package org.vapr.analysis.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Synthetic run directories and pair dumps in the training engine's formats (public for the browser test in {@code report}). */
public final class TrainingFixtures {
    private TrainingFixtures() {
    }

    /** A DPO run: 4 logging steps (accuracy 0.5, 0.75, 0.96, 0.97), 2 evaluations, odd extra keys. */
    public static Path dpoRun(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.jsonl"), """
                {"step": 10, "epoch": 0.25, "loss": 0.69, "rewards/chosen": 0.01, "rewards/rejected": -0.02, "rewards/accuracies": 0.5, "rewards/margins": 0.03, "logps/chosen": -12.3, "logps/rejected": -13.1, "learning_rate": 1e-4, "grad_norm": 0.8}
                {"step": 20, "epoch": 0.5, "loss": 0.6, "rewards/chosen": 0.05, "rewards/rejected": -0.1, "rewards/accuracies": 0.75, "rewards/margins": 0.15, "learning_rate": 8e-5, "grad_norm": "NaN", "note": "warmup done"}
                {"step": 20, "epoch": 0.5, "eval_loss": 0.68, "eval_rewards/accuracies": 0.6, "eval_runtime": 1.5}

                {"step": 30, "epoch": 0.75, "loss": 0.5, "rewards/chosen": 0.1, "rewards/rejected": -0.3, "rewards/accuracies": 0.96, "rewards/margins": 0.4, "learning_rate": 5e-5, "grad_norm": 0.5}
                {"step": 40, "epoch": 1.0, "loss": 0.4, "rewards/chosen": 0.12, "rewards/rejected": -0.5, "rewards/accuracies": 0.97, "rewards/margins": 0.62, "learning_rate": 2e-5, "grad_norm": 0.4}
                {"step": 40, "epoch": 1.0, "eval_loss": 0.5, "eval_rewards/accuracies": 0.8, "eval_rewards/margins": 0.3}
                {"step": 40, "epoch": 1.0, "train_runtime": 12.5, "train_loss": 0.55}
                """);
        return dir;
    }

    /**
     * The dump checked by hand in the tests: 4 train pairs at epochs 1 and 2 and one eval pair at epoch 2.
     * Epoch 1: Δθ = 1, 0.5, 2, −1; Δref = 0, 0.005, 3, 1. Epoch 2: Δθ = 2, 1, 3, 0 (same Δref).
     */
    public static Path dump(Path file) throws IOException {
        Files.writeString(file, """
                {"epoch": 1, "split": "train", "id": "p1", "logp_chosen": -10, "logp_rejected": -11, "ref_logp_chosen": -10.5, "ref_logp_rejected": -10.5}
                {"epoch": 1, "split": "train", "id": "p2", "logp_chosen": -12, "logp_rejected": -12.5, "ref_logp_chosen": -12, "ref_logp_rejected": -12.005}
                {"epoch": 1, "split": "train", "id": "p3", "logp_chosen": -8, "logp_rejected": -10, "ref_logp_chosen": -9, "ref_logp_rejected": -12}
                {"epoch": 1, "split": "train", "id": "p4", "logp_chosen": -20, "logp_rejected": -19, "ref_logp_chosen": -20, "ref_logp_rejected": -21}
                {"epoch": 2, "split": "train", "id": "p1", "logp_chosen": -9, "logp_rejected": -11, "ref_logp_chosen": -10.5, "ref_logp_rejected": -10.5}
                {"epoch": 2, "split": "train", "id": "p2", "logp_chosen": -11.5, "logp_rejected": -12.5, "ref_logp_chosen": -12, "ref_logp_rejected": -12.005}
                {"epoch": 2, "split": "train", "id": "p3", "logp_chosen": -7, "logp_rejected": -10, "ref_logp_chosen": -9, "ref_logp_rejected": -12}
                {"epoch": 2, "split": "train", "id": "p4", "logp_chosen": -19, "logp_rejected": -19, "ref_logp_chosen": -20, "ref_logp_rejected": -21}
                {"epoch": 2, "split": "eval", "id": "e1", "logp_chosen": -5, "logp_rejected": -6, "ref_logp_chosen": -5, "ref_logp_rejected": -5.5}
                """);
        return file;
    }

    /** An SFT run: loss, learning rate and gradient norm, one evaluation. */
    public static Path sftRun(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("metrics.jsonl"), """
                {"step": 5, "epoch": 0.5, "loss": 2.1, "learning_rate": 2e-5, "grad_norm": 3.0}
                {"step": 10, "epoch": 1.0, "loss": 1.4, "learning_rate": 1e-5, "grad_norm": 2.0}
                {"step": 10, "epoch": 1.0, "eval_loss": 1.6}
                """);
        return dir;
    }

    /**
     * A DPO run whose reward accuracy rises from 0.5 by {@code saturateBy} over 20 steps (capped at 1), with
     * {@code dump.jsonl}: 50 train pairs at epochs 1 and 2 whose Δref spreads with {@code refScale} (0: all Δref = 0,
     * SIMA-like; large: POVID-like).
     */
    public static Path shapedRun(Path dir, double saturateBy, double refScale) throws IOException {
        Files.createDirectories(dir);
        StringBuilder m = new StringBuilder();
        for (int s = 1; s <= 20; s++) {
            double acc = Math.min(1, 0.5 + saturateBy * s / 20.0);
            m.append(String.format(Locale.ROOT, "{\"step\": %d, \"epoch\": %.2f, \"loss\": %.4f, \"rewards/chosen\": %.3f, "
                    + "\"rewards/rejected\": %.3f, \"rewards/accuracies\": %.3f, \"rewards/margins\": %.3f, \"learning_rate\": 1e-6}%n",
                    s, s / 10.0, 0.69 - 0.02 * s * saturateBy, 0.01 * s, -0.02 * s, acc, 0.03 * s));
        }
        Files.writeString(dir.resolve("metrics.jsonl"), m);
        List<String> lines = new ArrayList<>();
        for (int e = 1; e <= 2; e++) {
            for (int i = 0; i < 50; i++) {
                double ref = refScale * ((i % 10) - 2);
                lines.add(String.format(Locale.ROOT, "{\"epoch\": %d, \"split\": \"train\", \"id\": \"x%d\", \"logp_chosen\": %.4f, "
                        + "\"logp_rejected\": -20, \"ref_logp_chosen\": %.4f, \"ref_logp_rejected\": -20}",
                        e, i, -20 + ref + 0.3 * e * (i % 3), -20 + ref));
            }
        }
        Files.write(dir.resolve("dump.jsonl"), lines);
        return dir;
    }
}
