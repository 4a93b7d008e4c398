package org.vapr.train.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AdamWTest {
    private static final AdamWSettings SETTINGS = new AdamWSettings(0.9, 0.999, 1e-8, 0.01);
    private static final Shape[] SHAPES = {new Shape(3, 4), new Shape(5), new Shape(2, 2, 2)};

    @Test
    void theFlatUpdateGivesTheBitsOfThePerParameterFormula() {
        try (NDManager root = NDManager.newBaseManager(); AdamW adam = new AdamW(SETTINGS, root)) {
            Map<String, NDArray> params = params(root, 1);
            Map<String, NDArray> expected = params(root, 1);
            Map<String, NDArray[]> moments = new LinkedHashMap<>();
            expected.forEach((k, p) -> moments.put(k, new NDArray[] {root.zeros(p.getShape()), root.zeros(p.getShape())}));
            for (int step = 1; step <= 6; step++) {
                double lr = 1e-2 / step;
                try (NDManager temp = root.newSubManager()) {
                    Map<String, NDArray> grads = gradients(temp, step);
                    adam.update(params, grads, lr, temp);
                    perParameter(expected, grads, moments, step, lr);
                }
            }
            assertThat(adam.steps()).isEqualTo(6);
            for (String name : params.keySet()) {
                assertThat(params.get(name).toFloatArray()).as(name).containsExactly(expected.get(name).toFloatArray());
                assertThat(adam.stateArrays().get("m/" + name).toFloatArray()).containsExactly(moments.get(name)[0].toFloatArray());
                assertThat(adam.stateArrays().get("v/" + name).getShape()).isEqualTo(params.get(name).getShape());
            }
        }
    }

    @Test
    void aRestoredStateContinuesWithTheSameBits() {
        try (NDManager root = NDManager.newBaseManager(); AdamW straight = new AdamW(SETTINGS, root); AdamW resumed = new AdamW(SETTINGS, root)) {
            Map<String, NDArray> a = params(root, 2);
            Map<String, NDArray> b = params(root, 2);
            for (int step = 1; step <= 5; step++) {
                try (NDManager temp = root.newSubManager()) {
                    straight.update(a, gradients(temp, step), 1e-2, temp);
                    if (step <= 3) {
                        resumed.update(b, gradients(temp, step), 1e-2, temp);
                    }
                }
                if (step == 3) { // a checkpoint: copies of the state, restored into a fresh optimizer's place
                    Map<String, NDArray> saved = new LinkedHashMap<>();
                    resumed.stateArrays().forEach((k, arr) -> saved.put(k, arr.duplicate()));
                    resumed.restore(saved, resumed.steps());
                    saved.values().forEach(arr -> arr.subi(arr)); // the restore copied: zeroing the source changes nothing
                }
                if (step > 3) {
                    try (NDManager temp = root.newSubManager()) {
                        resumed.update(b, gradients(temp, step), 1e-2, temp);
                    }
                }
            }
            for (String name : a.keySet()) {
                assertThat(b.get(name).toFloatArray()).as(name).containsExactly(a.get(name).toFloatArray());
            }
        }
    }

    @Test
    void theParametersWithAGradientMayNotChange() {
        try (NDManager root = NDManager.newBaseManager(); AdamW adam = new AdamW(SETTINGS, root); NDManager temp = root.newSubManager()) {
            Map<String, NDArray> params = params(root, 3);
            adam.update(params, gradients(temp, 1), 1e-2, temp);
            Map<String, NDArray> fewer = gradients(temp, 2);
            fewer.remove("p1");
            assertThatThrownBy(() -> adam.update(params, fewer, 1e-2, temp)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("changed between updates");
            Map<String, NDArray> bad = new LinkedHashMap<>(adam.stateArrays());
            bad.remove("v/p0");
            assertThatThrownBy(() -> adam.restore(bad, 1)).hasMessageContaining("'v/p0' is missing");
        }
    }

    private static Map<String, NDArray> params(NDManager m, long seed) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < SHAPES.length; i++) {
            out.put("p" + i, m.create(random(r, SHAPES[i]), SHAPES[i]));
        }
        return out;
    }

    private static Map<String, NDArray> gradients(NDManager m, long seed) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        SplittableRandom r = new SplittableRandom(100 + seed);
        for (int i = 0; i < SHAPES.length; i++) {
            out.put("p" + i, m.create(random(r, SHAPES[i]), SHAPES[i]));
        }
        return out;
    }

    private static float[] random(SplittableRandom r, Shape shape) {
        float[] a = new float[(int) shape.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextGaussian() * 0.1);
        }
        return a;
    }

    /** The textbook loop, one parameter at a time. */
    private static void perParameter(Map<String, NDArray> params, Map<String, NDArray> grads, Map<String, NDArray[]> moments,
                                     int step, double lr) {
        double stepSize = lr / (1 - Math.pow(0.9, step));
        double bc2Sqrt = Math.sqrt(1 - Math.pow(0.999, step));
        for (Map.Entry<String, NDArray> e : params.entrySet()) {
            NDArray p = e.getValue();
            NDArray g = grads.get(e.getKey());
            NDArray[] mv = moments.get(e.getKey());
            p.muli(1 - lr * 0.01);
            mv[0].muli(0.9).addi(g.mul(1 - 0.9));
            mv[1].muli(0.999).addi(g.square().muli(1 - 0.999));
            NDArray denom = mv[1].sqrt();
            denom.attach(g.getManager());
            denom.divi(bc2Sqrt).addi(1e-8);
            NDArray update = mv[0].div(denom);
            update.attach(g.getManager());
            p.subi(update.muli(stepSize));
        }
    }
}
