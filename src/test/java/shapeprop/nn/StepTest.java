package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
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
}
