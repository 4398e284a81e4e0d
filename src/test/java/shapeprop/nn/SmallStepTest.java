package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;

/**
 * A network of one hidden layer and one sigmoid unit (two moons) trains unit by unit through {@link SmallStep} when
 * tracing is off; the general path of the same network, step by step, must give the very same bits.
 */
class SmallStepTest {

    private static final Activation[] HIDDEN = {Activation.TANH, Activation.SIGMOID, Activation.RELU,
            Activation.LEAKY_RELU, Activation.IDENTITY};

    private static Network network(int inputs, int units, Activation hidden, Layout layout) {
        return Network.builder(inputs).dense(units, hidden).dense(1, Activation.SIGMOID)
                .loss(Loss.BINARY_CROSS_ENTROPY).layout(layout).seed(inputs * 100 + units).build();
    }

    /** {X, Y} of m random samples in the columns layout, labels 0 or 1. */
    private static Matrix[] batch(int inputs, int m, Random rng) {
        Matrix X = Matrix.randn(inputs, m, rng).mul(1.5);
        Matrix Y = Matrix.rand(1, m, rng).map(v -> v < 0.5 ? 0 : 1);
        return new Matrix[] {X, Y};
    }

    @Test
    void stepGivesTheBitsOfTheGeneralPathForEveryHiddenActivationAndSmallShape() {
        int exercised = 0;
        for (Activation hidden : HIDDEN) {
            for (int inputs : new int[] {1, 2, 3}) {
                for (int units : new int[] {1, 4, 22}) {
                    Network fused = network(inputs, units, hidden, Layout.COLUMNS);
                    Network general = network(inputs, units, hidden, Layout.COLUMNS).withoutSmallStep();
                    Random rng = new Random(units);
                    // 200 (two moons), odd sizes with a tail after the groups of four, and sizes too small to fit
                    for (int m : new int[] {200, 37, 23, 13, 12, 5}) {
                        Matrix[] b = batch(inputs, m, rng);
                        String where = hidden + " " + inputs + "-" + units + "-1, m = " + m;
                        // forward, backward, update
                        Matrix expected = general.step(b[0], b[1], 0.5);
                        Matrix output = fused.step(b[0], b[1], 0.5);
                        exercised += fused.smallPass() ? 1 : 0;
                        assertFalse(general.smallPass(), where);

                        assertArrayEquals(expected.toFlatArray(), output.toFlatArray(), where + ": A2");
                        assertEquals(general.lastLoss(), fused.lastLoss(), 0.0, where + ": loss");
                        assertSameBits(general.gradients(), fused.gradients(), where + ": gradient ");
                        assertSameBits(general.parameters(), fused.parameters(), where + ": after the update, ");
                    }
                }
            }
        }
        // m = 200, 37 and 23 fit every shape here, 13 all but 22 units
        assertEquals(HIDDEN.length * 3 * (3 * 3 + 2), exercised);
    }

    @Test
    void productsTooLargeForTheSmallLoopsTakeTheGeneralPath() {
        // {inputs, units, samples, fused?}: dZ1·Xᵀ of 80 × 200 × 2 = 32,000 multiply-adds is small, 100 × 200 × 2 not
        int[][] cases = {{2, 80, 200, 1}, {5, 30, 64, 1}, {2, 100, 200, 0}, {3, 40, 300, 0}};
        for (int[] c : cases) {
            Network fused = network(c[0], c[1], Activation.TANH, Layout.COLUMNS);
            Network general = network(c[0], c[1], Activation.TANH, Layout.COLUMNS).withoutSmallStep();
            Matrix[] b = batch(c[0], c[2], new Random(c[1]));
            String where = c[0] + "-" + c[1] + "-1, m = " + c[2];
            for (int step = 0; step < 3; step++) {
                general.step(b[0], b[1], 0.5);
                fused.step(b[0], b[1], 0.5);
            }
            assertEquals(c[3] == 1, fused.smallPass(), where);
            assertSameBits(general.parameters(), fused.parameters(), where + ": ");
        }
    }

    @Test
    void forwardAndBackwardHandOutTheGeneralPathsGradientsAndKeepThem() {
        Network fused = network(2, 22, Activation.TANH, Layout.COLUMNS);
        Network general = network(2, 22, Activation.TANH, Layout.COLUMNS).withoutSmallStep();
        Random rng = new Random(7);
        Matrix[] b = batch(2, 200, rng);
        assertArrayEquals(general.forward(b[0]).toFlatArray(), fused.forward(b[0]).toFlatArray());
        assertTrue(fused.smallPass());
        Map<String, Matrix> expected = general.backward(b[1]);
        Map<String, Matrix> handedOut = fused.backward(b[1]);
        assertSameBits(expected, handedOut, "");
        double[] dW1 = handedOut.get("W1").toFlatArray();
        fused.update(0.5);
        general.update(0.5);
        assertSameBits(general.parameters(), fused.parameters(), "after the update, ");
        // another step leaves the gradients handed out before as they were
        fused.step(b[0], b[1], 0.5);
        assertArrayEquals(dW1, handedOut.get("W1").toFlatArray());
    }

