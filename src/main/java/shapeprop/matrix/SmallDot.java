package shapeprop.matrix;

import java.util.Arrays;

/**
 * Products too small, or too thin, to repay the packed kernels: the two-moons network multiplies (22, 2)·(2, 200),
 * and its 10,000-step training run is nothing but such products. No tiles, padding or threads, and plain Java
 * loops in the shape the JIT turns into SIMD code by itself. Two forms, chosen by which loop is longer:
 * <ul>
 *   <li><b>rows of C</b> (numpy's "axpy"): C[i, :] = Σ_p A(i, p)·B[p, :], a row of C built from scaled rows of B,
 *       inner loop along n: {@link ScalarDot}'s loops, which copy B's rows into arrays of their own first;</li>
 *   <li><b>dot products</b>: C(i, j) = A[i, :]·Bᵀ[j, :] when the rows of A and the columns of B are contiguous
 *       and k exceeds n, as in dW = dZ·Aᵀ where k is the batch: two rows of A and two columns of B at a time
 *       share each load between two sums, and four partial sums each keep both FMA units busy.</li>
 * </ul>
 * The loops are small methods called once per row or pair of C, so the JIT compiles them fully within the first
 * few dozen training steps. (The Vector API would be faster once compiled, but runs hundreds of times slower until
 * then: a 10,000-step run of tiny products spent most of its time warming it up.)
 */
final class SmallDot {

    /** Products of at most this many multiply-adds (m·k·n) take this path. */
    static final long SMALL_WORK = 1L << 15;

    private SmallDot() {
    }

    /** True when (m, k)·(k, n) should skip the packed kernels: small, or a dimension of one or two. */
    static boolean fits(int m, int k, int n) {
        long work = (long) m * k * n;
        return work <= SMALL_WORK || k <= 2 || (m == 1 || n == 1) && work <= 64L * SMALL_WORK;
    }

    /** C = A·B as a new row-major (m, n) array; A(i, p) = a[i·aRow + p·aCol], B(p, j) = b[p·bRow + j·bCol]. */
    static double[] multiply(double[] a, int aRow, int aCol, double[] b, int bRow, int bCol, int m, int k, int n) {
        double[] c = new double[m * n];
        multiply(c, a, aRow, aCol, b, bRow, bCol, m, k, n);
        return c;
    }

    /** C = A·B into {@code c} (m·n values, overwritten), strides as above. */
    static void multiply(double[] c, double[] a, int aRow, int aCol, double[] b, int bRow, int bCol, int m, int k,
                         int n) {
        multiplyRows(c, a, aRow, aCol, b, bRow, bCol, m, k, n, 0, m);
    }

    /**
     * Rows r0 to r1 of C = A·B into {@code c} (m·n values; only those rows are written), strides as above. With r0
     * even, every row takes the loop it takes in the whole product (rows go in pairs).
     */
    static void multiplyRows(double[] c, double[] a, int aRow, int aCol, double[] b, int bRow, int bCol, int m, int k,
                             int n, int r0, int r1) {
        if (r0 >= r1 || n == 0) {
            return;
        }
        if (k == 0) {
            Arrays.fill(c, r0 * n, r1 * n, 0.0);
        } else if (aCol == 1 && bRow == 1 && k > n) {
            dots(c, n, r0, r1, 0, a, aRow, b, 0, bCol, k, n);
        } else {
            // C[i, :] = Σ_p A(i, p)·B[p, :], rows of B copied into arrays of their own
            ScalarDot.multiply(c, n, a, aRow, aCol, b, bRow, bCol, k, r0, r1, 0, n);
        }
    }

    /**
     * C(i, c0 + j) = Σ_p a[i·aRow + p]·b[bBase + j·bCol + p] for rows r0 ≤ i &lt; r1 and columns j &lt; n, where C(i, j)
     * is {@code c[i·ldc + j]}.
     */
    static void dots(double[] c, int ldc, int r0, int r1, int c0, double[] a, int aRow, double[] b, int bBase,
                     int bCol, int k, int n) {
        int i = r0;
        for (; i <= r1 - 2 && n >= 2; i += 2) {
            int ci = i * ldc + c0;
            int j = 0;
            for (; j <= n - 2; j += 2) {
                // C(i … i+1, j … j+1): two rows of A and two columns of B, each load shared by two sums
                dot2x2(c, ci + j, ldc, a, i * aRow, aRow, b, bBase + j * bCol, bCol, k);
            }
            if (j < n) {
                double[] pair = new double[2];
                for (int r = 0; r < 2; r++) {
                    dot2(pair, 0, a, (i + r) * aRow, b, bBase + j * bCol, 0, k);
                    c[ci + r * ldc + j] = pair[0];
                }
            }
        }
        for (; i < r1; i++) {
            int ci = i * ldc + c0;
            int j = 0;
            for (; j <= n - 2; j += 2) {
                // C(i, j) = A[i, :]·Bᵀ[j, :] and C(i, j + 1) = A[i, :]·Bᵀ[j + 1, :], sharing each load of A[i, :]
                dot2(c, ci + j, a, i * aRow, b, bBase + j * bCol, bCol, k);
            }
            if (j < n) {
                // the last column alone: the pair computes it twice
                double[] pair = new double[2];
                dot2(pair, 0, a, i * aRow, b, bBase + j * bCol, 0, k);
                c[ci + j] = pair[0];
            }
        }
    }

