package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.Shape;

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
    void aLossFunctionThatReadsItsParametersFromOutsideTheMapIsNamedAsAPossibleCause() {
        // L = ½‖W·x‖², ∂L/∂W = (W·x)·xᵀ; the loss reads the captured W, not p.get("W"), so no nudge reaches it
        Matrix W = Matrix.randn(2, 3, rng);
        Matrix x = Matrix.randn(3, 4, rng);
        Matrix dW = W.dot(x).dot(x.T());
        GradientCheck.Row row = GradientCheck.of(Map.of("W", W), p -> W.dot(x).pow(2).sum() / 2, Map.of("dW", dW))
                .row("W");
        assertEquals(GradientCheck.Verdict.WRONG, row.verdict());
        assertEquals("dW is not zero but the loss does not change with W: dW was computed from something W does not "
                + "affect, or the loss function does not read W from the map it is given (p.get(\"W\")) but a "
                + "variable outside it, which the check's nudges never reach.", row.explanation());
        // read from the map, the same gradient matches: the reference above is right
        assertTrue(GradientCheck.of(Map.of("W", W), p -> p.get("W").dot(x).pow(2).sum() / 2, Map.of("dW", dW))
                .allOk());
    }

    @Test
    void aParameterMissingFromTheMapIsNamedNotLeftUncheckedOrANullPointer() {
        Map<String, Matrix> analytic = new LinkedHashMap<>();
        net.forward(X);
        net.backward(Y).forEach((parameter, gradient) -> analytic.put("d" + parameter, gradient));
        Map<String, Matrix> withoutB2 = new LinkedHashMap<>(net.parameters());
        withoutB2.remove("b2");
        // the loss reads b2 from the map: a NullPointerException inside the learner's lambda before
        IllegalArgumentException asked = assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(withoutB2,
                p -> Network.fromParameters(Layout.COLUMNS, Loss.BINARY_CROSS_ENTROPY, withB2(p), Activation.TANH,
                        Activation.SIGMOID).loss(X, Y), Map.of("dW1", analytic.get("dW1"))));
        assertEquals("GradientCheck.of: the loss function asks the parameters map for b2, but the map holds only [W1, "
                + "b1, W2]; put every parameter the loss reads into the map, under the name the loss reads it by.",
                asked.getMessage());
        // db2 given, b2 not among the parameters: before, the report left b2 out and allOk() was true
        IllegalArgumentException unchecked = assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(
                withoutB2, p -> 0.0, analytic));
        assertEquals("GradientCheck.of: there is a gradient db2 but no parameter b2 among the parameters [W1, b1, W2], "
                + "so db2 would go unchecked; add b2 to the parameters map, and read it from that map in the loss "
                + "function.", unchecked.getMessage());
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> GradientCheck.of(Map.of(),
                p -> 0.0, analytic));
        assertTrue(empty.getMessage().startsWith("GradientCheck.of: the parameters map is empty, so there is nothing "
                + "to check (an empty check would pass)"), empty.getMessage());
    }

    /** The parameters as the loss reads them: b2 from the map, as a learner's forward pass would. */
    private static Map<String, Matrix> withB2(Map<String, Matrix> p) {
        Map<String, Matrix> all = new LinkedHashMap<>();
        for (String name : new String[] {"W1", "b1", "W2", "b2"}) {
            all.put(name, p.get(name));
        }
        return all;
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

    /** The 6-16-12-4 relu network QA checked: correct gradients, with some Z2 within ε of 0 (1.2e-7). */
    private static GradientCheck.Report reluCheck() {
        Network relu = Network.builder(6).dense(16, Activation.RELU).dense(12, Activation.RELU)
                .dense(4, Activation.SOFTMAX).loss(Loss.SOFTMAX_CROSS_ENTROPY).initializer(Initializer.SMALL_RANDOM)
                .seed(3).build();
        Matrix X = Matrix.randn(6, 30, new Random(1));
        Matrix Y = Matrix.fromFunction(4, 30, (i, j) -> i == j % 4 ? 1 : 0);
        return GradientCheck.of(relu, X, Y);
    }

    @Test
    void correctReluGradientsWhoseStepCrossesAKinkAreSuspiciousNotWrong() {
        GradientCheck.Report report = reluCheck();

        for (String name : new String[] {"W1", "b1", "W2", "b2"}) {
            GradientCheck.Row row = report.row(name);
            assertEquals(GradientCheck.Verdict.SUSPICIOUS, row.verdict(), row::toString);
            assertTrue(row.explanation().startsWith("near a kink: d" + name + " matches central differences on the "),
                    row::toString);
            assertFalse(row.explanation().contains("× the true gradient"), row::toString);
        }
        assertEquals("near a kink: dW1 matches central differences on the 88 entries whose ±ε step stays clear of "
                + "every relu kink; on the other 8 some unit's Z changes sign between θ − ε and θ + ε, where the "
                + "central difference averages two slopes and dW1 takes one. Not a bug: check again with another "
                + "seed or batch.", report.row("W1").explanation());
        assertEquals(GradientCheck.Verdict.OK, report.row("W3").verdict());
        assertEquals(GradientCheck.Verdict.OK, report.row("b3").verdict());
    }

    @Test
    void aWrongGradientIsStillWrongBesideAKink() {
        // a (10, 10) parameter: entries 0-4 cross a kink, the rest are 5× the true gradient
        GradientCheck.Entries entries = entries(new Shape(10, 10), GradientCheck.Kinks.WATCHED);
        for (int k = 0; k < 100; k++) {
            entries.n[k] = 1 + k;
            entries.a[k] = k < 5 ? 0.5 * (1 + k) : 5 * (1 + k);
            entries.kink[k] = k < 5;
        }
        GradientCheck.Row row = GradientCheck.judge("W1", entries);
        assertEquals(GradientCheck.Verdict.WRONG, row.verdict(), row::toString);
        assertEquals("dW1 points the right way but is 5× the true gradient: check the 1/m over the batch and constant "
                + "factors such as the 2 of the squared error (5 of 100 entries left out: their ±ε step crosses a relu "
                + "kink).", row.explanation());
    }

    @Test
    void aGradientOffInOneEntryIsNotCalledOneTimesTheTrueGradient() {
        GradientCheck.Entries entries = entries(new Shape(10, 10), GradientCheck.Kinks.NONE);
        for (int k = 0; k < 100; k++) {
            entries.n[k] = 1 + k;
            entries.a[k] = k == 37 ? 1 + k + 0.5 : 1 + k;
        }
        GradientCheck.Row row = GradientCheck.judge("W1", entries);
        assertEquals(GradientCheck.Verdict.WRONG, row.verdict(), row::toString);
        assertEquals("dW1 has the right direction and size overall but differs entry by entry, most at W1[3, 7] (38.5 "
                + "vs 38 numerically): a term is missing for some units or samples; it must be dZ·A_prevᵀ / m "
                + "(columns) or A_prevᵀ·dZ / m (rows) with dZ = dA ⊙ g'(Z) carried back from the loss.",
                row.explanation());
    }

    /** Entries of a parameter of the given shape, the rounding noise at its floor for a loss near 1. */
    private static GradientCheck.Entries entries(Shape shape, GradientCheck.Kinks kinks) {
        int[] index = new int[shape.size()];
        for (int i = 0; i < index.length; i++) {
            index[i] = i;
        }
        GradientCheck.Entries entries = new GradientCheck.Entries(shape, index, kinks);
        java.util.Arrays.fill(entries.noise, GradientCheck.NOISE);
        return entries;
    }

    @Test
    void aLargeLossLeavesRoundingNotASuspicion() {
        // no relu; the loss is about 4e4, so each L carries rounding of about 1e-11 and the central difference 1e-6
        Network sigmoid = Network.builder(6).dense(16, Activation.SIGMOID).dense(12, Activation.SIGMOID)
                .dense(4, Activation.IDENTITY).loss(Loss.MSE).initializer(Initializer.XAVIER).seed(3).build();
        Random rng = new Random(1);
        Matrix X = Matrix.randn(6, 30, rng);
        Matrix Y = Matrix.randn(4, 30, rng).mul(100);
        assertTrue(sigmoid.loss(X, Y) > 4e4, "loss " + sigmoid.loss(X, Y));

        GradientCheck.Report report = GradientCheck.of(sigmoid, X, Y);
        assertTrue(report.allOk(), report::toString);

        // and a real mistake at that scale is still one: dW1 10% too large
        sigmoid.forward(X);
        Map<String, Matrix> analytic = new LinkedHashMap<>();
        sigmoid.backward(Y).forEach((name, gradient) -> analytic.put("d" + name, gradient));
        analytic.put("dW1", analytic.get("dW1").mul(1.1));
        GradientCheck.Row row = GradientCheck.of(sigmoid.parameters(), p -> Network.fromParameters(Layout.COLUMNS,
                Loss.MSE, p, Activation.SIGMOID, Activation.SIGMOID, Activation.IDENTITY).loss(X, Y), analytic)
                .row("W1");
        assertEquals("dW1 points the right way but is 1.1× the true gradient: check the 1/m over the batch and "
                + "constant factors such as the 2 of the squared error.", row.explanation());
    }

    @Test
    void aNearMatchNamesReluKinksOnlyWhereTheyMayBeTheCause() {
        for (GradientCheck.Kinks kinks : GradientCheck.Kinks.values()) {
            GradientCheck.Entries entries = entries(new Shape(1, 4), kinks);
            for (int k = 0; k < 4; k++) {
                entries.n[k] = 1 + k;
                entries.a[k] = (1 + k) * (1 + 1e-6 * (k % 2 == 0 ? 1 : -1));
            }
            GradientCheck.Row row = GradientCheck.judge("W1", entries);
            assertEquals(GradientCheck.Verdict.SUSPICIOUS, row.verdict(), row::toString);
            assertEquals(kinks == GradientCheck.Kinks.UNKNOWN, row.explanation().contains("relu"), kinks + ": "
                    + row.explanation());
        }
    }
}
