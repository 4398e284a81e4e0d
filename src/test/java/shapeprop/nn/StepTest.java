package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Dot;
import shapeprop.matrix.Matrix;

/**
 * {@link Network#step}, the training loops' forward, backward and update in one call: the same bits as the three
 * calls, with gradients that stay inside the network.
 */
class StepTest {

    /** A 20-16-10 softmax network (products large enough for the packed kernels) and a 2-22-1 tanh one. */
    private static Network[] networks(Layout layout) {
        return new Network[] {
            Network.builder(20).dense(16, Activation.SIGMOID).dense(10, Activation.SOFTMAX)
                    .loss(Loss.SOFTMAX_CROSS_ENTROPY).layout(layout).seed(5).build(),
            Network.builder(2).dense(22, Activation.TANH).dense(1, Activation.SIGMOID)
                    .loss(Loss.BINARY_CROSS_ENTROPY).layout(layout).seed(6).build()};
    }

    /** A batch of m samples for {@code net}: X and one-hot (or 0/1) labels in its layout. */
    private static Matrix[] batch(Network net, int m, Random rng) {
        int outputs = net.outputSize();
        Matrix X = Matrix.randn(m, net.inputSize(), rng);
        double[][] y = new double[m][outputs];
        for (int i = 0; i < m; i++) {
            y[i][outputs == 1 ? 0 : rng.nextInt(outputs)] = outputs == 1 ? rng.nextInt(2) : 1;
        }
        Matrix Y = Matrix.of(y);
        return net.layout() == Layout.COLUMNS ? new Matrix[] {X.T(), Y.T()} : new Matrix[] {X, Y};
    }

    @Test
    void stepGivesTheBitsOfForwardBackwardUpdate() {
        for (Layout layout : Layout.values()) {
            Network[] stepped = networks(layout);
            Network[] spelled = networks(layout);
            for (int n = 0; n < stepped.length; n++) {
                Random rng = new Random(n);
                for (int s = 0; s < 5; s++) {
                    Matrix[] b = batch(stepped[n], s == 4 ? 37 : 200, rng);
                    // forward, backward, update
                    Matrix output = stepped[n].step(b[0], b[1], 0.5);
                    Matrix expected = spelled[n].forward(b[0]);
                    spelled[n].backward(b[1]);
                    spelled[n].update(0.5);

                    assertArrayEquals(expected.toFlatArray(), output.toFlatArray(), layout + " output, step " + s);
                    assertEquals(spelled[n].lastLoss(), stepped[n].lastLoss(), 0.0, layout + " loss, step " + s);
                    assertEquals(spelled[n].gradients(), stepped[n].gradients(), layout + " gradients, step " + s);
                }
                Map<String, Matrix> a = spelled[n].parameters();
                Map<String, Matrix> b = stepped[n].parameters();
                for (String name : a.keySet()) {
                    assertArrayEquals(a.get(name).toFlatArray(), b.get(name).toFlatArray(), layout + " " + name);
                }
            }
        }
    }

    @Test
    void backwardAfterAnUpdateAsksForANewForwardInsteadOfUsingStaleActivations() {
        for (Layout layout : Layout.values()) {
            for (boolean tracing : new boolean[] {false, true}) {
                for (Network net : networks(layout)) {
                    net.tracing(tracing);
                    Matrix[] b = batch(net, 50, new Random(3));
                    net.forward(b[0]);
                    net.backward(b[1]);
                    net.update(1.0);
                    double lossBefore = net.lastLoss();

                    IllegalStateException error = assertThrows(IllegalStateException.class, () -> net.backward(b[1]));
                    assertEquals("backward: the weights changed in update() since the last forward(X), so the "
                            + "activations backward would differentiate belong to the old weights; run forward(X) "
                            + "again, then backward(Y).", error.getMessage());
                    assertEquals(lossBefore, net.lastLoss(), 0.0, "the refused backward leaves lastLoss alone");

                    // forward again, and backward gives the gradients of the updated weights
                    net.forward(b[0]);
                    Map<String, Matrix> gradients = net.backward(b[1]);
                    Network fresh = Network.fromParameters(layout, net.lossFunction(), net.parameters(),
                            net.activations());
                    fresh.forward(b[0]);
                    Map<String, Matrix> expected = fresh.backward(b[1]);
                    for (String name : expected.keySet()) {
                        assertArrayEquals(expected.get(name).toFlatArray(), gradients.get(name).toFlatArray(), 1e-12,
                                layout + (tracing ? " traced " : " ") + name);
                    }
                }
            }
        }
    }

