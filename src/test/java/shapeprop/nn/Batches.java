package shapeprop.nn;

import java.util.Random;
import shapeprop.matrix.Matrix;

/** Seeded random batches and labels for the tests, in either layout. */
final class Batches {

    private Batches() {
    }

    /** m samples of n standard-normal features, shaped for the layout. */
    static Matrix inputs(Layout layout, int features, int m, Random rng) {
        Matrix rows = Matrix.randn(m, features, rng);
        return layout == Layout.ROWS ? rows : rows.T();
    }

    /** Labels the loss accepts: values in (0, 1) for MSE, 0/1 for BCE, one-hot for softmax CE. */
    static Matrix labels(Loss loss, Layout layout, int outputs, int m, Random rng) {
        double[][] y = new double[m][outputs];
        for (int i = 0; i < m; i++) {
            if (loss == Loss.SOFTMAX_CROSS_ENTROPY) {
                y[i][rng.nextInt(outputs)] = 1;
            } else {
                for (int k = 0; k < outputs; k++) {
                    y[i][k] = loss == Loss.MSE ? rng.nextDouble() : rng.nextInt(2);
                }
            }
        }
        Matrix rows = Matrix.of(y);
        return layout == Layout.ROWS ? rows : rows.T();
    }
}
