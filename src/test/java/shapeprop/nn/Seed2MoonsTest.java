package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;
import shapeprop.data.Dataset;
import shapeprop.data.Moons;
import shapeprop.data.Samples;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.ShapeException;

/**
 * Seed 2: a 2 → 2 → 22 → 2 tanh network on 200 two-moons points (noise 0.2), samples as rows, whose "backprop"
 * has no chain rule, no tanh′ and two output units for one 0/1 label, so it predicts [1, 1] or [-1, -1] for
 * everything. GradientCheck flags each of its gradients; the corrected network learns the moons.
 */
class Seed2MoonsTest {

    private static final Dataset MOONS = Moons.generate(200, 0.2, 0);
    private static final Matrix x = MOONS.x(Samples.ROWS);
    private static final Matrix y = MOONS.y(Samples.ROWS);
    private static final int N = 200;

    /** W1 (2, 2), b1 (1, 2), W2 (2, 22), b2 (1, 22), W3 (22, 2), b3 (1, 2), all np.random.randn as in the seed. */
    private static Network seedNetwork() {
        return Network.builder(2).dense(2, Activation.TANH).dense(22, Activation.TANH).dense(2, Activation.TANH)
                .loss(Loss.MSE).layout(Layout.ROWS).initializer(Initializer.STANDARD_NORMAL).seed(0).build();
    }

    /** The seed's loss, as numpy computes it: y (200, 1) broadcast against a3 (200, 2), f = (1/N) Σ (y − a3)². */
    private static final ToDoubleFunction<Map<String, Matrix>> SEED_LOSS = p -> {
        Matrix a1 = x.dot(p.get("W1")).add(p.get("b1")).tanh();
        Matrix a2 = a1.dot(p.get("W2")).add(p.get("b2")).tanh();
        Matrix a3 = a2.dot(p.get("W3")).add(p.get("b3")).tanh();
        return y.sub(a3).pow(2).sum() / N;
    };

    @Test
    void seedsNetworkPrintsItsShapesInTheRowsLayout() {
        assertEquals("""
                Network (rows: X is (m, features), Z = X·W + b), loss mse
                  Dense(2 -> 2, tanh)   W1 (2, 2)   b1 (1, 2)
                  Dense(2 -> 22, tanh)  W2 (2, 22)  b2 (1, 22)
                  Dense(22 -> 2, tanh)  W3 (22, 2)  b3 (1, 2)
                  118 parameters
                """, seedNetwork().toString());
    }

    @Test
    void oneLabelColumnForTwoOutputUnitsIsRefusedWithTheTwoWaysOut() {
        Network net = seedNetwork();
        net.forward(x);

        ShapeException error = assertThrows(ShapeException.class, () -> net.backward(y));

        assertEquals("mse: labels Y (200, 1) vs outputs A3 (200, 2); labels must have exactly the outputs' shape (one "
                + "value per output unit and sample). One-hot encode Y to (200, 2) (2 classes), or, for two classes, "
                + "use one sigmoid output unit with binary cross-entropy so the outputs are (200, 1) like Y.",
                error.getMessage());
    }