    @Test
    void gradientsTakenAfterAStepAndForwardOutputsKeepTheirValuesThroughTheNextStep() {
        Network fused = network(2, 22, Activation.TANH, Layout.COLUMNS);
        Random rng = new Random(17);
        Matrix[] b = batch(2, 200, rng);
        Matrix[] c = batch(2, 200, rng);
        fused.step(b[0], b[1], 0.5);
        assertTrue(fused.smallPass());
        Map<String, Matrix> after = fused.gradients();
        Map<String, double[]> values = new java.util.LinkedHashMap<>();
        after.forEach((name, g) -> values.put(name, g.toFlatArray()));
        Matrix output = fused.forward(c[0]);
        double[] outputValues = output.toFlatArray();
        fused.step(b[0], b[1], 0.5);
        // step() reuses its arrays for the gradients (dW and db) and its output; what was handed out stays
        for (String name : values.keySet()) {
            assertArrayEquals(values.get(name), after.get(name).toFlatArray(), name);
        }
        assertArrayEquals(outputValues, output.toFlatArray(), "forward's output");
    }

    @Test
    void aTwoMoonsStepAllocatesAlmostNothing() {
        // every new object lands on never-used memory until the JVM's first garbage collection, and the first
        // touch of a page costs more than a step: the step reuses its arrays and matrices
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        org.junit.jupiter.api.Assumptions.assumeTrue(threads instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        Network fused = network(2, 22, Activation.TANH, Layout.COLUMNS);
        Matrix[] b = batch(2, 200, new Random(19));
        for (int step = 0; step < 20; step++) {
            fused.step(b[0], b[1], 0.5);
        }
        long before = counter.getCurrentThreadAllocatedBytes();
        for (int step = 0; step < 100; step++) {
            fused.step(b[0], b[1], 0.5);
        }
        long perStep = (counter.getCurrentThreadAllocatedBytes() - before) / 100;
        assertTrue(fused.smallPass());
        // A2 alone would be 1,616 bytes; the step itself allocated 2,281 before it reused its arrays
        assertTrue(perStep < 400, perStep + " bytes per step");
    }

    @Test
    void twoMoonsTrainsToTheSameBitsWithEitherPath() {
        Random rng = new Random(3);
        Matrix[] b = batch(2, 200, rng);
        Network fused = network(2, 22, Activation.TANH, Layout.COLUMNS);
        Network general = network(2, 22, Activation.TANH, Layout.COLUMNS).withoutSmallStep();
        for (int step = 0; step < 300; step++) {
            fused.step(b[0], b[1], 0.5);
            general.step(b[0], b[1], 0.5);
        }
        assertSameBits(general.parameters(), fused.parameters(), "after 300 steps, ");
    }

    @Test
    void theFusedGradientsMatchFiniteDifferences() {
        Random rng = new Random(5);
        Matrix[] b = batch(2, 40, rng);
        Network net = network(2, 6, Activation.TANH, Layout.COLUMNS);
        net.forward(b[0]);
        assertTrue(net.smallPass(), "the check's copy of the network takes the same path");
        GradientCheck.Report report = GradientCheck.of(net, b[0], b[1]);
        assertTrue(report.allOk(), report.toString());
    }

    @Test
    void otherNetworksAndTracingTakeTheGeneralPath() {
        Random rng = new Random(9);
        Matrix[] b = batch(2, 200, rng);
        Network rows = network(2, 22, Activation.TANH, Layout.ROWS);
        rows.step(b[0].T(), b[1].T(), 0.5);
        assertFalse(rows.smallPass(), "rows layout");
        Network deeper = Network.builder(2).dense(8, Activation.TANH).dense(8, Activation.TANH)
                .dense(1, Activation.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY).build();
        deeper.step(b[0], b[1], 0.5);
        assertFalse(deeper.smallPass(), "two hidden layers");
        Network traced = network(2, 22, Activation.TANH, Layout.COLUMNS).tracing(true);
        traced.step(b[0], b[1], 0.5);
        assertFalse(traced.smallPass(), "tracing");
        assertFalse(traced.trace().toString().isEmpty());
    }

    @Test
    void aTraceStartedAfterAnUntracedForwardSeesTheHiddenOutputs() {
        Random rng = new Random(11);
        Matrix[] b = batch(2, 200, rng);
        Network fused = network(2, 22, Activation.TANH, Layout.COLUMNS);
        Network general = network(2, 22, Activation.TANH, Layout.COLUMNS).withoutSmallStep();
        fused.forward(b[0]);
        general.forward(b[0]);
        fused.tracing(true);
        general.tracing(true);
        assertEquals(general.backward(b[1]), fused.backward(b[1]));
        assertEquals(general.trace().toString(), fused.trace().toString());
    }

    @Test
    void aDivergingRunStopsAtTheSameStepWithTheSameDiagnosisOnEitherPath() {
        Random rng = new Random(13);
        Matrix[] b = batch(2, 100, rng);
        Network fused = network(2, 16, Activation.RELU, Layout.COLUMNS);
        Network general = network(2, 16, Activation.RELU, Layout.COLUMNS).withoutSmallStep();
        TrainingDivergedException expected = assertThrows(TrainingDivergedException.class, () -> {
            for (int step = 0; step < 50; step++) {
                general.step(b[0].mul(1e200), b[1], 1e200);
            }
        });
        TrainingDivergedException actual = assertThrows(TrainingDivergedException.class, () -> {
            for (int step = 0; step < 50; step++) {
                fused.step(b[0].mul(1e200), b[1], 1e200);
            }
        });
        assertTrue(fused.smallPass());
        assertEquals(expected.getMessage(), actual.getMessage());
    }

    private static void assertSameBits(Map<String, Matrix> expected, Map<String, Matrix> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        for (String name : expected.keySet()) {
            assertEquals(expected.get(name).shape(), actual.get(name).shape(), what + name);
            assertArrayEquals(expected.get(name).toFlatArray(), actual.get(name).toFlatArray(), what + name);
        }
    }
}
