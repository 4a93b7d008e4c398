package org.vapr.train.loop;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.vapr.core.InputException;
import org.vapr.train.model.CausalVlm;

/**
 * The training loop, short on purpose: for each optimizer step, in a child {@link NDManager} closed after it, reseed the
 * engine from {@code (seed, step)}, zero the gradients, run the step's micro-batches forward and backward (each loss
 * divided by the number of micro-batches), measure the global gradient norm, clip, and apply AdamW at the scheduled
 * learning rate. The data order of each epoch is a seeded permutation. Metrics are averaged over the logging window
 * (equal weight per micro-batch); at each epoch end an optional {@link EpochEndEvaluation} runs. Everything else is a
 * {@link TrainingListener}. A run resumed from a {@link LoopCheckpoint} continues exactly as the uninterrupted run.
 */
public final class TrainingLoop {
    private final CausalVlm model;
    private final Objective objective;
    private final LoopSettings settings;
    private final EpochEndEvaluation evaluation;
    private final List<TrainingListener> listeners;
    private final Map<String, AppendLog> logs = new LinkedHashMap<>();
    private final String fingerprint;
    private final long stepsPerEpoch;
    private final long totalSteps;
    private final int microPerEpoch;
    private final LearningRateSchedule schedule;
    private Map<String, NDArray> trainable;
    private AdamW optimizer;
    private final List<Map<String, Double>> window = new ArrayList<>();
    private long completed;

    /**
     * @param evaluation epoch-end work, or {@code null}
     * @param listeners  called in this order
     */
    public TrainingLoop(CausalVlm model, Objective objective, LoopSettings settings, EpochEndEvaluation evaluation,
                        List<TrainingListener> listeners) {
        if (objective.size() == 0) {
            throw new IllegalArgumentException("no training examples");
        }
        this.model = model;
        this.objective = objective;
        this.settings = settings;
        this.evaluation = evaluation;
        this.listeners = List.copyOf(listeners);
        this.microPerEpoch = (objective.size() + settings.microBatch() - 1) / settings.microBatch();
        this.stepsPerEpoch = (microPerEpoch + settings.gradAccum() - 1) / settings.gradAccum();
        this.totalSteps = stepsPerEpoch * settings.epochs();
        this.schedule = LearningRateSchedule.of(settings.learningRate(), settings.warmupRatio(), totalSteps,
                settings.schedule());
        this.fingerprint = settings + " examples=" + objective.size() + " objective=" + objective.describe();
    }

    /** Registers an append-only output; checkpoints record its length and a resume cuts it back to that. */
    public TrainingLoop track(AppendLog log) {
        logs.put(log.file().getFileName().toString(), log);
        return this;
    }

    public long stepsPerEpoch() {
        return stepsPerEpoch;
    }

    public long totalSteps() {
        return totalSteps;
    }

    /** Optimizer steps completed so far (restored from the checkpoint on resume). */
    public long completedSteps() {
        return completed;
    }

    public LearningRateSchedule schedule() {
        return schedule;
    }

    /** The settings fingerprint stored in checkpoints. */
    public String fingerprint() {
        return fingerprint;
    }

    /**
     * The examples of {@code epoch} (0-based) in training order: a permutation seeded by the seed and the epoch; with
     * {@link LoopSettings#groupByLength} its mega-batches are sorted by length and the micro-batches shuffled.
     */
    public int[] order(int epoch) {
        int n = objective.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(mix(settings.seed(), 0x5EED0000L + epoch));
        shuffle(order, random);
        return settings.groupByLength() ? groupByLength(order, random) : order;
    }

