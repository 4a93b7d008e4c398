package org.vapr.cli.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vapr.world.WorldDifficulty;

/**
 * The sizes and hyperparameters of one demo run: {@link #quick()} for CI (about 1 minute on 2 cores) and {@link #full()}
 * (about 6 minutes; the target is 15). Everything else (seed, threads, output directory) comes from the command line.
 *
 * @param name             {@code quick} or {@code full}
 * @param scenes           training-world scenes (one record each)
 * @param difficulty       the world's difficulty (the calibrated demo world)
 * @param imageSize        image side in pixels, of the world, the benchmarks and the model
 * @param yesShare         share of "yes" among the corpus' yes/no answers (a real corpus' prior: above one half)
 * @param popeScenes       POPE images per split
 * @param naturalBenchGroups NaturalBench groups of four
 * @param mcQuestions      multiple-choice questions
 * @param pairs            pairs each dataset builder is asked for (the same sampled turns for all three editors)
 * @param pairScenes       world scenes beyond {@code scenes} whose turns (of the SFT categories) only the pair builders
 *                         see, scenes the SFT model never trained on ({@code vapr demo --pair-scenes}); 0, both plans'
 *                         default: the pairs are sampled from the SFT corpus itself, as the paper samples them from
 *                         LLaVA-665K, LLaVA-1.5's own SFT data
 * @param pairShares       the question categories the pairs are sampled from, with their shares (the builder's
 *                         {@code --distribution}); the pairs come from the SFT categories, as the paper samples them
 *                         from the SFT data (LLaVA-665K); empty: the paper's Table 1 over the whole world corpus
 * @param worldSentences   the pairs' chosen answers are the world's own sentences for their questions, and a yes/no
 *                         pair's rejected answer the world's sentence for the other answer ({@link WorldSentences}: a
 *                         stand-in for an editor LLM writing in the edited model's style; {@code vapr demo
 *                         --world-sentences}); false, both plans' default: the rule extension and the rule editor, as
 *                         {@code vapr build} makes pairs from any corpus (some of their sentences are outside the world's
 *                         templates: docs/CALIBRATION.md, seventh round)
 * @param evalShare        share of the common pairs held out as DPO evaluation pairs
 * @param balanceYesNo     keep as many yes/no pairs preferring "no" as preferring "yes" (the corpus' yes prior would
 *                         otherwise be the pairs' prior too, and DPO would reward "yes" more often than "no")
 * @param sftEpochs        SFT epochs on the world corpus
 * @param sftBatch         SFT rows per step
 * @param sftCategories    the question categories of the world corpus the SFT model learns from (labels.jsonl);
 *                         empty: every turn
 * @param sftEscapeEpochs  most extra SFT epochs, one at a time, while the SFT model still answers "yes" to (almost)
 *                         every question of a small validation POPE (held-out scenes of another seed than the
 *                         benchmarks): the "always yes" plateau small models go through first, which some seeds do
 *                         not leave within {@code sftEpochs} (docs/CALIBRATION.md, fifth round); 0: no check
 * @param dpoEpochs        DPO epochs (also the SFT-on-VaPR epochs, so both take the same number of steps)
 * @param dpoLearningRate  the DPO peak learning rate (also SFT-on-VaPR's), replacing the world preset's (LoRA) 2e-4
 * @param dpoFull          DPO with full fine-tuning instead of LoRA, as the SFT and SFT-on-VaPR runs train, so the
 *                         SFT-on-VaPR baseline and DPO differ only in their objective
 * @param dpoSftWeight     weight of the chosen answers' cross-entropy added to the DPO loss (0: plain DPO)
 * @param dpoBeta          DPO's β, for all three DPO runs and the scaling sweep
 * @param conditionalWeight weight of mDPO's conditional term in all three DPO runs ({@code vapr train dpo
 *                         --conditional-weight}): each training pair whose question the world can answer differently
 *                         after a minimal scene edit ({@link org.vapr.world.ContrastScenes}: existence, counting and color
 *                         questions) gets a contrast image on which its chosen answer is wrong, the same image for the
 *                         three datasets (they share the chosen answers); 0: plain DPO, no contrast images
 * @param scalingShares    nested shares of the VaPR training pairs for the scaling sweep, ascending, the last 1.0
 * @param bootstrapSamples bootstrap replicates of every interval
 * @param evalBatch        questions per generation batch
 */
