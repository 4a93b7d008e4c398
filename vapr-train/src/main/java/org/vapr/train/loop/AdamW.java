package org.vapr.train.loop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW with decoupled weight decay, written out so its state (first and second moments and the step count) can be
 * checkpointed and restored exactly. Per parameter, as PyTorch's {@code torch.optim.AdamW}:
 * {@code p ← p·(1 − lr·wd)}; {@code m ← β1·m + (1−β1)·g}; {@code v ← β2·v + (1−β2)·g²};
 * {@code p ← p − (lr / (1−β1^t)) · m / (√v / √(1−β2^t) + ε)}.
 *
 * <p>The moments of all parameters live side by side in two flat arrays of this optimizer's own manager (the first
 * update fixes their order), so a step runs a dozen kernels over one vector instead of a dozen per parameter: the
 * same element-wise operations in the same order, so the same bits as a per-parameter loop. Every update must
 * bring a gradient for the same parameters. Temporaries go to the step's manager.
 */
public final class AdamW implements AutoCloseable {
    private final AdamWSettings settings;
    private final NDManager state;
    /** Per parameter, views of {@link #mFlat} and {@link #vFlat} in the parameter's shape, in the flat arrays' order. */
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private NDArray mFlat;
    private NDArray vFlat;
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
     * @param gradients their gradients (same names); the parameters with a gradient must be the same at every update
     * @param lr        the learning rate of this step
     * @param temp      the step's manager, for temporaries
     */
    public void update(Map<String, NDArray> params, Map<String, NDArray> gradients, double lr, NDManager temp) {
        Map<String, NDArray> withGradient = new LinkedHashMap<>();
        params.forEach((name, p) -> {
            if (gradients.get(name) != null) {
                withGradient.put(name, p);
            }
        });
        if (withGradient.isEmpty()) {
            return;
        }
        if (mFlat == null) {
            layOut(withGradient, null);
        } else if (!withGradient.keySet().equals(m.keySet())) {
            throw new IllegalArgumentException("AdamW: the parameters with a gradient changed between updates (had "
                    + m.size() + ", now " + withGradient.size() + ")");
        }
        steps++;
        double bc1 = 1 - Math.pow(settings.beta1(), steps);
        double bc2 = 1 - Math.pow(settings.beta2(), steps);
        double stepSize = lr / bc1;
        double bc2Sqrt = Math.sqrt(bc2);
        NDList flat = new NDList(m.size());
        for (String name : m.keySet()) {
            NDArray g = gradients.get(name).reshape(-1);
            g.attach(temp);
            flat.add(g);
            if (settings.weightDecay() != 0) {
                withGradient.get(name).muli(1 - lr * settings.weightDecay());
            }
        }
        NDArray g = flat.size() == 1 ? flat.get(0) : NDArrays.concat(flat, 0);
        g.attach(temp);
        NDArray gm = g.mul(1 - settings.beta1());
        gm.attach(temp);
        mFlat.muli(settings.beta1()).addi(gm);
        NDArray gv = g.square().muli(1 - settings.beta2());
        gv.attach(temp);
        vFlat.muli(settings.beta2()).addi(gv);
        NDArray denom = vFlat.sqrt();
        denom.attach(temp);
        denom.divi(bc2Sqrt).addi(settings.epsilon());
        NDArray update = mFlat.div(denom);
        update.attach(temp);
        update.muli(stepSize);
        long offset = 0;
        for (String name : m.keySet()) {
            NDArray p = withGradient.get(name);
            long size = p.getShape().size();
            NDArray part = update.get(new NDIndex("{}:{}", offset, offset + size)).reshape(p.getShape());
            part.attach(temp);
            p.subi(part);
            offset += size;
        }
    }

    /**
     * Allocates the flat moments for {@code shapes}' parameters in their order, zero or copied from {@code initial}
     * ({@code m/NAME}, {@code v/NAME}), and the per-parameter views.
     */
    private void layOut(Map<String, NDArray> shapes, Map<String, NDArray> initial) {
        long total = 0;
        DataType type = null;
        for (Map.Entry<String, NDArray> e : shapes.entrySet()) {
            total += e.getValue().getShape().size();
            type = e.getValue().getDataType();
        }
        mFlat = state.zeros(new Shape(total), type);
        vFlat = state.zeros(new Shape(total), type);
        long offset = 0;
        for (String name : shapes.keySet()) {
            Shape shape = shapes.get(name).getShape();
            NDIndex slice = new NDIndex("{}:{}", offset, offset + shape.size());
            m.put(name, mFlat.get(slice).reshape(shape));
            v.put(name, vFlat.get(slice).reshape(shape));
            offset += shape.size();
        }
        if (initial != null) {
            for (String name : m.keySet()) {
                m.get(name).set(new NDIndex("..."), initial.get("m/" + name));
                v.get(name).set(new NDIndex("..."), initial.get("v/" + name));
            }
        }
    }

    /** The state as named arrays ({@code m/NAME}, {@code v/NAME}), for a checkpoint. */
    public Map<String, NDArray> stateArrays() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        m.forEach((k, a) -> out.put("m/" + k, a));
        v.forEach((k, a) -> out.put("v/" + k, a));
        return out;
    }

    /**
     * Restores the state written by {@link #stateArrays()} and the step count; the arrays are copied, in the order
     * of their {@code m/} entries.
     */
    public void restore(Map<String, NDArray> arrays, long stepCount) {
        Map<String, NDArray> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            String key = e.getKey();
            if (key.startsWith("m/")) {
                shapes.put(key.substring(2), e.getValue());
            } else if (!key.startsWith("v/")) {
                throw new IllegalArgumentException("optimizer state: unexpected tensor '" + key + "'");
            }
        }
        for (String name : shapes.keySet()) {
            NDArray second = arrays.get("v/" + name);
            if (second == null || !second.getShape().equals(shapes.get(name).getShape())) {
                throw new IllegalArgumentException("optimizer state: 'v/" + name + "' is missing or not shaped like 'm/" + name + "'");
            }
        }
        if (shapes.size() * 2 != arrays.size()) {
            throw new IllegalArgumentException("optimizer state: a 'v/' tensor has no 'm/' tensor");
        }
        clear();
        if (!shapes.isEmpty()) {
            layOut(shapes, arrays);
        }
        this.steps = stepCount;
    }

    private void clear() {
        m.values().forEach(NDArray::close);
        v.values().forEach(NDArray::close);
        m.clear();
        v.clear();
        if (mFlat != null) {
            mFlat.close();
            vFlat.close();
            mFlat = null;
            vFlat = null;
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
