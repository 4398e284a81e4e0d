package shapeprop.matrix;

/**
 * Products too small, or too thin, to repay packing: the two-moons network multiplies (22, 2)·(2, 200), and
 * its 2 000-step training run is nothing but such products. Here the loops write straight into the result,
 * with no scratch space, padding, tiles or threads. With jdk.incubator.vector the loops of {@link SmallVectorDot}
 * run (a strip of C held in registers along k); without it, the plain Java loops below.
 *
 * <p>Two loop orders, chosen by how B is stored:
 * <ul>
 *   <li>B's rows contiguous ({@code dot}, {@code Tdot}): C[i, :] += A(i, p)·B[p, :], a row of C updated by a
 *       scaled row of B (numpy's "axpy"), contiguous in both;</li>
 *   <li>B read transposed ({@code dotT}): C(i, j) = A[i, :]·Bᵀ[j, :], a dot product of two contiguous rows,
 *       summed in four interleaved partial sums so the additions do not wait for each other.</li>
 * </ul>
 */
final class SmallDot {

    /** Products of at most this many multiply-adds (m·k·n) take this path. */
    static final long SMALL_WORK = 1L << 15;

    private SmallDot() {
    }

    /** True when {@code o}-shaped work should skip the packed kernels: small, or a dimension of one or two. */
    static boolean fits(int m, int k, int n) {
        long work = (long) m * k * n;
        return work <= SMALL_WORK || k <= 2 || (m == 1 || n == 1) && work <= 64L * SMALL_WORK;
    }

    /** C = A·B as a row-major (m, n) array; A(i, p) = a[i·aRow + p·aCol], B(p, j) = b[p·bRow + j·bCol]. */
    static double[] multiply(double[] a, int aRow, int aCol, double[] b, int bRow, int bCol, int m, int k, int n) {
        return multiply(a, aRow, aCol, b, bRow, bCol, m, k, n, Dot.kernel() == Dot.Kernel.VECTOR);
    }

    /** As above, on the Vector API's loops ({@link SmallVectorDot}) or on plain Java ones. */
    static double[] multiply(double[] a, int aRow, int aCol, double[] b, int bRow, int bCol, int m, int k, int n,
                             boolean vector) {
        double[] c = new double[m * n];
        if (m == 0 || n == 0 || k == 0) {
            return c;
        }
        if (bCol == 1) {
            if (vector) {
                SmallVectorDot.rowsOfB(a, aRow, aCol, b, bRow, c, m, k, n);
            } else {
                rowsOfB(a, aRow, aCol, b, bRow, c, m, k, n);
            }
        } else if (aCol == 1 && bRow == 1) {
            if (vector) {
                SmallVectorDot.dotsOfRows(a, aRow, b, bCol, c, m, k, n);
            } else {
                dotsOfRows(a, aRow, b, bCol, c, m, k, n);
            }
        } else {
            strided(a, aRow, aCol, b, bRow, bCol, c, m, k, n);
        }
        return c;
    }

    private static void rowsOfB(double[] a, int aRow, int aCol, double[] b, int bRow, double[] c, int m, int k,
                                int n) {
        for (int i = 0; i < m; i++) {
            int ci = i * n;
            for (int p = 0; p < k; p++) {
                double aip = a[i * aRow + p * aCol];
                int bp = p * bRow;
                // C[i, :] += A(i, p)·B[p, :]
                for (int j = 0; j < n; j++) {
                    c[ci + j] += aip * b[bp + j];
                }
            }
        }
    }

    private static void dotsOfRows(double[] a, int aRow, double[] b, int bCol, double[] c, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ai = i * aRow;
            for (int j = 0; j < n; j++) {
                int bj = j * bCol;
                // C(i, j) = Σ_p A(i, p)·Bᵀ(j, p), in four partial sums
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int p = 0;
                for (; p <= k - 4; p += 4) {
                    s0 += a[ai + p] * b[bj + p];
                    s1 += a[ai + p + 1] * b[bj + p + 1];
                    s2 += a[ai + p + 2] * b[bj + p + 2];
                    s3 += a[ai + p + 3] * b[bj + p + 3];
                }
                for (; p < k; p++) {
                    s0 += a[ai + p] * b[bj + p];
                }
                c[i * n + j] = (s0 + s1) + (s2 + s3);
            }
        }
    }

    private static void strided(double[] a, int aRow, int aCol, double[] b, int bRow, int bCol, double[] c, int m,
                                int k, int n) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                // C(i, j) = Σ_p A(i, p)·B(p, j)
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i * aRow + p * aCol] * b[p * bRow + j * bCol];
                }
                c[i * n + j] = s;
            }
        }
    }
}
