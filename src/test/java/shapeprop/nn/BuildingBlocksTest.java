package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.ShapeException;

/** The pieces learners use by hand: activations and their derivatives, losses, and how each prints. */
class BuildingBlocksTest {

    private static final Random RNG = new Random(17);

    @Test
    void eachActivationDerivativeMatchesCentralDifferencesAndItsOutputForm() {
        Matrix Z = Matrix.randn(4, 5, RNG).mul(2);
        double h = 1e-6;
        for (Activation g : Activation.values()) {
            if (!g.isElementwise()) {
                continue;
            }
            // g'(z) ≈ (g(z + h) − g(z − h)) / 2h
            Matrix numeric = g.apply(Z.add(h)).sub(g.apply(Z.sub(h))).div(2 * h);
            assertTrue(g.derivative(Z).allclose(numeric, 1e-6, 1e-8), g.toString());
            assertTrue(g.derivativeFromOutput(g.apply(Z)).allclose(g.derivative(Z), 1e-12, 1e-14), g.toString());
        }
    }

    @Test
    void reluKeepsANaNAsNumpysMaximumDoes() {
        // np.maximum(0, [nan, -1, 2]) is [nan, 0, 2]: a NaN in the data must reach the loss, not become a 0
        Matrix Z = Matrix.row(Double.NaN, -1, 2);
        assertEquals("[NaN, 0.0, 2.0]", java.util.Arrays.toString(Activation.RELU.apply(Z).toFlatArray()));
        assertEquals("[NaN, -0.01, 2.0]", java.util.Arrays.toString(Activation.LEAKY_RELU.apply(Z).toFlatArray()));
        Network net = Network.builder(2).dense(3, Activation.RELU).dense(1, Activation.IDENTITY).loss(Loss.MSE)
                .seed(1).build();
        Matrix X = Matrix.of(2, 2, 1, Double.NaN, 2, 3);
        Matrix out = net.output(X);
        assertTrue(Double.isNaN(out.get(0, 1)), "the sample with a NaN feature has a NaN output: " + out);
        assertTrue(Double.isFinite(out.get(0, 0)), out.toString());
    }

    @Test
    void sigmoidAndTanhAreAccurateAndSaturateWithoutOverflow() {
        Matrix Z = Matrix.row(-800, -30, -1, -1e-9, 0, 1e-9, 0.5, 30, 800);
        Matrix sigmoid = Activation.SIGMOID.apply(Z);
        Matrix tanh = Activation.TANH.apply(Z);
        for (int j = 0; j < Z.cols(); j++) {
            double z = Z.get(0, j);
            assertEquals(1 / (1 + Math.exp(-z)), sigmoid.get(0, j), 1e-15);
            assertEquals(Math.tanh(z), tanh.get(0, j), 1e-15);
        }
        Matrix wide = Matrix.randn(7, 13, RNG).mul(5);
        assertTrue(Activation.TANH.apply(wide).allclose(wide.map(Math::tanh), 0, 1e-15));
    }

    @Test
    void softmaxNormalizesAlongTheClassAxisOfTheLayout() {
        Matrix Z = Matrix.of(2, 3, 1, 2, 3, 1000, 1000, 1000);
        Matrix rows = Activation.SOFTMAX.apply(Z, Layout.ROWS);
        assertTrue(rows.sum(1, true).allclose(Matrix.ones(2, 1), 1e-12, 1e-12));
        assertEquals(1.0 / 3, rows.get(1, 0), 1e-15);
        Matrix columns = Activation.SOFTMAX.apply(Z.T(), Layout.COLUMNS);
        assertTrue(columns.allclose(rows.T(), 1e-15, 1e-15));

        IllegalArgumentException noAxis = assertThrows(IllegalArgumentException.class, () -> Activation.SOFTMAX.apply(Z));
        assertTrue(noAxis.getMessage().startsWith("softmax(Z): softmax normalizes over the classes of each sample"));
        ShapeException noElementwise = assertThrows(ShapeException.class, () -> Activation.SOFTMAX.derivative(Z));
        assertEquals("softmax.derivative: softmax has no elementwise derivative; its Jacobian couples the classes of "
                + "each sample. With cross-entropy use dZ = A − Y; otherwise use Activation.SOFTMAX.backward(dA, A, "
                + "layout).", noElementwise.getMessage());
    }

