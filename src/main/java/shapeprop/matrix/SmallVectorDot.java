package shapeprop.matrix;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The vector loops of {@link SmallDot} on jdk.incubator.vector. Only {@link SmallDot} calls this class, and
 * only when the JVM has the module. Nothing is packed: each loop keeps a strip of C (or four dot products) in
 * registers while it runs along k, so C is written once instead of once per p.
 */
final class SmallVectorDot {

    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    /** Doubles per vector: 8 with AVX-512, 4 with AVX2. */
    private static final int L = S.length();

    private SmallVectorDot() {
    }

    /** C = A·B with B's rows contiguous: B(p, j) = b[p·bRow + j]; C is (m, n), row-major, all zeros. */
    static void rowsOfB(double[] a, int aRow, int aCol, double[] b, int bRow, double[] c, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ai = i * aRow;
            int ci = i * n;
            int j = 0;
            // C[i, j:j+4L] = Σ_p A(i, p)·B[p, j:j+4L], four vectors of C held in registers along p
            for (; j <= n - 4 * L; j += 4 * L) {
                DoubleVector c0 = DoubleVector.zero(S);
                DoubleVector c1 = DoubleVector.zero(S);
                DoubleVector c2 = DoubleVector.zero(S);
                DoubleVector c3 = DoubleVector.zero(S);
                for (int p = 0; p < k; p++) {
                    DoubleVector aip = DoubleVector.broadcast(S, a[ai + p * aCol]);
                    int bp = p * bRow + j;
                    c0 = DoubleVector.fromArray(S, b, bp).fma(aip, c0);
                    c1 = DoubleVector.fromArray(S, b, bp + L).fma(aip, c1);
                    c2 = DoubleVector.fromArray(S, b, bp + 2 * L).fma(aip, c2);
                    c3 = DoubleVector.fromArray(S, b, bp + 3 * L).fma(aip, c3);
                }
                c0.intoArray(c, ci + j);
                c1.intoArray(c, ci + j + L);
                c2.intoArray(c, ci + j + 2 * L);
                c3.intoArray(c, ci + j + 3 * L);
            }
            // one vector of C at a time
            for (; j <= n - L; j += L) {
                DoubleVector c0 = DoubleVector.zero(S);
                for (int p = 0; p < k; p++) {
                    c0 = DoubleVector.fromArray(S, b, p * bRow + j).fma(DoubleVector.broadcast(S, a[ai + p * aCol]), c0);
                }
                c0.intoArray(c, ci + j);
            }
            // the last n mod L columns one by one
            for (; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[ai + p * aCol], b[p * bRow + j], s);
                }
                c[ci + j] = s;
            }
        }
    }

    /** C = A·Bᵀ with rows of A and of Bᵀ contiguous: C(i, j) = Σ_p a[i·aRow + p]·b[j·bCol + p]. */
    static void dotsOfRows(double[] a, int aRow, double[] b, int bCol, double[] c, int m, int k, int n) {
        for (int i = 0; i < m; i++) {
            int ai = i * aRow;
            int j = 0;
            // four dot products side by side share each load of A's row
            for (; j <= n - 4; j += 4) {
                int b0 = j * bCol;
                int b1 = b0 + bCol;
                int b2 = b1 + bCol;
                int b3 = b2 + bCol;
                DoubleVector s0 = DoubleVector.zero(S);
                DoubleVector s1 = DoubleVector.zero(S);
                DoubleVector s2 = DoubleVector.zero(S);
                DoubleVector s3 = DoubleVector.zero(S);
                int p = 0;
                for (; p <= k - L; p += L) {
                    DoubleVector x = DoubleVector.fromArray(S, a, ai + p);
                    s0 = x.fma(DoubleVector.fromArray(S, b, b0 + p), s0);
                    s1 = x.fma(DoubleVector.fromArray(S, b, b1 + p), s1);
                    s2 = x.fma(DoubleVector.fromArray(S, b, b2 + p), s2);
                    s3 = x.fma(DoubleVector.fromArray(S, b, b3 + p), s3);
                }
                double t0 = s0.reduceLanes(VectorOperators.ADD);
                double t1 = s1.reduceLanes(VectorOperators.ADD);
                double t2 = s2.reduceLanes(VectorOperators.ADD);
                double t3 = s3.reduceLanes(VectorOperators.ADD);
                for (; p < k; p++) {
                    double x = a[ai + p];
                    t0 = Math.fma(x, b[b0 + p], t0);
                    t1 = Math.fma(x, b[b1 + p], t1);
                    t2 = Math.fma(x, b[b2 + p], t2);
                    t3 = Math.fma(x, b[b3 + p], t3);
                }
                int ci = i * n + j;
                c[ci] = t0;
                c[ci + 1] = t1;
                c[ci + 2] = t2;
                c[ci + 3] = t3;
            }
            for (; j < n; j++) {
                int bj = j * bCol;
                // C(i, j) = A[i, :]·Bᵀ[j, :]
                DoubleVector s = DoubleVector.zero(S);
                int p = 0;
                for (; p <= k - L; p += L) {
                    s = DoubleVector.fromArray(S, a, ai + p).fma(DoubleVector.fromArray(S, b, bj + p), s);
                }
                double t = s.reduceLanes(VectorOperators.ADD);
                for (; p < k; p++) {
                    t = Math.fma(a[ai + p], b[bj + p], t);
                }
                c[i * n + j] = t;
            }
        }
    }
}
