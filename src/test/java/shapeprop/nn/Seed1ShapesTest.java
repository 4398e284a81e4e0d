package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.ShapeException;

/**
 * Seed 1: a 784-input sigmoid network for MNIST whose hand-written derivative_W2 / derivative_b1 came out in
 * the wrong shapes. Our network traces every step with each gradient checked against its parameter, and the
 * seed's formulas, written with Matrix, fail with messages that name the fix.
 */
class Seed1ShapesTest {

    private static final Random RNG = new Random(1);

    /** The seed's network: 784 → H → 10, sigmoid everywhere, squared error, samples as columns. */
    private static Network seedNetwork(int hidden) {
        return Network.builder(784).dense(hidden, Activation.SIGMOID).dense(10, Activation.SIGMOID)
                .loss(Loss.MSE).layout(Layout.COLUMNS).initializer(Initializer.SMALL_RANDOM).seed(1).build();
    }

    /** m fake images (784, m) with pixels in [0, 1) and one-hot labels (10, m). */
    private static Matrix[] batch(int m) {
        Matrix X = Matrix.rand(784, m, RNG);
        int[] labels = RNG.ints(m, 0, 10).toArray();
        Matrix Y = Matrix.fromFunction(10, m, (digit, sample) -> labels[sample] == digit ? 1 : 0);
        return new Matrix[] {X, Y};
    }

    @Test
    void traceShowsEveryStepWithEveryGradientInItsParametersShape() {
        Network net = seedNetwork(128).tracing(true);
        Matrix[] b = batch(64);

        net.forward(b[0]);
        net.backward(b[1]);
        net.update(0.5);

        assertEquals("""
                forward   Z1 = W1·X + b1              (128, 784)·(784, 64) + (128, 1)  -> (128, 64)   broadcast: b1 (128, 1) stretched along axis 1 (columns) to (128, 64)
                forward   A1 = σ(Z1)                  (128, 64)                        -> (128, 64)
                forward   Z2 = W2·A1 + b2             (10, 128)·(128, 64) + (10, 1)    -> (10, 64)    broadcast: b2 (10, 1) stretched along axis 1 (columns) to (10, 64)
                forward   A2 = σ(Z2)                  (10, 64)                         -> (10, 64)
                forward   L = mse(A2, Y)              (10, 64), (10, 64)               -> (1, 1)
                backward  dZ2 = 2·(A2 − Y) ⊙ σ'(Z2)   (10, 64) − (10, 64) ⊙ (10, 64)   -> (10, 64)
                backward  dW2 = dZ2·A1ᵀ / m           (10, 64)·(64, 128)               -> (10, 128)   = W2 (10, 128) ✓
                backward  db2 = sum(dZ2, axis=1) / m  (10, 64)                         -> (10, 1)     = b2 (10, 1) ✓
                backward  dZ1 = W2ᵀ·dZ2 ⊙ σ'(Z1)      (128, 10)·(10, 64) ⊙ (128, 64)   -> (128, 64)
                backward  dW1 = dZ1·Xᵀ / m            (128, 64)·(64, 784)              -> (128, 784)  = W1 (128, 784) ✓
                backward  db1 = sum(dZ1, axis=1) / m  (128, 64)                        -> (128, 1)    = b1 (128, 1) ✓
                update    W1 -= 0.5·dW1               (128, 784) - 0.5·(128, 784)      -> (128, 784)
                update    b1 -= 0.5·db1               (128, 1) - 0.5·(128, 1)          -> (128, 1)
                update    W2 -= 0.5·dW2               (10, 128) - 0.5·(10, 128)        -> (10, 128)
                update    b2 -= 0.5·db2               (10, 1) - 0.5·(10, 1)            -> (10, 1)
                """, net.trace().toString());
        assertTrue(net.trace().gradientsOk());
        assertEquals(4, net.trace().steps().stream().filter(Trace.Step::isGradient).count());
        Trace.Step dW1 = net.trace().steps("backward").get(4);
        assertEquals("W1", dW1.parameter());
        assertEquals(net.parameters().get("W1").shape(), dW1.parameterShape());
        assertEquals("", dW1.broadcast());
    }

