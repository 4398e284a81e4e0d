package shapeprop.matrix;

/**
 * Shares arrays with matrices instead of copying them, for library code on hot paths (the training loop of
 * {@code shapeprop.nn}); learners never need it. {@link Matrix} itself always copies what it is given and
 * what it hands out, which keeps it immutable; these two methods skip the copy and leave that promise to the
 * caller: an array given to {@link #wrap} must not change while the matrix is in use elsewhere, and an array
 * taken with {@link #array} may be written only by code that created the matrix and has not shared it yet.
 */
public final class NoCopy {

    private NoCopy() {
    }

    /** A (rows, cols) matrix backed by {@code rowMajor} itself, not a copy. */
    public static Matrix wrap(int rows, int cols, double[] rowMajor) {
        if (rows < 0 || cols < 0 || (long) rows * cols != rowMajor.length) {
            throw ShapeErrors.wrap(rows, cols, rowMajor.length);
        }
        return new Matrix(rows, cols, rowMajor, null);
    }

    /**
     * {@code m.T()}, or null if the thread is interrupted before it is done: the transpose checks the interrupt flag
     * (and leaves it set) between bands of rows. For a training loop's set-up, which an interrupt must be able to
     * end within moments even when the copy takes seconds.
     */
    public static Matrix transposeUnlessInterrupted(Matrix m) {
        Thread thread = Thread.currentThread();
        double[] t = Transpose.of(m.data, m.rows, m.cols, thread::isInterrupted);
        return t == null ? null : new Matrix(m.cols, m.rows, t, m.name() == null ? null : m.name() + "ᵀ");
    }

    /**
     * The product {@code a.dot(b)}, {@code a.dotT(b)} or {@code a.Tdot(b)} (by {@code transposeA}/{@code transposeB};
     * not both), with the same shape checks, written into {@code reuse} when that array has exactly the result's
     * m·n elements and the product is small enough to skip the packed kernels; otherwise into a new array. For a
     * training loop that recomputes a hidden layer every step: a fresh 35 KB array per product costs more than
     * the two-moons product itself. The caller must own {@code reuse}: every matrix on it sees the new values.
     */
    public static Matrix product(Matrix a, boolean transposeA, Matrix b, boolean transposeB, double[] reuse) {
        ShapeErrors.checkProduct("NoCopy.product", a, transposeA, b, transposeB);
        int m = transposeA ? a.cols : a.rows;
        int n = transposeB ? b.rows : b.cols;
        return new Matrix(m, n, Dot.product(a, transposeA, b, transposeB, reuse), null);
    }

    /**
     * The rows of {@code m} at {@code index}, like {@link Matrix#takeRows}, or with {@code transpose} their transpose
     * (one taken row per column), written into {@code reuse} when that array holds exactly the result's values and
     * into a new array otherwise. For training loops that gather a shuffled batch of samples every step: the
     * caller must own {@code reuse}, as for {@link #product}.
     */
    public static Matrix takeRows(Matrix m, int[] index, boolean transpose, double[] reuse) {
        int b = index.length;
        int cols = m.cols;
        double[] out = reuse != null && reuse.length == b * cols ? reuse : new double[b * cols];
        for (int k : index) {
            m.checkIndex("takeRows", k, m.rows, "rows");
        }
        if (!transpose) {
            for (int k = 0; k < b; k++) {
                System.arraycopy(m.data, index[k] * cols, out, k * cols, cols);
            }
            return new Matrix(b, cols, out, null);
        }
        double[] d = m.data;
        int k = 0;
        for (; k <= b - 8; k += 8) {
            // out[f, k … k+7] = m[index[k … k+7], f]: eight rows read side by side, a whole cache line of eight
            // neighbours written (four wrote half a line per f, and MNIST's batch gather spent twice the stores)
            int r0 = index[k] * cols;
            int r1 = index[k + 1] * cols;
            int r2 = index[k + 2] * cols;
            int r3 = index[k + 3] * cols;
            int r4 = index[k + 4] * cols;
            int r5 = index[k + 5] * cols;
            int r6 = index[k + 6] * cols;
            int r7 = index[k + 7] * cols;
            for (int f = 0, o = k; f < cols; f++, o += b) {
                out[o] = d[r0 + f];
                out[o + 1] = d[r1 + f];
                out[o + 2] = d[r2 + f];
                out[o + 3] = d[r3 + f];
                out[o + 4] = d[r4 + f];
                out[o + 5] = d[r5 + f];
                out[o + 6] = d[r6 + f];
                out[o + 7] = d[r7 + f];
            }
        }
        for (; k < b; k++) {
            // the last b mod 8 rows one at a time
            int r = index[k] * cols;
            for (int f = 0, o = k; f < cols; f++, o += b) {
                out[o] = d[r + f];
            }
        }
        return new Matrix(cols, b, out, null);
    }

    /**
     * True when a product (m, k)·(k, n) takes the small products' loops (no packing, no threads), whose order of
     * additions is fixed: a row of C built term by term for p = 0, 1, … in fused multiply-adds, or a dot product over
     * p in four partial sums. {@code shapeprop.nn}'s fused small-network step repeats that order, and uses this to
     * know when it may.
     */
    public static boolean smallProduct(int m, int k, int n) {
        return SmallDot.fits(m, k, n);
    }

    /** The row-major array behind {@code m}, not a copy. */
    public static double[] array(Matrix m) {
        return m.data;
    }
}