    @Test
    void gradientCheckFlagsEachOfTheSeedsGradients() {
        Map<String, Matrix> p = seedNetwork().parameters();
        Matrix a1 = x.dot(p.get("W1")).add(p.get("b1")).tanh();
        Matrix a2 = a1.dot(p.get("W2")).add(p.get("b2")).tanh();
        Matrix a3 = a2.dot(p.get("W3")).add(p.get("b3")).tanh();
        double c = -2.0 / N;
        Map<String, Matrix> seed = new LinkedHashMap<>();
        // dW1 = -2*(1/N)*(x.T).dot(a1) ; db1 = -2*(1/N)*sum(dW1)   (Python's sum adds the rows: axis 0)
        seed.put("dW1", x.T().dot(a1).mul(c));
        seed.put("db1", x.T().dot(a1).mul(c).sum(0, true).mul(c));
        // dW2 = -2*(1/N)*a1.T.dot(a2) ; db2 = -2*(1/N)*sum(a2)
        seed.put("dW2", a1.T().dot(a2).mul(c));
        seed.put("db2", a2.sum(0, true).mul(c));
        // dW3 = -2*(1/N)*(a2.T).dot(y-a3) ; db3 = -2*(1/N)*sum(y-a3)
        seed.put("dW3", a2.T().dot(y.sub(a3)).mul(c));
        seed.put("db3", y.sub(a3).sum(0, true).mul(c));

        GradientCheck.Report report = GradientCheck.of(p, SEED_LOSS, seed);

        for (String name : p.keySet()) {
            GradientCheck.Row row = report.row(name);
            assertEquals(GradientCheck.Verdict.WRONG, row.verdict(), report::toString);
            assertEquals(p.get(name).shape(), row.shape());
            assertTrue(row.relativeError() > 0.1, report::toString);
        }
        assertEquals("dW3 does not match: the analytic gradient is missing the chain rule or an activation derivative; "
                + "it must be dZ·A_prevᵀ / m (columns) or A_prevᵀ·dZ / m (rows) with dZ = dA ⊙ g'(Z) carried back "
                + "from the loss through every layer above.", report.row("W3").explanation());
        assertEquals("db1 does not match: the analytic gradient is missing the chain rule or an activation derivative; "
                + "it must be sum(dZ over the samples) / m with dZ = dA ⊙ g'(Z) carried back from the loss through "
                + "every layer above.", report.row("b1").explanation());
        String printed = report.toString();
        assertTrue(printed.startsWith("parameter  shape    max |diff|  rel. error  verdict\n"), printed);
        assertTrue(printed.contains("\nW3         (22, 2)  "), printed);
        assertEquals(7, printed.lines().count());
    }

    @Test
    void chainRuleWithTanhDerivativeMatchesForTheSeedsOwnLoss() {
        Map<String, Matrix> p = seedNetwork().parameters();
        Matrix a1 = x.dot(p.get("W1")).add(p.get("b1")).tanh();
        Matrix a2 = a1.dot(p.get("W2")).add(p.get("b2")).tanh();
        Matrix a3 = a2.dot(p.get("W3")).add(p.get("b3")).tanh();
        // dL/da3 = -2/N (y − a3), summed over nothing: a3 (200, 2), y broadcast as in the forward pass
        Matrix dA3 = y.sub(a3).mul(-2.0 / N);
        // dz3 = dA3 ⊙ tanh'(z3) ; dW3 = a2ᵀ·dz3 ; db3 = sum(dz3, axis=0)
        Matrix dz3 = dA3.mul(Activation.TANH.derivativeFromOutput(a3));
        // dz2 = dz3·W3ᵀ ⊙ tanh'(z2)
        Matrix dz2 = dz3.dot(p.get("W3").T()).mul(Activation.TANH.derivativeFromOutput(a2));
        // dz1 = dz2·W2ᵀ ⊙ tanh'(z1)
        Matrix dz1 = dz2.dot(p.get("W2").T()).mul(Activation.TANH.derivativeFromOutput(a1));
        Map<String, Matrix> fixed = new LinkedHashMap<>();
        fixed.put("dW1", x.T().dot(dz1));
        fixed.put("db1", dz1.sum(0, true));
        fixed.put("dW2", a1.T().dot(dz2));
        fixed.put("db2", dz2.sum(0, true));
        fixed.put("dW3", a2.T().dot(dz3));
        fixed.put("db3", dz3.sum(0, true));

        GradientCheck.Report report = GradientCheck.of(p, SEED_LOSS, fixed);

        assertTrue(report.allOk(), report::toString);
    }

    @Test
    void correctedNetworkWithOneSigmoidOutputLearnsTheMoons() {
        // one sigmoid output for the 0/1 label, binary cross-entropy, backprop with the chain rule and tanh′
        Network net = Network.builder(2).dense(2, Activation.TANH).dense(22, Activation.TANH)
                .dense(1, Activation.SIGMOID).loss(Loss.BINARY_CROSS_ENTROPY).layout(Layout.ROWS)
                .initializer(Initializer.XAVIER).seed(0).build();
        assertTrue(GradientCheck.of(net, x, y).allOk());

        // η = 0.3: the loss falls steadily (98% from step 1000 on); at 0.5 it jumps between 0.07 and 1.06 from step
        // 300 on, so the accuracy at step 3000 would depend on the last bit of every tanh
        History history = net.fit(x, y, 3000, N, 0.3, 0, null);

        assertTrue(net.accuracy(x, y) >= 0.97, history.last().toString());
        assertEquals(net.accuracy(x, y), MOONS.accuracy(net.predict(x)), 1e-12);
        assertTrue(history.last().loss() < history.entries().get(0).loss() / 4, history.last().toString());
    }
}