    @Test
    void networkPrintsItsLayersAndParameterShapes() {
        assertEquals("""
                Network (columns: X is (features, m), Z = W·X + b), loss mse
                  Dense(784 -> 128, sigmoid)  W1 (128, 784)  b1 (128, 1)
                  Dense(128 -> 10, sigmoid)   W2 (10, 128)   b2 (10, 1)
                  101770 parameters
                """, seedNetwork(128).toString());
    }

    /** The learner's forward pass and the seed's backward formulas, translated line by line to Matrix. */
    private static final class SeedBackprop {
        final Map<String, Matrix> parameters;
        final Matrix X;
        final Matrix Y;
        final Matrix Z1;
        final Matrix A1;
        final Matrix Z2;
        final Matrix A2;
        final Matrix dZ2;
        final int m;

        SeedBackprop(Network net, Matrix X, Matrix Y) {
            this.parameters = net.parameters();
            this.X = X;
            this.Y = Y;
            this.m = X.cols();
            // Z1 = W1·X + b1 ; A1 = σ(Z1) ; Z2 = W2·A1 + b2 ; A2 = σ(Z2)
            Z1 = W("W1").dot(X).add(W("b1"));
            A1 = Activation.SIGMOID.apply(Z1);
            Z2 = W("W2").dot(A1).add(W("b2"));
            A2 = Activation.SIGMOID.apply(Z2);
            // dZ2 = 2(A2 − Y) ⊙ σ'(Z2): cost_value_derivative * sigmoid(Z2, derivative=True)
            dZ2 = A2.sub(Y).mul(2).mul(Activation.SIGMOID.derivative(Z2));
        }

        Matrix W(String name) {
            return parameters.get(name);
        }

        /** The seed: derivative_W2 = (dZ2).dot(hidden_layer.T).T — one transpose too many. */
        Matrix seedDW2() {
            return dZ2.dot(A1.T()).T().div(m).named("dW2");
        }

        /** The seed's derivative_b2 = dZ2 without summing over the batch. */
        Matrix seedDb2() {
            return dZ2.named("db2");
        }

        /** The answer's formulas: dW2 = dZ2·A1ᵀ / m, db2 = sum(dZ2, axis=1) / m, dZ1 = W2ᵀ·dZ2 ⊙ σ'(Z1), … */
        Map<String, Matrix> correct() {
            Matrix dZ1 = W("W2").T().dot(dZ2).mul(Activation.SIGMOID.derivativeFromOutput(A1));
            Map<String, Matrix> gradients = new LinkedHashMap<>();
            gradients.put("dW1", dZ1.dot(X.T()).div(m));
            gradients.put("db1", dZ1.sum(1, true).div(m));
            gradients.put("dW2", dZ2.dot(A1.T()).div(m));
            gradients.put("db2", dZ2.sum(1, true).div(m));
            return gradients;
        }
    }

    @Test
    void seedsGradientShapesAreReportedWithTheirFixes() {
        Network net = seedNetwork(128);
        Matrix[] b = batch(64);
        SeedBackprop seed = new SeedBackprop(net, b[0], b[1]);
        Map<String, Matrix> gradients = new LinkedHashMap<>(seed.correct());
        gradients.put("dW2", seed.seedDW2());
        gradients.put("db2", seed.seedDb2());

        GradientShapes.Report report = GradientShapes.check(net.parameters(), gradients);

        assertEquals("""
                dW1  (128, 784)  W1 (128, 784)  ✓
                db1  (128, 1)    b1 (128, 1)    ✓
                dW2  (128, 10)   W2 (10, 128)   ✗  transpose: dW2.T() is (10, 128) (columns: dW = dZ·A_prevᵀ; rows: dW = A_prevᵀ·dZ)
                db2  (10, 64)    b2 (10, 1)     ✗  sum over the batch axis: dZ.sum(1, true) is (10, 1)
                """, report.toString());
        assertFalse(report.allOk());
        ShapeException error = assertThrows(ShapeException.class, report::requireOk);
        assertEquals("dW2 is (128, 10) but W2 is (10, 128); transpose: dW2.T() is (10, 128) (columns: dW = dZ·A_prevᵀ; "
                + "rows: dW = A_prevᵀ·dZ). db2 is (10, 64) but b2 is (10, 1); sum over the batch axis: dZ.sum(1, true) "
                + "is (10, 1). Every gradient must have its parameter's shape.", error.getMessage());
    }