    @Test
    void gradientsHandedOutAfterAStepAreCopiesTheNextStepLeavesAlone() {
        Network net = networks(Layout.COLUMNS)[0];
        Random rng = new Random(9);
        Matrix[] b = batch(net, 64, rng);
        net.step(b[0], b[1], 1.0);
        Map<String, Matrix> first = net.gradients();
        double[] dW1 = first.get("W1").toFlatArray();

        net.step(b[0], b[1], 1.0);

        assertArrayEquals(dW1, first.get("W1").toFlatArray(), "the first step's dW1 changed");
        assertNotSame(first.get("W1"), net.gradients().get("W1"));
    }

    /**
     * Hidden layers large enough to be split into bands of units, one per thread: 200-70-10 (70 units, not a whole
     * number of strips) and 200-96-96-10 (two banded layers, the first updated inside its band).
     */
    private static Network[] bandedNetworks(Layout layout) {
        return new Network[] {
            Network.builder(200).dense(70, Activation.SIGMOID).dense(10, Activation.SOFTMAX)
                    .loss(Loss.SOFTMAX_CROSS_ENTROPY).layout(layout).seed(7).build(),
            Network.builder(200).dense(96, Activation.RELU).dense(96, Activation.SIGMOID).dense(10, Activation.SOFTMAX)
                    .loss(Loss.SOFTMAX_CROSS_ENTROPY).layout(layout).seed(8).build()};
    }

    @Test
    void twoOrThreeThreadsTrainToTheBitsOfOneThread() {
        int before = Dot.threads();
        try {
            for (Layout layout : Layout.values()) {
                for (int n = 0; n < 2; n++) {
                    double[][] parameters = new double[4][];
                    double[][] gradients = new double[4][];
                    double[] losses = new double[4];
                    for (int threads = 1; threads <= 3; threads++) {
                        Dot.setThreads(threads);
                        Network net = bandedNetworks(layout)[n];
                        Random rng = new Random(10 + n);
                        // batches of 128 samples, and a last one of 61
                        for (int s = 0; s < 8; s++) {
                            Matrix[] b = batch(net, s == 7 ? 61 : 128, rng);
                            net.step(b[0], b[1], 0.5);
                        }
                        parameters[threads] = flat(net.parameters());
                        gradients[threads] = flat(net.gradients());
                        losses[threads] = net.lastLoss();
                    }
                    for (int threads = 2; threads <= 3; threads++) {
                        String what = layout + " network " + n + " on " + threads + " threads: ";
                        assertArrayEquals(parameters[1], parameters[threads], what + "parameters");
                        assertArrayEquals(gradients[1], gradients[threads], what + "gradients");
                        assertEquals(losses[1], losses[threads], 0.0, what + "loss");
                    }
                }
            }
        } finally {
            Dot.setThreads(before);
        }
    }

    @Test
    void onTwoThreadsStepStillGivesTheBitsOfForwardBackwardUpdate() {
        int before = Dot.threads();
        try {
            Dot.setThreads(2);
            for (int n = 0; n < 2; n++) {
                Network stepped = bandedNetworks(Layout.COLUMNS)[n];
                Network spelled = bandedNetworks(Layout.COLUMNS)[n];
                Random rng = new Random(n);
                for (int s = 0; s < 3; s++) {
                    Matrix[] b = batch(stepped, 128, rng);
                    // forward, backward, update
                    Matrix output = stepped.step(b[0], b[1], 0.5);
                    Matrix expected = spelled.forward(b[0]);
                    spelled.backward(b[1]);
                    spelled.update(0.5);
                    assertArrayEquals(expected.toFlatArray(), output.toFlatArray(), "output, step " + s);
                    assertEquals(spelled.gradients(), stepped.gradients(), "gradients, step " + s);
                }
                assertArrayEquals(flat(spelled.parameters()), flat(stepped.parameters()), "network " + n);
            }
        } finally {
            Dot.setThreads(before);
        }
    }

    private static double[] flat(Map<String, Matrix> values) {
        return values.values().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.toFlatArray())).toArray();
    }
}