    private int[] groupByLength(int[] order, SplittableRandom random) {
        int n = order.length;
        int micro = settings.microBatch();
        int mega = micro * LoopSettings.MEGA_BATCH;
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = order[i];
        }
        for (int from = 0; from < n; from += mega) { // longest first inside each mega-batch; ties keep the permutation
            java.util.Arrays.sort(boxed, from, Math.min(n, from + mega),
                    java.util.Comparator.comparingInt((Integer e) -> objective.length(e)).reversed());
        }
        int chunks = (n + micro - 1) / micro;
        int[] chunkOrder = new int[chunks];
        for (int i = 0; i < chunks; i++) {
            chunkOrder[i] = i;
        }
        // the last, possibly short, micro-batch stays last so every optimizer step but the last is full
        int full = n % micro == 0 ? chunks : chunks - 1;
        shuffle(java.util.Arrays.copyOf(chunkOrder, full), random, chunkOrder);
        int[] grouped = new int[n];
        int k = 0;
        for (int c : chunkOrder) {
            for (int i = c * micro; i < Math.min(n, (c + 1) * micro); i++) {
                grouped[k++] = boxed[i];
            }
        }
        return grouped;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Shuffles {@code head} and writes it over the start of {@code into}. */
    private static void shuffle(int[] head, SplittableRandom random, int[] into) {
        shuffle(head, random);
        System.arraycopy(head, 0, into, 0, head.length);
    }

    /**
     * Trains to the last step.
     *
     * @param resumeFrom a checkpoint directory to continue from, or {@code null} for a fresh run
     * @return the number of optimizer steps of the run
     */
    public long run(Path resumeFrom) throws IOException {
        Engine engine = Engine.getInstance();
        trainable = model.trainableParameters();
        if (trainable.isEmpty()) {
            throw new IllegalStateException("the model has no trainable parameters");
        }
        NDManager root = trainable.values().iterator().next().getManager();
        for (NDArray p : trainable.values()) {
            if (!p.hasGradient()) {
                p.setRequiresGradient(true);
            }
        }
        boolean completedNormally = false;
        try (NDManager loopManager = root.newSubManager(); AdamW adam = new AdamW(settings.adamW(), loopManager)) {
            optimizer = adam;
            if (resumeFrom != null) {
                restore(resumeFrom, loopManager);
            } else {
                logs.values().forEach(l -> l.truncate(0));
            }
            listeners.forEach(l -> l.onStart(this));
            int cachedEpoch = -1;
            int[] order = null;
            while (completed < totalSteps) {
                int epoch = (int) (completed / stepsPerEpoch);
                if (epoch != cachedEpoch) {
                    order = order(epoch);
                    cachedEpoch = epoch;
                }
                step(engine, loopManager, order, (int) (completed % stepsPerEpoch));
                completed++;
                if (completed % settings.logEvery() == 0 || completed == totalSteps) {
                    LoggedMetrics line = new LoggedMetrics(completed, epochOf(completed), windowAverages());
                    window.clear();
                    listeners.forEach(l -> l.onLog(line));
                }
                if (completed % stepsPerEpoch == 0 && evaluation != null) {
                    Map<String, Double> metrics;
                    try (NDManager evalManager = loopManager.newSubManager()) {
                        metrics = evaluation.evaluate(epoch + 1, evalManager);
                    }
                    if (!metrics.isEmpty()) {
                        LoggedMetrics line = new LoggedMetrics(completed, epochOf(completed), metrics);
                        listeners.forEach(l -> l.onEvaluation(line));
                    }
                }
                long done = completed;
                listeners.forEach(l -> l.afterStep(this, done));
            }
            completedNormally = true;
        } finally {
            boolean ok = completedNormally;
            listeners.forEach(l -> l.onFinish(this, ok));
            optimizer = null;
        }
        return totalSteps;
    }

    private double lastGradNorm;
    private double lastLearningRate;

    private void step(Engine engine, NDManager loopManager, int[] order, int cycle) {
        int firstMicro = cycle * settings.gradAccum();
        int lastMicro = Math.min(firstMicro + settings.gradAccum(), microPerEpoch);
        int micros = lastMicro - firstMicro;
        long stepNumber = completed + 1;
        try (NDManager sm = loopManager.newSubManager()) {
            engine.setRandomSeed((int) (mix(settings.seed(), completed) & 0x7fffffffL));
            zeroGradients(sm);
            double lossSum = 0;
            for (int micro = firstMicro; micro < lastMicro; micro++) {
                int from = micro * settings.microBatch();
                int to = Math.min(from + settings.microBatch(), order.length);
                int[] examples = java.util.Arrays.copyOfRange(order, from, to);
                try (GradientCollector collector = engine.newGradientCollector()) {
                    MicroBatchResult r = objective.forward(sm, examples, true);
                    collector.backward(r.loss().div(sm.full(new Shape(), (float) micros)));
                    window.add(r.metrics());
                    lossSum += r.metrics().getOrDefault("loss", (double) r.loss().getFloat());
                }
            }
            Map<String, NDArray> grads = gradients(sm);
            double norm = globalNorm(grads);
            double lr = schedule.at(completed);
            StepGradients g = new StepGradients(stepNumber, lossSum / micros, norm, lr);
            listeners.forEach(l -> l.onGradients(g));
            if (settings.maxGradNorm() > 0) {
                double coef = Math.min(1.0, settings.maxGradNorm() / (norm + 1e-6));
                if (coef < 1.0) {
                    grads.values().forEach(a -> a.muli(coef));
                }
            }
            optimizer.update(trainable, grads, lr, sm);
            lastGradNorm = norm;
            lastLearningRate = lr;
        }
    }

