package org.vapr.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW with decoupled weight decay, written out so its state (first and second moments and the step count) can be
 * checkpointed and restored exactly. Per parameter, as PyTorch's {@code torch.optim.AdamW}:
 * {@code p ← p·(1 − lr·wd)}; {@code m ← β1·m + (1−β1)·g}; {@code v ← β2·v + (1−β2)·g²};
 * {@code p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)}.
 * The moments live in this optimizer's own manager; temporaries go to the step's manager.
 */
public final class AdamW implements AutoCloseable {
    private final AdamWSettings settings;
    private final NDManager state;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long steps;

    public AdamW(AdamWSettings settings, NDManager parent) {
        this.settings = settings;
        this.state = parent.newSubManager();
    }

    /** Optimizer steps taken. */
    public long steps() {
        return steps;
    }

    /**
     * Applies one update to every parameter that has a gradient.
     *
     * @param params    the trainable parameters, updated in place
     * @param gradients their gradients (same names)
     * @param lr        the learning rate of this step
     * @param temp      the step's manager, for temporaries
     */
    public void update(Map<String, NDArray> params, Map<String, NDArray> gradients, double lr, NDManager temp) {
        steps++;
        double bc1 = 1 - Math.pow(settings.beta1(), steps);
        double bc2 = 1 - Math.pow(settings.beta2(), steps);
        double stepSize = lr / bc1;
        double bc2Sqrt = Math.sqrt(bc2);
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray g = gradients.get(e.getKey());
            if (g == null) {
                continue;
            }
            NDArray p = e.getValue();
            NDArray mi = m.computeIfAbsent(e.getKey(), k -> zerosLike(g));
            NDArray vi = v.computeIfAbsent(e.getKey(), k -> zerosLike(g));
            if (settings.weightDecay() != 0) {
                p.muli(1 - lr * settings.weightDecay());
            }
            mi.muli(settings.beta1()).addi(g.mul(1 - settings.beta1()));
            vi.muli(settings.beta2()).addi(g.square().muli(1 - settings.beta2()));
            NDArray denom = vi.sqrt();
            denom.attach(temp);
            denom.divi(bc2Sqrt).addi(settings.epsilon());
            NDArray update = mi.div(denom);
            update.attach(temp);
            p.subi(update.muli(stepSize));
        }
    }

    private NDArray zerosLike(NDArray g) {
        return state.zeros(g.getShape(), g.getDataType());
    }

    /** The state as named arrays ({@code m/NAME}, {@code v/NAME}), for a checkpoint. */
    public Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        m.forEach((k, a) -> out.put("m/" + k, a));
        v.forEach((k, a) -> out.put("v/" + k, a));
        return out;
    }

    /** Restores the state written by {@link #stateArrays()} and the step count; the arrays are copied. */
    public void restore(Map<String, NDArray> arrays, long stepCount) {
        m.values().forEach(NDArray::close);
        v.values().forEach(NDArray::close);
        m.clear();
        v.clear();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            String key = e.getKey();
            NDArray copy = state.zeros(e.getValue().getShape(), e.getValue().getDataType());
            e.getValue().copyTo(copy);
            if (key.startsWith("m/")) {
                m.put(key.substring(2), copy);
            } else if (key.startsWith("v/")) {
                v.put(key.substring(2), copy);
            } else {
                copy.close();
                throw new IllegalArgumentException("optimizer state: unexpected tensor '" + key + "'");
            }
        }
        this.steps = stepCount;
    }

    @Override
    public void close() {
        state.close();
    }
}
