package shapeprop.matrix;

import java.util.SplittableRandom;

/**
 * The independent reference the tests compare against: textbook loops over {@code double[][]}, written from
 * the definitions and sharing no code with {@link Matrix}.
 */
final class Naive {

    private Naive() {
    }

    /** C[i][j] = Σ_p A[i][p]·B[p][j]; null when the inner dimensions differ. */
    static double[][] dot(double[][] a, int aCols, double[][] b, int bCols) {
        int m = a.length;
        int k = aCols;
        if (b.length != k) {
            return null;
        }
        double[][] c = new double[m][bCols];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < bCols; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i][p] * b[p][j];
                }
                c[i][j] = s;
            }
        }
        return c;
    }

    /** The transpose of a (rows, cols) array: t[j][i] = v[i][j]. */
    static double[][] transpose(double[][] v, int rows, int cols) {
        double[][] t = new double[cols][rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j][i] = v[i][j];
            }
        }
        return t;
    }

    /** numpy's broadcasting for one axis: the common size, or -1. */
    static int commonSize(int x, int y) {
        if (x == y || y == 1) {
            return x;
        }
        return x == 1 ? y : -1;
    }

    /** a op b with numpy's 2-D broadcasting; null when the shapes cannot be broadcast. */
    static double[][] elementwise(char op, double[][] a, int aRows, int aCols, double[][] b, int bRows, int bCols) {
        int r = commonSize(aRows, bRows);
        int c = commonSize(aCols, bCols);
        if (r < 0 || c < 0) {
            return null;
        }
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double x = a[aRows == 1 ? 0 : i][aCols == 1 ? 0 : j];
                double y = b[bRows == 1 ? 0 : i][bCols == 1 ? 0 : j];
                out[i][j] = switch (op) {
                    case '+' -> x + y;
                    case '-' -> x - y;
                    case '*' -> x * y;
                    case '/' -> x / y;
                    default -> throw new IllegalArgumentException("unknown op " + op);
                };
            }
        }
        return out;
    }

    /** Random values in ±[0.5, 2): never zero, so division is always defined. */
    static double[][] values(int rows, int cols, SplittableRandom rng) {
        double[][] v = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double magnitude = rng.nextDouble(0.5, 2.0);
                v[i][j] = rng.nextBoolean() ? magnitude : -magnitude;
            }
        }
        return v;
    }

    /** A matrix holding the given values, built element by element (not through Matrix.of(double[][])). */
    static Matrix matrix(double[][] v, int rows, int cols) {
        return Matrix.fromFunction(rows, cols, (i, j) -> v[i][j]);
    }

    /** Largest |x - y| relative to the scale of the values; shapes must already agree. */
    static double maxRelativeError(Matrix actual, double[][] expected) {
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                double e = expected[i][j];
                double diff = Math.abs(actual.get(i, j) - e) / Math.max(1.0, Math.abs(e));
                worst = Math.max(worst, diff);
            }
        }
        return worst;
    }
}
