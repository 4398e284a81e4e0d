package shapeprop.matrix;

import java.util.Arrays;

/**
 * The matrix product in plain Java, used when the JVM runs without the Vector API. It copies a block of B
 * (KC rows × NC columns, small enough to stay in the L2 cache) into one array per row, then for every row i
 * of A accumulates {@code acc[j] += Σ A[i, p]·B[p, j]} four rows of B at a time into a scratch row, and adds
 * that to C. The inner loop runs over whole arrays from index 0, the form the JIT turns into SIMD
 * instructions on its own (with an offset into a shared array it cannot rule out overlap, and stays scalar).
 */
final class ScalarDot implements DotKernel {

    static final ScalarDot INSTANCE = new ScalarDot();

    /** Rows of B per block. */
    private static final int KC = 128;
    /** Columns of B per block. */
    private static final int NC = 512;

    /** Per-thread scratch: one array per packed row of B, and one row of C. */
    private static final class Scratch {
        final double[][] rows = new double[KC][NC];
        final double[] acc = new double[NC];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private ScalarDot() {
    }

    @Override
    public void multiply(Operands o, int r0, int r1, int c0, int c1) {
        Scratch scratch = SCRATCH.get();
        double[][] rows = scratch.rows;
        double[] acc = scratch.acc;
        double[] c = o.c;
        int ldc = o.ldc;
        for (int jc = c0; jc < c1; jc += NC) {
            int nc = Math.min(NC, c1 - jc);
            for (int pc = 0; pc < o.k; pc += KC) {
                int kc = Math.min(KC, o.k - pc);
                packB(o, pc, kc, jc, nc, rows);
                for (int i = r0; i < r1; i++) {
                    Arrays.fill(acc, 0, nc, 0.0);
                    int p = 0;
                    for (; p + 4 <= kc; p += 4) {
                        update4(acc, rows[p], rows[p + 1], rows[p + 2], rows[p + 3], nc, o.a(i, pc + p),
                                o.a(i, pc + p + 1), o.a(i, pc + p + 2), o.a(i, pc + p + 3));
                    }
                    for (; p < kc; p++) {
                        update1(acc, rows[p], nc, o.a(i, pc + p));
                    }
                    // C[i, jc:jc+nc] += acc
                    int ci = i * ldc + jc;
                    for (int j = 0; j < nc; j++) {
                        c[ci + j] += acc[j];
                    }
                }
            }
        }
    }

    /** acc[j] += a0·B[p, j] + a1·B[p+1, j] + a2·B[p+2, j] + a3·B[p+3, j]. */
    private static void update4(double[] acc, double[] b0, double[] b1, double[] b2, double[] b3, int nc,
                                double a0, double a1, double a2, double a3) {
        for (int j = 0; j < nc; j++) {
            acc[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
        }
    }

    /** acc[j] += a0·B[p, j]. */
    private static void update1(double[] acc, double[] b0, int nc, double a0) {
        for (int j = 0; j < nc; j++) {
            acc[j] += a0 * b0[j];
        }
    }

    /** rows[p][j] = B(pc + p, jc + j): one block of B, one array per row. */
    private static void packB(Operands o, int pc, int kc, int jc, int nc, double[][] rows) {
        for (int p = 0; p < kc; p++) {
            double[] row = rows[p];
            if (o.bCol == 1) {
                System.arraycopy(o.b, (pc + p) * o.bRow + jc, row, 0, nc);
            } else {
                for (int j = 0; j < nc; j++) {
                    row[j] = o.b(pc + p, jc + j);
                }
            }
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