    /**
     * {@link #dot2} for two rows of x at once, {@code down} apart, into c[ci], c[ci + 1] and c[ci + ldc], c[ci + ldc + 1]:
     * the same four partial sums per value, so the same bits.
     */
    private static void dot2x2(double[] c, int ci, int ldc, double[] x, int xi, int down, double[] y, int yi,
                               int next, int k) {
        int wi = xi + down;
        int zi = yi + next;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        double t3 = 0;
        double u0 = 0;
        double u1 = 0;
        double u2 = 0;
        double u3 = 0;
        double v0 = 0;
        double v1 = 0;
        double v2 = 0;
        double v3 = 0;
        int p = 0;
        for (; p <= k - 4; p += 4) {
            // s += x·y, t += x·z, u += w·y, v += w·z, partial sum q taking p ≡ q (mod 4)
            double x0 = x[xi + p];
            double x1 = x[xi + p + 1];
            double x2 = x[xi + p + 2];
            double x3 = x[xi + p + 3];
            double w0 = x[wi + p];
            double w1 = x[wi + p + 1];
            double w2 = x[wi + p + 2];
            double w3 = x[wi + p + 3];
            double y0 = y[yi + p];
            double y1 = y[yi + p + 1];
            double y2 = y[yi + p + 2];
            double y3 = y[yi + p + 3];
            double z0 = y[zi + p];
            double z1 = y[zi + p + 1];
            double z2 = y[zi + p + 2];
            double z3 = y[zi + p + 3];
            s0 = Math.fma(x0, y0, s0);
            s1 = Math.fma(x1, y1, s1);
            s2 = Math.fma(x2, y2, s2);
            s3 = Math.fma(x3, y3, s3);
            t0 = Math.fma(x0, z0, t0);
            t1 = Math.fma(x1, z1, t1);
            t2 = Math.fma(x2, z2, t2);
            t3 = Math.fma(x3, z3, t3);
            u0 = Math.fma(w0, y0, u0);
            u1 = Math.fma(w1, y1, u1);
            u2 = Math.fma(w2, y2, u2);
            u3 = Math.fma(w3, y3, u3);
            v0 = Math.fma(w0, z0, v0);
            v1 = Math.fma(w1, z1, v1);
            v2 = Math.fma(w2, z2, v2);
            v3 = Math.fma(w3, z3, v3);
        }
        for (; p < k; p++) {
            s0 = Math.fma(x[xi + p], y[yi + p], s0);
            t0 = Math.fma(x[xi + p], y[zi + p], t0);
            u0 = Math.fma(x[wi + p], y[yi + p], u0);
            v0 = Math.fma(x[wi + p], y[zi + p], v0);
        }
        c[ci] = (s0 + s1) + (s2 + s3);
        c[ci + 1] = (t0 + t1) + (t2 + t3);
        c[ci + ldc] = (u0 + u1) + (u2 + u3);
        c[ci + ldc + 1] = (v0 + v1) + (v2 + v3);
    }

    /** c[ci] = Σ_p x[xi + p]·y[yi + p] and c[ci + 1] = Σ_p x[xi + p]·y[yi + next + p], four partial sums each. */
    private static void dot2(double[] c, int ci, double[] x, int xi, double[] y, int yi, int next, int k) {
        int zi = yi + next;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double t0 = 0;
        double t1 = 0;
        double t2 = 0;
        double t3 = 0;
        int p = 0;
        for (; p <= k - 4; p += 4) {
            double x0 = x[xi + p];
            double x1 = x[xi + p + 1];
            double x2 = x[xi + p + 2];
            double x3 = x[xi + p + 3];
            s0 = Math.fma(x0, y[yi + p], s0);
            s1 = Math.fma(x1, y[yi + p + 1], s1);
            s2 = Math.fma(x2, y[yi + p + 2], s2);
            s3 = Math.fma(x3, y[yi + p + 3], s3);
            t0 = Math.fma(x0, y[zi + p], t0);
            t1 = Math.fma(x1, y[zi + p + 1], t1);
            t2 = Math.fma(x2, y[zi + p + 2], t2);
            t3 = Math.fma(x3, y[zi + p + 3], t3);
        }
        for (; p < k; p++) {
            s0 = Math.fma(x[xi + p], y[yi + p], s0);
            t0 = Math.fma(x[xi + p], y[zi + p], t0);
        }
        c[ci] = (s0 + s1) + (s2 + s3);
        c[ci + 1] = (t0 + t1) + (t2 + t3);
    }
}
