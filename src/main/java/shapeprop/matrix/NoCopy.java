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
            throw new ShapeException("NoCopy.wrap", new Shape(Math.max(rows, 0), Math.max(cols, 0)), null,
                    "NoCopy.wrap: a (" + rows + ", " + cols + ") matrix needs " + (long) rows * cols
                            + " values but the array holds " + rowMajor.length + ".",
                    "Give an array of exactly rows·cols values in row-major order.");
        }
        return new Matrix(rows, cols, rowMajor, null);
    }

    /** The row-major array behind {@code m}, not a copy. */
    public static double[] array(Matrix m) {
        return m.data;
    }
}
