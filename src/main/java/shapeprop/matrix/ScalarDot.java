package shapeprop.matrix;

/**
 * The matrix product in plain Java, used when the JVM runs without the Vector API, and for the small and thin
 * products of {@link SmallDot} on any JVM. It copies a block of B (KC rows × NC columns, small enough to stay
 * in the L2 cache) into one array per row, then for every row i of A sums
 * {@code acc[j] = A[i, p]·B[p, j] + A[i, p+1]·B[p+1, j] + …} four rows of B per pass into a scratch row, and
 * writes that into C. The inner loop runs over whole arrays from index 0, the form the JIT turns into SIMD
 * instructions on its own (with an offset into a shared array it cannot rule out overlap, and stays scalar).
 * A narrow C (at most {@value #NARROW} columns, such as 10 classes) has rows too short for that: each C(i, j) is
 * then a dot product, {@link SmallDot#dots} (5.5 GFLOPS on (64×128)·(128×10) the first way, 10 this way).
 */
final class ScalarDot implements DotKernel {

    static final ScalarDot INSTANCE = new ScalarDot();

    /** Rows of B per block. */
    private static final int KC = 128;
    /** Columns of B per block. */
    private static final int NC = 512;

    /** C is narrow when it has at most this many columns: then it is computed as dot products (see multiply). */
    static final int NARROW = 12;

    /** Per-thread scratch: one array per packed row of B, one row of C, and B's columns for a narrow C. */
    private static final class Scratch {
        final double[][] rows = new double[KC][NC];
        final double[] acc = new double[NC];
        double[] columns = new double[0];
    }

    private static final ThreadLocal<Scratch> SCRATCH = new ThreadLocal<>() {
        @Override
        protected Scratch initialValue() {
            return new Scratch();
        }
    };

    private ScalarDot() {
    }

    @Override
    public void multiply(Operands o, int r0, int r1, int c0, int c1) {
        multiply(o.c, o.ldc, o.a, o.aRow, o.aCol, o.b, o.bRow, o.bCol, o.k, r0, r1, c0, c1);
    }

    /**
     * C[r0:r1, c0:c1] = A[r0:r1, :]·B[:, c0:c1], overwriting what C held there, where C(i, j) is
     * {@code c[i·ldc + j]}, A(i, p) is {@code a[i·aRow + p·aCol]} and B(p, j) is {@code b[p·bRow + j·bCol]}.
     */
    static void multiply(double[] c, int ldc, double[] a, int aRow, int aCol, double[] b, int bRow, int bCol, int k,
                         int r0, int r1, int c0, int c1) {
        Scratch scratch = SCRATCH.get();
        int n = c1 - c0;
        if (n <= NARROW && k >= 2 * NARROW && aCol == 1) {
            // A narrow C (10 classes) has rows too short for the loops below to run in SIMD: compute each C(i, j) as
            // the dot product of row i of A with column j of B, copied side by side first unless B is read
            // transposed
            double[] columns = b;
            int base = c0 * bCol;
            int step = bCol;
            if (bRow != 1) {
                columns = scratch.columns.length >= n * k ? scratch.columns : new double[n * k];
                scratch.columns = columns;
                for (int j = 0; j < n; j++) {
                    for (int p = 0; p < k; p++) {
                        columns[j * k + p] = b[p * bRow + (c0 + j) * bCol];
                    }
                }
                base = 0;
                step = k;
            }
            SmallDot.dots(c, ldc, r0, r1, c0, a, aRow, columns, base, step, k, n);
            return;
        }
        double[][] rows = scratch.rows;
        double[] acc = scratch.acc;
        for (int jc = c0; jc < c1; jc += NC) {
            int nc = Math.min(NC, c1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                for (int p = 0; p < kc; p++) {
                    copyRow(b, (pc + p) * bRow + jc * bCol, bCol, rows[p], nc);
                }
                for (int i = r0; i < r1; i++) {
                    int ai = i * aRow + pc * aCol;
                    // acc = A(i, pc)·B[pc, :] + A(i, pc + 1)·B[pc + 1, :] + …, added in order of p
                    scale(acc, a[ai], rows[0], nc);
                    int p = 1;
                    for (; p <= kc - 4; p += 4) {
                        axpy4(acc, a[ai + p * aCol], rows[p], a[ai + (p + 1) * aCol], rows[p + 1],
                                a[ai + (p + 2) * aCol], rows[p + 2], a[ai + (p + 3) * aCol], rows[p + 3], nc);
                    }
                    for (; p < kc; p++) {
                        axpy(acc, a[ai + p * aCol], rows[p], nc);
                    }
                    int ci = i * ldc + jc;
                    if (pc == 0) {
                        System.arraycopy(acc, 0, c, ci, nc);
                    } else {
                        // C[i, jc:jc+nc] += acc, the next KC rows of B
                        for (int j = 0; j < nc; j++) {
                            c[ci + j] += acc[j];
                        }
                    }
                }
            }
        }
    }

    /** row[j] = B(p, jc + j), where B(p, jc) is b[from] and the next column is bCol further on. */
    private static void copyRow(double[] b, int from, int bCol, double[] row, int nc) {
        if (bCol == 1) {
            System.arraycopy(b, from, row, 0, nc);
        } else {
            for (int j = 0; j < nc; j++) {
                row[j] = b[from + j * bCol];
            }
        }
    }

    /** acc = x·row. */
    private static void scale(double[] acc, double x, double[] row, int n) {
        for (int j = 0; j < n; j++) {
            acc[j] = x * row[j];
        }
    }

    /** acc += x·row. */
    private static void axpy(double[] acc, double x, double[] row, int n) {
        for (int j = 0; j < n; j++) {
            acc[j] = Math.fma(x, row[j], acc[j]);
        }
    }

    /** acc += x0·row0 + x1·row1 + x2·row2 + x3·row3, added in that order: one pass over acc for four rows. */
    private static void axpy4(double[] acc, double x0, double[] row0, double x1, double[] row1, double x2,
                              double[] row2, double x3, double[] row3, int n) {
        for (int j = 0; j < n; j++) {
            double sum = Math.fma(x1, row1[j], Math.fma(x0, row0[j], acc[j]));
            acc[j] = Math.fma(x3, row3[j], Math.fma(x2, row2[j], sum));
        }
    }

    @Override
    public int columnPadding() {
        return 1;
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public String toString() {
        return "ScalarDot (blocked " + KC + "×" + NC + ", JIT-vectorized inner loop)";
    }
}