public record DemoPlan(String name, int scenes, WorldDifficulty difficulty, int imageSize, double yesShare, int popeScenes,
                       int naturalBenchGroups, int mcQuestions, int pairs, int pairScenes, Map<String, Double> pairShares, boolean worldSentences, double evalShare, boolean balanceYesNo, int sftEpochs, int sftBatch,
                       List<String> sftCategories, int sftEscapeEpochs, int dpoEpochs,
                       double dpoLearningRate, boolean dpoFull, double dpoSftWeight, double dpoBeta, double conditionalWeight,
                       List<Double> scalingShares, int bootstrapSamples, int evalBatch) {
    public DemoPlan {
        scalingShares = List.copyOf(scalingShares);
        sftCategories = List.copyOf(sftCategories);
        pairShares = Collections.unmodifiableMap(new LinkedHashMap<>(pairShares));
        if (!pairShares.isEmpty() && !sftCategories.containsAll(pairShares.keySet())) {
            throw new IllegalArgumentException("pair categories " + pairShares.keySet() + " must be SFT categories " + sftCategories);
        }
        if (pairScenes < 0) {
            throw new IllegalArgumentException("pair scenes must be zero or positive");
        }
        if (!(dpoBeta > 0) || !(conditionalWeight >= 0)) {
            throw new IllegalArgumentException("DPO beta must be positive and the conditional weight zero or more");
        }
        if (scalingShares.isEmpty() || scalingShares.get(scalingShares.size() - 1) != 1.0) {
            throw new IllegalArgumentException("scaling shares must end with 1.0");
        }
    }

    /**
     * The SFT corpus of both plans: the existence, counting and color questions, as in the calibration prototype. With
     * those alone (20,335 turns of the 8,000-scene world), batch 32 and 3 epochs (1,908 steps), the model escaped the
     * "always yes" plateau of existence questions: held-out POPE 0.80 with a yes-ratio of 0.67 (docs/CALIBRATION.md,
     * third round); on the whole corpus (28,810 turns, 1,804 steps of 64) it answered "yes" to every POPE question.
     */
    static final List<String> SFT_CATEGORIES = List.of("existence", "counting", "color");

    /**
     * The pairs' categories: half existence (the skill POPE measures), a quarter each counting and color, all from the
     * SFT corpus. DPO on the SFT model's own corpus and categories, at a learning rate ten times below the world
     * preset's, was the first setting that moved POPE the right way (docs/CALIBRATION.md, fourth round): at 2e-3, or
     * with pairs of categories the SFT model never learned, DPO cost 2–20 accuracy points.
     */
    static final Map<String, Double> PAIR_SHARES;

    static {
        Map<String, Double> shares = new LinkedHashMap<>();
        shares.put("existence", 0.5);
        shares.put("counting", 0.25);
        shares.put("color", 0.25);
        PAIR_SHARES = Collections.unmodifiableMap(shares);
    }

    /**
     * The DPO learning rate of both plans (also SFT-on-VaPR's), with full fine-tuning. Fourth and fifth rounds: at β 0.1,
     * 2e-3 cost 7–20 accuracy points and 2e-4 cost seed 7 14 POPE F1 points; 1e-4 moved the yes-ratio, not accuracy.
     * Eighth round: with β 1 and the conditional term, 3e-4 gained most on two seeds' SFT models (6e-4 less); without
     * the term, the same step collapsed seed 7's short answers (docs/CALIBRATION.md).
     */
    static final double DPO_LEARNING_RATE = 3e-4;

    /**
     * DPO's β in both plans: 1, ten times the paper's 0.1, keeps the small model's policy near its SFT reference; at 0.1
     * DPO moved seed 7's yes/no balance and cost it 4.4 POPE F1 points (docs/CALIBRATION.md, eighth round).
     */
    static final double DPO_BETA = 1.0;

    /**
     * The weight of mDPO's conditional term in both plans; 3 gave the same as 1 (docs/CALIBRATION.md, eighth round).
     */
    static final double CONDITIONAL_WEIGHT = 1.0;

    /** CI size: a small world, short SFT, small benchmarks. */
    public static DemoPlan quick() {
        return new DemoPlan("quick", 600, WorldDifficulty.DEMO, 48, 0.65, 60, 40, 80, 300, 0, PAIR_SHARES, false, 0.2, true, 3, 32, SFT_CATEGORIES, 1, 1,
                DPO_LEARNING_RATE, true, 0.0, DPO_BETA, CONDITIONAL_WEIGHT,
                List.of(0.25, 0.5, 1.0), 1000, 64);
    }

    /** The full demo. */
    public static DemoPlan full() {
        return new DemoPlan("full", 8000, WorldDifficulty.DEMO, 48, 0.65, 200, 200, 600, 3000, 0, PAIR_SHARES, false, 0.15, true, 3, 32, SFT_CATEGORIES, 2, 1,
                DPO_LEARNING_RATE, true, 0.0, DPO_BETA, CONDITIONAL_WEIGHT,
                List.of(0.2, 0.5, 1.0), 1000, 64);
    }

    /**
     * This plan with {@code pairScenes} more world scenes for the pairs only. 2,000 with the full plan (about 5,000
     * turns of the SFT categories for 3,000 pairs) left the SFT model unchanged and VaPR-DPO still level with it
     * (docs/CALIBRATION.md, sixth round).
     */
    public DemoPlan withPairScenes(int pairScenes) {
        return copy(pairScenes, worldSentences, dpoLearningRate, dpoBeta, conditionalWeight);
    }

    /** This plan with or without the world's own sentences in the pairs ({@code vapr demo --world-sentences}: with). */
    public DemoPlan withWorldSentences(boolean worldSentences) {
        return copy(pairScenes, worldSentences, dpoLearningRate, dpoBeta, conditionalWeight);
    }

    /**
     * This plan with another DPO objective ({@code vapr demo --dpo-lr --dpo-beta --conditional-weight}); the paper's is
     * β 0.1 without the conditional term.
     */
    public DemoPlan withDpoObjective(double learningRate, double beta, double conditionalWeight) {
        return copy(pairScenes, worldSentences, learningRate, beta, conditionalWeight);
    }

    private DemoPlan copy(int pairScenes, boolean worldSentences, double dpoLearningRate, double dpoBeta, double conditionalWeight) {
        return new DemoPlan(name, scenes, difficulty, imageSize, yesShare, popeScenes, naturalBenchGroups, mcQuestions, pairs,
                pairScenes, pairShares, worldSentences, evalShare, balanceYesNo, sftEpochs, sftBatch, sftCategories, sftEscapeEpochs,
                dpoEpochs, dpoLearningRate, dpoFull, dpoSftWeight, dpoBeta, conditionalWeight, scalingShares, bootstrapSamples, evalBatch);
    }
}