    @Test
    void aBiasGradientLyingTheOtherWayPointsAtTheSumNotATranspose() {
        Matrix dZ = Matrix.randn(4, 6, new Random(3)).named("dZ");
        // np.sum(dZ, axis=1) without keepdims: a (1, 4) row where b is a (4, 1) column
        Matrix db = dZ.sum(1, false).div(6);
        GradientShapes.Report columns = GradientShapes.check(Map.of("b", Matrix.zeros(4, 1)), Map.of("db", db));
        assertEquals("db  (1, 4)  b (4, 1)  ✗  sum over the samples, keepdims: dZ.sum(1, true) is (4, 1) (rows layout: "
                + "dZ.sum(0, true))\n", columns.toString());
        // the rows layout's bias is a row, and a column there has the same fix the other way round
        GradientShapes.Report rows = GradientShapes.check(Map.of("b1", Matrix.zeros(1, 4)), Map.of("db1", db.T()));
        assertEquals("db1  (4, 1)  b1 (1, 4)  ✗  sum over the samples, keepdims: dZ.sum(0, true) is (1, 4) (columns "
                + "layout: dZ.sum(1, true))\n", rows.toString());
        // a weight of one column, the other way round, is still a transpose
        GradientShapes.Report weight = GradientShapes.check(Map.of("W2", Matrix.zeros(4, 1)), Map.of("dW2", db));
        assertEquals("dW2  (1, 4)  W2 (4, 1)  ✗  transpose: dW2.T() is (4, 1) (columns: dW = dZ·A_prevᵀ; rows: "
                + "dW = A_prevᵀ·dZ)\n", weight.toString());
    }

    @Test
    void aBiasGradientSummedOverTheUnitsSaysToSumOverTheSamples() {
        Matrix dZ = Matrix.randn(4, 6, new Random(3)).named("dZ");
        // columns layout: 4 units × 6 samples, summed over axis 0 (the units) instead of axis 1 (the samples)
        GradientShapes.Report columns = GradientShapes.check(Map.of("b", Matrix.zeros(4, 1)),
                Map.of("db", dZ.sum(0, true).div(6)));
        assertEquals("db  (1, 6)  b (4, 1)  ✗  sum over the samples, axis 1: dZ.sum(1, true) is (4, 1); dZ.sum(0, true)"
                + " adds up the units of each sample instead (rows layout: dZ.sum(0, true))\n", columns.toString());
        // rows layout: 6 samples × 4 units, summed over axis 1
        GradientShapes.Report rows = GradientShapes.check(Map.of("b1", Matrix.zeros(1, 4)),
                Map.of("db1", dZ.T().sum(1, true).div(6)));
        assertEquals("db1  (6, 1)  b1 (1, 4)  ✗  sum over the samples, axis 0: dZ.sum(0, true) is (1, 4); dZ.sum(1,"
                + " true) adds up the units of each sample instead (columns layout: dZ.sum(1, true))\n",
                rows.toString());
        // a weight of one column with a gradient of one row is not a bias: no advice about sums
        GradientShapes.Report weight = GradientShapes.check(Map.of("W3", Matrix.zeros(4, 1)),
                Map.of("dW3", dZ.sum(0, true)));
        assertTrue(weight.toString().endsWith("should be (4, 1): check which matrices the product multiplies, and their"
                + " order\n"), weight.toString());
    }

    @Test
    void updatingWithTheSeedsDerivativeW2FailsNamingTheTranspose() {
        Network net = seedNetwork(128);
        Matrix[] b = batch(64);
        SeedBackprop seed = new SeedBackprop(net, b[0], b[1]);

        // weights_hidden_layer_to_output_layer -= learning_rate * derivative_W2
        ShapeException error = assertThrows(ShapeException.class,
                () -> new Sgd(0.5).step("W2", seed.W("W2"), seed.seedDW2()));

        assertEquals("update W2 −= η·dW2: dW2 is (128, 10) but W2 is (10, 128); a gradient must have its parameter's "
                + "shape (an update never broadcasts). Fix dW2: transpose: dW2.T() is (10, 128) (columns: "
                + "dW = dZ·A_prevᵀ; rows: dW = A_prevᵀ·dZ).", error.getMessage());
    }

