package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;

/** The sentence GradientCheck writes names the kind of mistake: sign, scale, a gradient that never arrives. */
class GradientCheckDiagnosisTest {

    private final Random rng = new Random(8);
    private final Network net = Network.builder(3).dense(4, Activation.TANH).dense(2, Activation.SIGMOID)
            .loss(Loss.BINARY_CROSS_ENTROPY).layout(Layout.COLUMNS).seed(4).build();
    private final Matrix X = Batches.inputs(Layout.COLUMNS, 3, 5, rng);
    private final Matrix Y = Batches.labels(Loss.BINARY_CROSS_ENTROPY, Layout.COLUMNS, 2, 5, rng);

    /** The network's correct gradients, named dW1, db1, …, with one of them replaced. */
    private GradientCheck.Report checkWith(String name, Matrix replacement) {
        net.forward(X);
        Map<String, Matrix> analytic = new LinkedHashMap<>();
        net.backward(Y).forEach((parameter, gradient) -> analytic.put("d" + parameter, gradient));
        analytic.put("d" + name, replacement);
        return GradientCheck.of(net.parameters(), p -> Network.fromParameters(Layout.COLUMNS,
                Loss.BINARY_CROSS_ENTROPY, p, Activation.TANH, Activation.SIGMOID).loss(X, Y), analytic);
    }

    private Matrix correct(String name) {
        net.forward(X);
        return net.backward(Y).get(name);
    }

    @Test
    void anInterruptEndsTheCheckAndLeavesTheParametersAsTheyWere() {
        Map<String, Matrix> before = net.parameters();
        CancellationException stopped;
        Thread.currentThread().interrupt();
        try {
            stopped = assertThrows(CancellationException.class, () -> checkWith("W1", correct("W1")));
        } finally {
            Thread.interrupted();
        }
        assertEquals("GradientCheck: interrupted while checking W1 (entry 1 of 12); the parameters are unchanged.",
                stopped.getMessage());
        net.parameters().forEach((name, value) ->
                assertArrayEquals(before.get(name).toFlatArray(), value.toFlatArray(), name));
    }

    @Test
    void aFlippedSignIsNamed() {
        GradientCheck.Report report = checkWith("W2", correct("W2").neg());
        assertEquals("dW2 has the wrong sign (it is -1× the true gradient): use (A − Y), not (Y − A), and subtract it in "
                + "the update (θ −= η·dW2).", report.row("W2").explanation());
        assertEquals(GradientCheck.Verdict.OK, report.row("W1").verdict());
    }

    @Test
    void aMissingOneOverMIsNamedWithItsFactor() {
        GradientCheck.Report report = checkWith("W1", correct("W1").mul(5));
        assertEquals("dW1 points the right way but is 5× the true gradient: check the 1/m over the batch and constant "
                + "factors such as the 2 of the squared error.", report.row("W1").explanation());
    }

    @Test
    void aGradientThatNeverArrivesIsNamed() {
        GradientCheck.Report report = checkWith("b1", Matrix.zeros(4, 1));
        assertEquals("db1 is all zeros but the loss does change with b1: the gradient never reaches this parameter; "
                + "carry dZ back through every layer above (chain rule).", report.row("b1").explanation());
        assertEquals("b1 (4, 1): wrong, relative error 1.0e+00. db1 is all zeros but the loss does change with b1: the "
                + "gradient never reaches this parameter; carry dZ back through every layer above (chain rule).",
                report.row("b1").toString());
    }

    @Test
    void aSmallErrorIsSuspiciousNotWrong() {
        Matrix nudged = correct("W2").add(Matrix.randn(2, 4, rng).mul(1e-7));
        GradientCheck.Row row = checkWith("W2", nudged).row("W2");
        assertEquals(GradientCheck.Verdict.SUSPICIOUS, row.verdict(), row::toString);
    }
}
