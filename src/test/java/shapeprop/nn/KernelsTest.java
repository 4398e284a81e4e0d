package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;

/**
 * The activation loops the network trains with, against {@code Math}: tanh is a polynomial of our own, so its
 * accuracy is checked over the whole range where it is not ±1, and in the tails, at 0 and for NaN.
 */
class KernelsTest {

    @Test
    void tanhIsWithinSixUlpOfMathTanhEverywhere() {
        double worst = 0;
        double at = 0;
        // every 1e-5 from −21 to 21: the range where tanh is not yet ±1, and a little beyond
        for (int i = -2_100_000; i <= 2_100_000; i++) {
            double z = i * 1e-5;
            double ulps = Math.abs(Kernels.tanh(z) - Math.tanh(z)) / Math.ulp(Math.tanh(z));
            if (ulps > worst) {
                worst = ulps;
                at = z;
            }
        }
        assertTrue(worst <= 6, "tanh(" + at + ") is " + worst + " ulp from Math.tanh");
    }

    @Test
    void tanhIsExactInTheTailsAndNearZeroAndKeepsNaN() {
        for (double z : new double[] {19.1, 20, 25, 710, 1e300, Double.POSITIVE_INFINITY}) {
            assertEquals(1.0, Kernels.tanh(z), "tanh(" + z + ")");
            assertEquals(-1.0, Kernels.tanh(-z), "tanh(" + -z + ")");
        }
        // tanh z = z − z³/3 + …: below 1e-8 the cube is lost in rounding, and the formula keeps every digit of z
        for (double z : new double[] {1e-300, 1e-20, 1e-10, 3e-9, -7e-9}) {
            assertEquals(z, Kernels.tanh(z), Math.ulp(z), "tanh(" + z + ")");
        }
        assertEquals(0.0, Kernels.tanh(0.0));
        assertTrue(Double.isNaN(Kernels.tanh(Double.NaN)));
    }

    @Test
    void sigmoidIsWithin4eMinus16OfTheExpFormulaEverywhere() {
        double worst = 0;
        double at = 0;
        double worstRelative = 0;
        double relativeAt = 0;
        // every 1e-5 from −85 to 85: beyond ±80 σ is clamped; relative to σ, within 1e-12 down to σ(−30) = 9e-14
        for (int i = -8_500_000; i <= 8_500_000; i++) {
            double z = i * 1e-5;
            double exact = 1 / (1 + Math.exp(-z));
            double error = Math.abs(Kernels.sigmoid(z) - exact);
            if (error > worst) {
                worst = error;
                at = z;
            }
            if (z >= -30 && error / exact > worstRelative) {
                worstRelative = error / exact;
                relativeAt = z;
            }
        }
        assertTrue(worst <= 4e-16, "σ(" + at + ") is " + worst + " from 1 / (1 + e^−z)");
        assertTrue(worstRelative <= 1e-12, "σ(" + relativeAt + ") is " + worstRelative + " of itself from 1 / (1 + e^−z)");
    }

    @Test
    void theSigmoidLoopComputesTheScalarFormulaBitForBitOnEveryCall() {
        // 128 × 64 values: the loop in the interpreter, then compiled by C1 and by C2, against the formula
        Random rng = new Random(5);
        Matrix Z = Matrix.randn(128, 64, rng).mul(8);
        double[] expected = Z.map(Kernels::sigmoid).toFlatArray();
        for (int call = 0; call < 3000; call++) {
            double[] A = Activation.SIGMOID.apply(Z).toFlatArray();
            if (!java.util.Arrays.equals(expected, A)) {
                assertArrayEquals(expected, A, "call " + call);
            }
        }
    }

    @Test
    void theArrayLoopsComputeWhatTheScalarFormulasDo() {
        Random rng = new Random(4);
        // 22 × 200 as in the two-moons network: several slices, and a tail
        Matrix Z = Matrix.randn(22, 200, rng).mul(4);
        for (Activation g : new Activation[] {Activation.TANH, Activation.SIGMOID, Activation.RELU,
                Activation.LEAKY_RELU, Activation.IDENTITY}) {
            Matrix A = g.apply(Z);
            for (int i = 0; i < Z.rows(); i++) {
                for (int j = 0; j < Z.cols(); j++) {
                    assertEquals(g.value(Z.get(i, j)), A.get(i, j), 0.0, g + " at (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void crossEntropyFromTheOutputsMatchesTheLogitFormula() {
        // logits from saturated to moderate, labels 0 and 1
        Matrix Z = Matrix.row(-800, -40, -12, -1, -1e-9, 0, 0.3, 5, 37, 800);
        Matrix Y = Matrix.row(0, 1, 0, 1, 0, 1, 1, 0, 1, 0);
        Matrix A = Activation.SIGMOID.apply(Z);

        double fromLogits = Loss.BINARY_CROSS_ENTROPY.valueFromLogits(Z, A, Y, Activation.SIGMOID, Layout.COLUMNS);
        double fromOutputs = Loss.BINARY_CROSS_ENTROPY.valueFromOutputs(Z, A, Y, Activation.SIGMOID, Layout.COLUMNS);

        assertEquals(fromLogits, fromOutputs, 1e-15 * fromLogits);
    }

    @Test
    void aTrainingStepNeverChangesWhatAnEarlierStepHandedOut() {
        // the network reuses its own arrays for hidden outputs and hidden dZ; what it hands out must stay put
        Random rng = new Random(8);
        for (Layout layout : Layout.values()) {
            Network net = Network.builder(2).dense(22, Activation.TANH).dense(1, Activation.SIGMOID)
                    .loss(Loss.BINARY_CROSS_ENTROPY).layout(layout).seed(2).build();
            Matrix X = layout == Layout.COLUMNS ? Matrix.randn(2, 200, rng) : Matrix.randn(200, 2, rng);
            Matrix Y = (layout == Layout.COLUMNS ? Matrix.rand(1, 200, rng) : Matrix.rand(200, 1, rng))
                    .map(v -> v < 0.5 ? 0 : 1);

            Matrix output = net.forward(X);
            double[] outputBefore = output.toFlatArray();
            Map<String, Matrix> gradients = net.backward(Y);
            Matrix dW1 = gradients.get("W1");
            double[] dW1Before = dW1.toFlatArray();
            net.update(0.5);
            net.forward(X);
            net.backward(Y);
            net.update(0.5);

            assertArrayEquals(outputBefore, output.toFlatArray(), layout + ": the first output changed");
            assertArrayEquals(dW1Before, dW1.toFlatArray(), layout + ": the first dW1 changed");
        }
    }
}
