package shapeprop.matrix;

/**
 * The matrix product kernel behind {@link Matrix#dot}. This is the plain i-k-j loop; it is correct for
 * every shape, including zero-size ones, and is the reference the fast kernels are tested against.
 */
final class Dot {

    private Dot() {
    }

    /** C = A·B for (m, k)·(k, n), returned row-major (m·n values). Shapes are already checked. */
    static double[] multiply(Matrix a, Matrix b) {
        int m = a.rows;
        int k = a.cols;
        int n = b.cols;
        double[] c = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
                // C[i, :] += A[i, p] · B[p, :]
                double aip = a.data[i * k + p];
                int bRow = p * n;
                int cRow = i * n;
                for (int j = 0; j < n; j++) {
                    c[cRow + j] += aip * b.data[bRow + j];
                }
            }
        }
        return c;
    }
}
