package shapeprop.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;

/**
 * The same seed gives the same bits, however far the JIT has got: the first calls of a loop run in the interpreter,
 * later ones in code compiled by C1 and then C2, and every tier must compute the same numbers. Each test repeats
 * its work some 20,000 times, which crosses all tiers, and compares every repetition with the first.
 */
class SameSeedSameBitsTest {

    @Test
    void tanhAndSigmoidGiveTheSameBitsOnEveryCall() {
        Random rng = new Random(1);
        // a two-moons hidden layer (22 × 200) and a larger one, with values from saturated to tiny
        for (Matrix Z : new Matrix[] {Matrix.randn(22, 200, rng).mul(6), Matrix.randn(128, 64, rng).mul(30)}) {
            for (Activation g : new Activation[] {Activation.TANH, Activation.SIGMOID}) {
                double[] first = g.apply(Z).toFlatArray();
                // the loops run in slices of 256 values: 20,000 calls of each slice loop either way
                int calls = Z.size() > 5000 ? 20_000 / (Z.size() / Kernels.SLICE) : 20_000;
                for (int call = 1; call < calls; call++) {
                    double[] again = g.apply(Z).toFlatArray();
                    if (!java.util.Arrays.equals(first, again)) {
                        assertArrayEquals(first, again, g + " of " + Z.shape() + ", call " + call);
                    }
                }
            }
        }
    }

    @Test
    void aShortTrainingRunGivesTheSameBitsEveryTime() {
        Random rng = new Random(2);
        // two moons' size (2-22-1 tanh, full batch of 200) and products large enough for the packed kernels
        // (40-24-10 sigmoid, softmax, batch 40)
        Matrix moonsX = Matrix.randn(2, 200, rng);
        Matrix moonsY = Matrix.rand(1, 200, rng).map(v -> v < 0.5 ? 0 : 1);
        Matrix digitsX = Matrix.rand(40, 40, rng);
        Matrix digitsY = oneHot(40, 10, rng);
        double[] moonsFirst = null;
        double[] digitsFirst = null;
        for (int run = 0; run < 40; run++) {
            Network moons = Network.builder(2).dense(22, Activation.TANH).dense(1, Activation.SIGMOID)
                    .loss(Loss.BINARY_CROSS_ENTROPY).seed(3).build();
            Network digits = Network.builder(40).dense(24, Activation.SIGMOID).dense(10, Activation.SOFTMAX)
                    .loss(Loss.SOFTMAX_CROSS_ENTROPY).seed(4).build();
            for (int step = 0; step < 500; step++) {
                moons.step(moonsX, moonsY, 0.5);
                if (step % 5 == 0) {
                    digits.step(digitsX, digitsY, 1.0);
                }
            }
            double[] moonsNow = flat(moons.parameters());
            double[] digitsNow = flat(digits.parameters());
            if (run == 0) {
                moonsFirst = moonsNow;
                digitsFirst = digitsNow;
            }
            assertArrayEquals(moonsFirst, moonsNow, "2-22-1 parameters after run " + run);
            assertArrayEquals(digitsFirst, digitsNow, "40-24-10 parameters after run " + run);
        }
    }

    private static Matrix oneHot(int m, int classes, Random rng) {
        double[][] y = new double[classes][m];
        for (int j = 0; j < m; j++) {
            y[rng.nextInt(classes)][j] = 1;
        }
        return Matrix.of(y);
    }

    private static double[] flat(Map<String, Matrix> parameters) {
        return parameters.values().stream().flatMapToDouble(p -> java.util.Arrays.stream(p.toFlatArray())).toArray();
    }
}