    @Test
    void crossEntropyFromLogitsStaysFiniteWhereLogOfTheOutputWouldNot() {
        Matrix Z = Matrix.row(-800, 800);
        Matrix A = Activation.SIGMOID.apply(Z);
        Matrix Y = Matrix.row(1, 0);
        // −log σ(−800) = 800, −log(1 − σ(800)) = 800: mean over the 2 samples
        assertEquals(800, Loss.BINARY_CROSS_ENTROPY.valueFromLogits(Z, A, Y, Activation.SIGMOID, Layout.ROWS.other()),
                1e-9);
        Matrix moderate = Matrix.row(-2, 0.5, 3);
        Matrix labels = Matrix.row(0, 1, 1);
        assertEquals(Loss.BINARY_CROSS_ENTROPY.value(Activation.SIGMOID.apply(moderate), labels, Layout.COLUMNS),
                Loss.BINARY_CROSS_ENTROPY.valueFromLogits(moderate, Activation.SIGMOID.apply(moderate), labels,
                        Activation.SIGMOID, Layout.COLUMNS), 1e-12);
        Matrix logits = Matrix.of(3, 2, 1000, -1000, 0, 0, -1000, 1000);
        Matrix oneHot = Matrix.of(3, 2, 1, 0, 0, 0, 0, 1);
        double loss = Loss.SOFTMAX_CROSS_ENTROPY.valueFromLogits(logits, Activation.SOFTMAX.apply(logits, Layout.COLUMNS),
                oneHot, Activation.SOFTMAX, Layout.COLUMNS);
        // sample 0: −log softmax(1000, 0, −1000)₀ = 0 ; sample 1: −log softmax(−1000, 0, 1000)₂ = 0
        assertEquals(0, loss, 1e-12);
    }

    @Test
    void lossesRefuseTransposedLabelsNamingTheTranspose() {
        Matrix A = Matrix.zeros(10, 64).named("A2");
        ShapeException error = assertThrows(ShapeException.class, () -> Loss.MSE.value(A, Matrix.zeros(64, 10),
                Layout.COLUMNS));
        assertEquals("mse: labels Y (64, 10) vs outputs A2 (10, 64); labels must have exactly the outputs' shape (one "
                + "value per output unit and sample). Did you mean Y.T()? Y.T() is (10, 64).", error.getMessage());
        // labels that are already a transpose, Yᵀ: the fix is Y itself, not Yᵀ.T()
        Matrix Y = Matrix.zeros(10, 64).named("Y");
        ShapeException turned = assertThrows(ShapeException.class, () -> Loss.MSE.value(A, Y.T(), Layout.COLUMNS));
        assertTrue(turned.getMessage().endsWith("Did you mean Y? Y is (10, 64)."), turned.getMessage());
    }

    @Test
    void theBuilderRefusesPairingsThatCannotWork() {
        IllegalArgumentException bce = assertThrows(IllegalArgumentException.class, () -> Network.builder(2)
                .dense(2, Activation.TANH).loss(Loss.BINARY_CROSS_ENTROPY).build());
        assertTrue(bce.getMessage().startsWith("binary_cross_entropy needs a sigmoid output: it takes log A and "
                + "log(1 − A), so A must lie in (0, 1), but the output activation is tanh."), bce.getMessage());
        IllegalArgumentException hiddenSoftmax = assertThrows(IllegalArgumentException.class, () -> Network.builder(2)
                .dense(3, Activation.SOFTMAX).dense(1, Activation.SIGMOID).loss(Loss.MSE).build());
        assertTrue(hiddenSoftmax.getMessage().startsWith("layer 1 Dense(2 -> 3, softmax): softmax belongs on the "
                + "output layer"), hiddenSoftmax.getMessage());
        IllegalArgumentException noLoss = assertThrows(IllegalArgumentException.class, () -> Network.builder(2)
                .dense(1, Activation.SIGMOID).build());
        assertTrue(noLoss.getMessage().startsWith("Network.build: choose a loss"));
    }

    @Test
    void forwardExplainsAnInputInTheOtherLayout() {
        Network net = Network.builder(784).dense(10, Activation.SOFTMAX).loss(Loss.SOFTMAX_CROSS_ENTROPY).build();
        ShapeException error = assertThrows(ShapeException.class, () -> net.forward(Matrix.zeros(64, 784)));
        assertEquals("forward: X is (64, 784) but the network takes 784 features; in the COLUMNS layout X must be "
                + "(features, m) = (784, m), so axis 0 (64) must equal 784. Did you mean X.T()? X.T() is (784, 64).",
                error.getMessage());
    }

    @Test
    void everyPieceSaysWhatItIs() {
        assertEquals("Dense(784 -> 128, sigmoid)", new Dense(784, 128, Activation.SIGMOID).toString());
        assertEquals("leaky_relu", Activation.LEAKY_RELU.toString());
        assertEquals("softmax_cross_entropy", Loss.SOFTMAX_CROSS_ENTROPY.toString());
        assertEquals("Sgd(lr=0.05)", new Sgd(0.05).toString());
        assertEquals("he: randn·√(2/in)", Initializer.HE.toString());
        assertEquals(Math.sqrt(2.0 / 784), Initializer.HE.scale(784, 128), 1e-15);
        assertEquals("(empty trace: turn tracing on with network.tracing(true) before forward/backward/update)\n",
                Trace.EMPTY.toString());
    }
}
