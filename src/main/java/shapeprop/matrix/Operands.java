package shapeprop.matrix;

/**
 * The operands of one product C = A·B, each read through strides so that a transposed operand costs no copy:
 * A(i, p) is {@code a[i·aRow + p·aCol]} and B(p, j) is {@code b[p·bRow + j·bCol]}. C(i, j) is
 * {@code c[i·ldc + j]}; kernels write their part of A·B into it (the first block of k overwrites what C held, so C
 * need not start as zeros, and a caller's array can be reused). A kernel that writes whole vectors asks for rows
 * padded to a multiple of its vector length (ldc ≥ n); {@link #result()} drops the padding.
 */
final class Operands {

    final double[] a;
    final int aRow;
    final int aCol;
    final double[] b;
    final int bRow;
    final int bCol;
    final double[] c;
    final int ldc;
    final int m;
    final int k;
    final int n;

    private Operands(double[] a, int aRow, int aCol, double[] b, int bRow, int bCol, int m, int k, int n,
                     int padding, double[] into) {
        this.a = a;
        this.aRow = aRow;
        this.aCol = aCol;
        this.b = b;
        this.bRow = bRow;
        this.bCol = bCol;
        this.m = m;
        this.k = k;
        this.n = n;
        // ldc = n rounded up to a multiple of the padding
        this.ldc = (n + padding - 1) / padding * padding;
        int size = Math.multiplyExact(m, ldc);
        this.c = into != null && ldc == n && into.length == size ? into : new double[size];
        if (k == 0) {
            // an empty sum: no kernel runs, and C is all zeros
            java.util.Arrays.fill(c, 0.0);
        }
    }

    /**
     * A·B for row-major A (m, k) and B (k, n); transposeA / transposeB read the stored matrix transposed, and
     * C's rows are padded to a multiple of {@code padding} columns. C is written into {@code into} when that holds
     * exactly m·n values and needs no padding, otherwise into a new array.
     */
    static Operands of(Matrix left, boolean transposeA, Matrix right, boolean transposeB, int padding,
                       double[] into) {
        int m = transposeA ? left.cols : left.rows;
        int k = transposeA ? left.rows : left.cols;
        int n = transposeB ? right.rows : right.cols;
        // Aᵀ(i, p) = A(p, i): the strides swap.
        int aRow = transposeA ? 1 : left.cols;
        int aCol = transposeA ? left.cols : 1;
        int bRow = transposeB ? 1 : right.cols;
        int bCol = transposeB ? right.cols : 1;
        return new Operands(left.data, aRow, aCol, right.data, bRow, bCol, m, k, n, padding, into);
    }

    /** C as row-major (m, n) values, without the padding. */
    double[] result() {
        if (ldc == n) {
            return c;
        }
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            System.arraycopy(c, i * ldc, out, i * n, n);
        }
        return out;
    }

    /** A(i, p). */
    double a(int i, int p) {
        return a[i * aRow + p * aCol];
    }

    /** B(p, j). */
    double b(int p, int j) {
        return b[p * bRow + j * bCol];
    }

    @Override
    public String toString() {
        return "C (" + m + ", " + n + ") = A (" + m + ", " + k + ")·B (" + k + ", " + n + ")";
    }
}
