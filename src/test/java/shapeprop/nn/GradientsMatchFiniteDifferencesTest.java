package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import shapeprop.matrix.Matrix;

/**
 * Every hidden activation × output/loss pairing × layout: the network's backward pass agrees with central
 * differences, both layouts compute the same loss with transposed gradients, and the traced and fused paths
 * give the same numbers.
 */
class GradientsMatchFiniteDifferencesTest {

    /** (output activation, loss) pairs that make sense: BCE needs σ, softmax cross-entropy needs softmax. */
    private static final Object[][] HEADS = {
            {Activation.IDENTITY, Loss.MSE},
            {Activation.SIGMOID, Loss.MSE},
            {Activation.TANH, Loss.MSE},
            {Activation.LEAKY_RELU, Loss.MSE},
            {Activation.SOFTMAX, Loss.MSE},
            {Activation.SIGMOID, Loss.BINARY_CROSS_ENTROPY},
            {Activation.SOFTMAX, Loss.SOFTMAX_CROSS_ENTROPY},
    };

    static Stream<Arguments> combinations() {
        List<Arguments> all = new ArrayList<>();
        for (Activation hidden : new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.RELU,
                Activation.LEAKY_RELU, Activation.IDENTITY}) {
            for (Object[] head : HEADS) {
                for (Layout layout : Layout.values()) {
                    all.add(Arguments.of(hidden, head[0], head[1], layout));
                }
            }
        }
        return all.stream();
    }

    /**
     * A 3 → 5 → 4 → 3 network with Xavier weights and small random biases (zero biases behind a dead relu layer
     * would put the output exactly on leaky relu's kink, where no derivative exists to check).
     */
    private static Network network(Activation hidden, Activation output, Loss loss, Layout layout, long seed) {
        Network start = Network.builder(3).dense(5, hidden).dense(4, hidden).dense(3, output)
                .loss(loss).layout(layout).initializer(Initializer.XAVIER).seed(seed).build();
        Random rng = new Random(seed);
        Map<String, Matrix> parameters = new LinkedHashMap<>(start.parameters());
        parameters.replaceAll((name, value) -> name.startsWith("b")
                ? Matrix.randn(value.rows(), value.cols(), rng).mul(0.1) : value);
        return Network.fromParameters(layout, loss, parameters, hidden, hidden, output);
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}, {3}")
    @MethodSource("combinations")
    void analyticGradientsMatchCentralDifferences(Activation hidden, Activation output, Loss loss, Layout layout) {
        Random rng = new Random(42);
        Network net = network(hidden, output, loss, layout, 7);
        Matrix X = Batches.inputs(layout, 3, 6, rng);
        Matrix Y = Batches.labels(loss, layout, 3, 6, rng);

        GradientCheck.Report report = GradientCheck.of(net, X, Y);

        for (GradientCheck.Row row : report.rows()) {
            assertTrue(row.relativeError() < 1e-7 || row.maxAbsDiff() <= GradientCheck.NOISE,
                    row.parameter() + ": relative error " + row.relativeError() + "\n" + report);
            assertEquals(GradientCheck.Verdict.OK, row.verdict(), report::toString);
        }
        assertTrue(report.allOk());
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}, {3}")
    @MethodSource("combinations")
    void bothLayoutsGiveTheSameLossAndTransposedGradients(Activation hidden, Activation output, Loss loss,
                                                          Layout layout) {
        Random rng = new Random(5);
        Network net = network(hidden, output, loss, layout, 11);
        Network other = net.withLayout(layout.other());
        Matrix X = Batches.inputs(layout, 3, 6, rng);
        Matrix Y = Batches.labels(loss, layout, 3, 6, rng);

        net.forward(X);
        Map<String, Matrix> gradients = net.backward(Y);
        other.forward(X.T());
        Map<String, Matrix> transposed = other.backward(Y.T());

        assertEquals(net.lastLoss(), other.lastLoss(), 1e-12);
        for (String name : gradients.keySet()) {
            assertTrue(gradients.get(name).T().allclose(transposed.get(name), 1e-10, 1e-12),
                    name + " in " + layout.other() + " should be the transpose of " + name + " in " + layout);
        }
    }

    @ParameterizedTest(name = "{0} hidden, {1} output, {2}, {3}")
    @MethodSource("combinations")
    void tracingChangesNothingButTheRecord(Activation hidden, Activation output, Loss loss, Layout layout) {
        Random rng = new Random(9);
        Network fused = network(hidden, output, loss, layout, 3);
        Network traced = network(hidden, output, loss, layout, 3).tracing(true);
        Matrix X = Batches.inputs(layout, 3, 6, rng);
        Matrix Y = Batches.labels(loss, layout, 3, 6, rng);

        for (int step = 0; step < 3; step++) {
            fused.forward(X);
            fused.backward(Y);
            fused.update(0.1);
            traced.forward(X);
            traced.backward(Y);
            traced.update(0.1);
        }

        assertTrue(fused.trace().isEmpty());
        assertTrue(traced.trace().gradientsOk());
        for (String name : fused.parameters().keySet()) {
            assertTrue(fused.parameters().get(name).allclose(traced.parameters().get(name), 1e-12, 1e-14), name);
            assertTrue(fused.gradients().get(name).allclose(traced.gradients().get(name), 1e-10, 1e-14), name);
        }
    }
}