    @Test
    void seedsDerivativeB1ChainsDotProductsThatCannotAgree() {
        Network net = seedNetwork(128);
        Matrix[] b = batch(64);
        SeedBackprop seed = new SeedBackprop(net, b[0], b[1]);

        // derivative_b1 = dZ2ᵀ.dot(W2).dot(σ'(Z1)): dot where ⊙ was meant, so it comes out (m, m)
        Matrix seedDb1 = seed.dZ2.T().dot(seed.W("W2")).dot(Activation.SIGMOID.derivative(seed.Z1)).named("db1");
        GradientShapes.Report report = GradientShapes.check(Map.of("b1", seed.W("b1")), Map.of("db1", seedDb1));
        assertEquals("db1  (64, 64)  b1 (128, 1)  ✗  should be (128, 1): check which matrices the product multiplies, "
                + "and their order\n", report.toString());

        // derivative_W1 = derivative_b1.dot(x): the inner dimensions disagree, and the error says which transpose fits
        ShapeException error = assertThrows(ShapeException.class, () -> seedDb1.dot(seed.X.named("X")));
        assertTrue(error.getMessage().startsWith("dot: db1 is (64, 64) but X is (784, 64); db1.cols (64) must equal "
                + "X.rows (784)."), error.getMessage());
        assertTrue(error.getMessage().contains("db1.dot(X.T())"), error.getMessage());
    }

    @Test
    void theAnswersFormulasPassTheShapeCheckAndTheGradientCheck() {
        Network net = seedNetwork(16);
        Matrix[] b = batch(8);
        SeedBackprop seed = new SeedBackprop(net, b[0], b[1]);
        Map<String, Matrix> gradients = seed.correct();

        assertTrue(GradientShapes.check(net.parameters(), gradients).allOk());
        GradientCheck.Report check = GradientCheck.of(net.parameters(), p -> {
            // L = (1/m) Σ (σ(W2·σ(W1·X + b1) + b2) − Y)²
            Matrix A1 = Activation.SIGMOID.apply(p.get("W1").dot(seed.X).add(p.get("b1")));
            Matrix A2 = Activation.SIGMOID.apply(p.get("W2").dot(A1).add(p.get("b2")));
            return A2.sub(seed.Y).pow(2).sum() / seed.m;
        }, gradients);
        assertTrue(check.allOk(), check::toString);
        // and they are exactly what the network computes
        net.forward(b[0]);
        Map<String, Matrix> network = net.backward(b[1]);
        for (String name : network.keySet()) {
            assertTrue(network.get(name).allclose(gradients.get("d" + name), 1e-10, 1e-14), name);
        }
    }

    @Test
    void gradientCheckNamesTheTransposeWhenTheSeedsDW2IsGiven() {
        Network net = seedNetwork(16);
        Matrix[] b = batch(8);
        SeedBackprop seed = new SeedBackprop(net, b[0], b[1]);
        Map<String, Matrix> gradients = new LinkedHashMap<>(seed.correct());
        gradients.put("dW2", seed.seedDW2());

        // the loss of any parameters: the same network rebuilt from them
        GradientCheck.Report check = GradientCheck.of(net.parameters(), p -> Network.fromParameters(Layout.COLUMNS,
                Loss.MSE, p, Activation.SIGMOID, Activation.SIGMOID).loss(seed.X, seed.Y), gradients);

        GradientCheck.Row row = check.row("W2");
        assertEquals(GradientCheck.Verdict.WRONG, row.verdict());
        assertEquals("dW2 is (16, 10) but W2 is (10, 16): transpose: dW2.T() is (10, 16) (columns: dW = dZ·A_prevᵀ; "
                + "rows: dW = A_prevᵀ·dZ).", row.explanation());
        assertEquals(GradientCheck.Verdict.OK, check.row("W1").verdict());
    }
}