    private void zeroGradients(NDManager sm) {
        for (NDArray p : trainable.values()) {
            NDArray g = p.getGradient();
            g.attach(sm);
            g.subi(g);
        }
    }

    private Map<String, NDArray> gradients(NDManager sm) {
        Map<String, NDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : trainable.entrySet()) {
            NDArray g = e.getValue().getGradient();
            g.attach(sm);
            grads.put(e.getKey(), g);
        }
        return grads;
    }

    private static double globalNorm(Map<String, NDArray> grads) {
        double sum = 0;
        for (NDArray g : grads.values()) {
            NDArray sq = g.square().sum();
            sum += sq.getFloat();
        }
        return Math.sqrt(sum);
    }

    private Map<String, Double> windowAverages() {
        Map<String, Double> sums = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Map<String, Double> m : window) {
            m.forEach((k, v) -> {
                sums.merge(k, v, Double::sum);
                counts.merge(k, 1, Integer::sum);
            });
        }
        Map<String, Double> out = new LinkedHashMap<>();
        sums.forEach((k, v) -> out.put(k, v / counts.get(k)));
        out.put("learning_rate", lastLearningRate);
        out.put("grad_norm", lastGradNorm);
        return out;
    }

    private double epochOf(long step) {
        return Math.round((double) step / stepsPerEpoch * 10_000) / 10_000.0;
    }

    /** Writes a checkpoint of the current state (after {@link #completedSteps()} steps) to {@code dir}. */
    public void saveCheckpoint(Path dir) throws IOException {
        Map<String, Long> lengths = new LinkedHashMap<>();
        logs.forEach((name, log) -> lengths.put(name, log.length()));
        LoopCheckpoint c = new LoopCheckpoint(completed, optimizer.steps(), List.copyOf(window), lengths, fingerprint);
        c.write(dir, trainable, optimizer.stateArrays());
    }

    private void restore(Path dir, NDManager loopManager) {
        LoopCheckpoint c = LoopCheckpoint.read(dir);
        if (!c.fingerprint().equals(fingerprint)) {
            throw new InputException(dir.resolve(LoopCheckpoint.STATE) + ": written with other settings ("
                    + c.fingerprint() + "), not " + fingerprint);
        }
        try (NDManager tmp = loopManager.newSubManager()) {
            Map<String, NDArray> saved = LoopCheckpoint.readTrainable(dir, tmp);
            if (!saved.keySet().equals(trainable.keySet())) {
                throw new InputException(dir.resolve(LoopCheckpoint.TRAINABLE) + ": holds parameters " + saved.keySet()
                        + ", the model trains " + trainable.keySet());
            }
            saved.forEach((name, a) -> a.copyTo(trainable.get(name)));
            optimizer.restore(LoopCheckpoint.readOptimizer(dir, tmp), c.optimizerSteps());
        }
        window.clear();
        window.addAll(c.window());
        for (Map.Entry<String, AppendLog> e : logs.entrySet()) {
            Long length = c.logLengths().get(e.getKey());
            if (length == null) {
                throw new InputException(dir.resolve(LoopCheckpoint.STATE) + ": records no length for " + e.getKey());
            }
            e.getValue().truncate(length);
        }
        completed = c.step();
        if (completed > totalSteps) {
            throw new InputException(dir + ": after step " + completed + ", beyond the run's " + totalSteps + " steps");
        }
    }

    /** SplitMix64 finaliser of two values: independent streams per (seed, index). */
    static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
