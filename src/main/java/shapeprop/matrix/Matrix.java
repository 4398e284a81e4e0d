package shapeprop.matrix;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.random.RandomGenerator;

/**
 * An immutable 2-D matrix of doubles, stored row-major, with numpy's vocabulary: {@code W1.dot(X)} is
 * {@code np.dot(W1, X)}, {@code W.T()} is {@code W.T}, {@code A.add(b)} broadcasts like {@code A + b},
 * {@code dZ.sum(1, true)} is {@code np.sum(dZ, axis=1, keepdims=True)}.
 *
 * <p>A matrix may carry a name ({@code W1}, {@code X}) so that shape errors and traces can say which operand
 * was wrong. Every operation returns a new matrix; nothing is modified in place.
 */
public final class Matrix {

    /**
     * Elements are equal under {@link #equals(Object)} when they differ by at most this (absolute + relative), or are
     * both NaN.
     */
    public static final double TOLERANCE = 1e-9;

    final double[] data;
    final int rows;
    final int cols;
    private final String name;
    /** How an unnamed result came from named operands, for shape errors; null for most matrices. */
    private final Origin origin;

    Matrix(int rows, int cols, double[] data, String name) {
        this(rows, cols, data, name, null);
    }

    private Matrix(int rows, int cols, double[] data, String name, Origin origin) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
        this.name = name;
        this.origin = origin;
    }

    // ---------------------------------------------------------------- creation

    /** A matrix from rows of values: {@code Matrix.of(new double[][] {{1, 2}, {3, 4}})} is (2, 2). */
    public static Matrix of(double[][] values) {
        Objects.requireNonNull(values, "Matrix.of: values is null");
        int r = values.length;
        int c = r == 0 ? 0 : values[0].length;
        double[] data = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (values[i].length != c) {
                throw new IllegalArgumentException("Matrix.of: row 0 has " + c + " values but row " + i + " has "
                        + values[i].length + "; every row of a matrix needs the same number of columns.");
            }
            System.arraycopy(values[i], 0, data, i * c, c);
        }
        return new Matrix(r, c, data, null);
    }

    /** A (rows, cols) matrix from values in row-major order, like {@code np.array(values).reshape(rows, cols)}. */
    public static Matrix of(int rows, int cols, double... values) {
        Shape shape = new Shape(rows, cols);
        if (values.length != shape.size()) {
            throw new ShapeException("Matrix.of", shape, null,
                    "Matrix.of: a " + shape + " matrix needs " + shape.size() + " values but " + values.length
                            + " were given.", "Give rows·cols values in row-major order.");
        }
        return new Matrix(rows, cols, values.clone(), null);
    }

    /** A (1, n) row vector. */
    public static Matrix row(double... values) {
        return new Matrix(1, values.length, values.clone(), null);
    }

    /** An (n, 1) column vector. */
    public static Matrix column(double... values) {
        return new Matrix(values.length, 1, values.clone(), null);
    }

    public static Matrix zeros(int rows, int cols) {
        return new Matrix(rows, cols, new double[new Shape(rows, cols).size()], null);
    }

    public static Matrix ones(int rows, int cols) {
        return full(rows, cols, 1.0);
    }

    public static Matrix full(int rows, int cols, double value) {
        double[] data = new double[new Shape(rows, cols).size()];
        Arrays.fill(data, value);
        return new Matrix(rows, cols, data, null);
    }

    /** The (n, n) identity. */
    public static Matrix eye(int n) {
        Matrix identity = zeros(n, n);
        for (int i = 0; i < n; i++) {
            identity.data[i * n + i] = 1.0;
        }
        return identity;
    }

    /** Standard normal samples, like {@code np.random.randn(rows, cols)}; pass a seeded generator. */
    public static Matrix randn(int rows, int cols, RandomGenerator rng) {
        double[] data = new double[new Shape(rows, cols).size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextGaussian();
        }
        return new Matrix(rows, cols, data, null);
    }

    /** Uniform samples in [0, 1), like {@code np.random.rand(rows, cols)}; pass a seeded generator. */
    public static Matrix rand(int rows, int cols, RandomGenerator rng) {
        double[] data = new double[new Shape(rows, cols).size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = rng.nextDouble();
        }
        return new Matrix(rows, cols, data, null);
    }

    /** A matrix whose element (i, j) is {@code f(i, j)}. */
    public static Matrix fromFunction(int rows, int cols, IndexFunction f) {
        double[] data = new double[new Shape(rows, cols).size()];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                data[i * cols + j] = f.apply(i, j);
            }
        }
        return new Matrix(rows, cols, data, null);
    }

    /** The value of element (i, j), for {@link #fromFunction}. */
    @FunctionalInterface
    public interface IndexFunction {
        double apply(int row, int col);
    }

    // ---------------------------------------------------------------- naming and shape

    /** The same values under a name used by error messages and traces, e.g. {@code W1}. */
    public Matrix named(String newName) {
        return new Matrix(rows, cols, data, newName);
    }

    /** The name given by {@link #named}, or null. */
    public String name() {
        return name;
    }

    /** How this unnamed result was computed from named operands ({@code Xrows.dot(W.T())}); null if unknown. */
    Origin origin() {
        return origin;
    }

    public Shape shape() {
        return new Shape(rows, cols);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Number of elements. */
    public int size() {
        return data.length;
    }

    public double get(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("get(" + row + ", " + col + ") is outside " + describe()
                    + ": rows go from 0 to " + (rows - 1) + " and columns from 0 to " + (cols - 1) + ".");
        }
        return data[row * cols + col];
    }

    /** The single value of a (1, 1) matrix, like numpy's {@code .item()}. */
    public double item() {
        if (data.length != 1) {
            throw new ShapeException("item", shape(), null,
                    "item: " + describe() + " has " + data.length + " elements; item() needs exactly one.",
                    "Reduce it first, e.g. sum() or get(row, col).");
        }
        return data[0];
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * The matrix product, {@code np.dot(this, other)}: (m, k)·(k, n) → (m, n). The inner dimensions must
     * agree; otherwise the error says which transpose would make it work.
     */
    public Matrix dot(Matrix other) {
        if (cols != other.rows) {
            throw ShapeErrors.dot(this, other);
        }
        return new Matrix(rows, other.cols, Dot.product(this, false, other, false), null, Origin.of("dot", this, other));
    }

    /**
     * {@code this · otherᵀ} without building the transpose: the same values as {@code dot(other.T())}, for
     * gradients such as {@code dW1 = dZ1·Xᵀ}. (m, k)·(n, k)ᵀ → (m, n).
     */
    public Matrix dotT(Matrix other) {
        if (cols != other.cols) {
            throw ShapeErrors.dotT(this, other);
        }
        return new Matrix(rows, other.rows, Dot.product(this, false, other, true), null,
                Origin.of("dotT", this, other));
    }

    /**
     * {@code thisᵀ · other} without building the transpose: the same values as {@code T().dot(other)}, for
     * gradients such as {@code dW1 = Xᵀ·dZ1} and {@code dA1 = W2ᵀ·dZ2}. (k, m)ᵀ·(k, n) → (m, n).
     */
    public Matrix Tdot(Matrix other) {
        if (rows != other.rows) {
            throw ShapeErrors.tdot(this, other);
        }
        return new Matrix(cols, other.cols, Dot.product(this, true, other, false), null,
                Origin.of("Tdot", this, other));
    }

    /** The transpose, numpy's {@code .T}; a named matrix {@code W1} gives {@code W1ᵀ}. */
    public Matrix T() {
        return new Matrix(cols, rows, Transpose.of(data, rows, cols), name == null ? null : name + "ᵀ");
    }

    // ---------------------------------------------------------------- elementwise, with broadcasting

    /** {@code this + other} with numpy's broadcasting: scalar (1, 1), row (1, n) or column (m, 1) stretch. */
    public Matrix add(Matrix other) {
        return broadcast(Elementwise.Op.ADD, other);
    }

    /** {@code this - other} with numpy's broadcasting. */
    public Matrix sub(Matrix other) {
        return broadcast(Elementwise.Op.SUB, other);
    }

    /** Elementwise {@code this * other} (numpy's {@code *}, not {@code dot}), with broadcasting. */
    public Matrix mul(Matrix other) {
        return broadcast(Elementwise.Op.MUL, other);
    }

    /** Elementwise {@code this / other}, with broadcasting. */
    public Matrix div(Matrix other) {
        return broadcast(Elementwise.Op.DIV, other);
    }

    /** {@code this + scalar}. */
    public Matrix add(double scalar) {
        return withScalar(Elementwise.Op.ADD, scalar, false);
    }

    /** {@code this - scalar}. */
    public Matrix sub(double scalar) {
        return withScalar(Elementwise.Op.SUB, scalar, false);
    }

    /** {@code scalar - this}, numpy's {@code 1 - A}. */
    public Matrix rsub(double scalar) {
        return withScalar(Elementwise.Op.SUB, scalar, true);
    }

    /** {@code this * scalar}. */
    public Matrix mul(double scalar) {
        return withScalar(Elementwise.Op.MUL, scalar, false);
    }

    /** {@code this / scalar}. */
    public Matrix div(double scalar) {
        return withScalar(Elementwise.Op.DIV, scalar, false);
    }

    /** {@code -this}. */
    public Matrix neg() {
        return withScalar(Elementwise.Op.MUL, -1.0, false);
    }

    /** Elementwise power, {@code np.power(this, exponent)}. */
    public Matrix pow(double exponent) {
        if (exponent == 2.0) {
            // A² = A ⊙ A
            return new Matrix(rows, cols, Elementwise.apply(Elementwise.Op.MUL, data, cols, 1, data, cols, 1, rows,
                    cols), null);
        }
        return map(v -> Math.pow(v, exponent));
    }

    private Matrix withScalar(Elementwise.Op op, double scalar, boolean scalarFirst) {
        return new Matrix(rows, cols, Elementwise.withScalar(op, data, scalar, scalarFirst), null);
    }

    public Matrix exp() {
        return map(Math::exp);
    }

    public Matrix log() {
        return map(Math::log);
    }

    public Matrix tanh() {
        return map(Math::tanh);
    }

    public Matrix sqrt() {
        return map(Math::sqrt);
    }

    public Matrix abs() {
        return map(Math::abs);
    }

    /** Applies {@code f} to every element. */
    public Matrix map(DoubleUnaryOperator f) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(data[i]);
        }
        return new Matrix(rows, cols, out, null);
    }

    /** Combines two matrices element by element, with numpy's broadcasting. */
    public Matrix zip(Matrix other, DoubleBinaryOperator f) {
        int r = broadcastDim(rows, other.rows);
        int c = broadcastDim(cols, other.cols);
        if (r < 0 || c < 0) {
            throw ShapeErrors.broadcast("zip", this, other);
        }
        if (rows != other.rows || cols != other.cols) {
            reportBroadcast("zip", other, r, c);
        }
        double[] out = new double[new Shape(r, c).size()];
        double[] a = data;
        double[] b = other.data;
        // Stride 0 along a stretched axis repeats the single row or column.
        int aRowStride = rows == 1 ? 0 : cols;
        int aColStride = cols == 1 ? 0 : 1;
        int bRowStride = other.rows == 1 ? 0 : other.cols;
        int bColStride = other.cols == 1 ? 0 : 1;
        for (int i = 0; i < r; i++) {
            int ai = i * aRowStride;
            int bi = i * bRowStride;
            int o = i * c;
            for (int j = 0; j < c; j++) {
                out[o + j] = f.applyAsDouble(a[ai + j * aColStride], b[bi + j * bColStride]);
            }
        }
        return new Matrix(r, c, out, null);
    }

    private Matrix broadcast(Elementwise.Op op, Matrix other) {
        int r = broadcastDim(rows, other.rows);
        int c = broadcastDim(cols, other.cols);
        if (r < 0 || c < 0) {
            throw ShapeErrors.broadcast(op.method, this, other);
        }
        if (rows != other.rows || cols != other.cols) {
            reportBroadcast(op.method, other, r, c);
        }
        // Stride 0 along a stretched axis repeats the single row or column.
        double[] out = Elementwise.apply(op, data, rows == 1 ? 0 : cols, cols == 1 ? 0 : 1,
                other.data, other.rows == 1 ? 0 : other.cols, other.cols == 1 ? 0 : 1, r, c);
        return new Matrix(r, c, out, null, Origin.of(op.method, this, other));
    }

    private void reportBroadcast(String op, Matrix other, int r, int c) {
        if (Broadcasts.active()) {
            Broadcasts.report(new Broadcast(op, shape(), name, other.shape(), other.name, new Shape(r, c)));
        }
    }

    /** numpy's rule for one axis: equal sizes, or one of them 1; -1 when they cannot be broadcast. */
    static int broadcastDim(int a, int b) {
        if (a == b) {
            return a;
        }
        if (a == 1) {
            return b;
        }
        if (b == 1) {
            return a;
        }
        return -1;
    }

    // ---------------------------------------------------------------- reductions

    /** Sum of all elements. */
    public double sum() {
        return rowSum(0, data.length);
    }

    /** data[from] + … + data[from + length − 1], in four partial sums so the additions need not wait in line. */
    private double rowSum(int from, int length) {
        return rowSum(data, from, length);
    }

    /** data[from] + … + data[from + length − 1], in four partial sums: the order every row sum takes. */
    static double rowSum(double[] data, int from, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = from;
        int end = from + length;
        for (; j <= end - 4; j += 4) {
            s0 += data[j];
            s1 += data[j + 1];
            s2 += data[j + 2];
            s3 += data[j + 3];
        }
        for (; j < end; j++) {
            s0 += data[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Sum along an axis, {@code np.sum(this, axis, keepdims)}: axis 0 sums down the rows (one value per
     * column), axis 1 across the columns (one per row); numpy's -2 and -1 name the same two axes. With keepdims
     * the result stays 2-D as (1, n) or (m, 1); without it the 1-D numpy result is returned as a row (1, n) for
     * axis 0 and as a row (1, m) for axis 1.
     */
    public Matrix sum(int axis, boolean keepdims) {
        if (numpyAxis("sum", axis) == 0) {
            double[] out = new double[cols];
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    out[j] += data[i * cols + j];
                }
            }
            return new Matrix(1, cols, out, null);
        }
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = rowSum(i * cols, cols);
        }
        return keepdims ? new Matrix(rows, 1, out, null) : new Matrix(1, rows, out, null);
    }

    /** Mean of all elements. */
    public double mean() {
        return sum() / data.length;
    }

    /** Mean along an axis, {@code np.mean(this, axis, keepdims)}. */
    public Matrix mean(int axis, boolean keepdims) {
        int a = numpyAxis("mean", axis);
        return sum(a, keepdims).div(shape().dim(a));
    }

    /**
     * numpy's axis for a 2-D array: 0 or 1, or -2 and -1 counted from the end (-1 is the columns, axis 1, as in
     * {@code np.sum(dZ, axis=-1)}). Anything else is refused with the axes there are.
     */
    private int numpyAxis(String op, int axis) {
        if (axis == 0 || axis == 1) {
            return axis;
        }
        if (axis == -1 || axis == -2) {
            return axis + 2;
        }
        throw new ShapeException(op, shape(), null, op + ": " + describe() + " has no axis " + axis + "; "
                + Shape.AXES, "Use axis 0 to reduce down the rows (one value per column) or axis 1 to reduce across "
                + "the columns (one value per row).");
    }

    /** Largest element. */
    public double max() {
        if (data.length == 0) {
            throw new ShapeException("max", shape(), null, "max: " + describe() + " is empty; it has no maximum.",
                    "Check how it was sliced or built.");
        }
        double m = Double.NEGATIVE_INFINITY;
        for (double v : data) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** Smallest element. */
    public double min() {
        if (data.length == 0) {
            throw new ShapeException("min", shape(), null, "min: " + describe() + " is empty; it has no minimum.",
                    "Check how it was sliced or built.");
        }
        double m = Double.POSITIVE_INFINITY;
        for (double v : data) {
            m = Math.min(m, v);
        }
        return m;
    }

    /**
     * Largest element along an axis, {@code np.max(this, axis, keepdims)} (kept 2-D like {@link #sum}); NaN where
     * that row or column holds a NaN, as in numpy and {@link #max()}.
     */
    public Matrix max(int axis, boolean keepdims) {
        axis = numpyAxis("max", axis);
        int[] index = argmax(axis);
        double[] out = new double[index.length];
        for (int k = 0; k < index.length; k++) {
            out[k] = axis == 0 ? data[index[k] * cols + k] : data[k * cols + index[k]];
        }
        return axis == 1 && keepdims ? new Matrix(rows, 1, out, null) : new Matrix(1, out.length, out, null);
    }

    /**
     * Index of the largest element along an axis, {@code np.argmax(this, axis)}: axis 0 gives one row index
     * per column (samples as columns), axis 1 (or -1) one column index per row (samples as rows). As in numpy,
     * the first NaN wins: a NaN in the outputs points at itself rather than hiding behind the largest number.
     */
    public int[] argmax(int axis) {
        axis = numpyAxis("argmax", axis);
        int along = shape().dim(axis);
        if (along == 0) {
            throw new ShapeException("argmax", shape(), null,
                    "argmax: " + describe() + " has no elements along axis " + axis + ".",
                    "argmax needs at least one value to compare.");
        }
        int n = axis == 0 ? cols : rows;
        int[] out = new int[n];
        for (int k = 0; k < n; k++) {
            int best = 0;
            double bestValue = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < along; t++) {
                double v = axis == 0 ? data[t * cols + k] : data[k * cols + t];
                if (Double.isNaN(v)) {
                    // numpy: NaN is larger than everything, and the first one is kept
                    best = t;
                    break;
                }
                if (v > bestValue || t == 0) {
                    bestValue = v;
                    best = t;
                }
            }
            out[k] = best;
        }
        return out;
    }

    // ---------------------------------------------------------------- slicing and reshaping

    /** Rows {@code from} (inclusive) to {@code to} (exclusive), numpy's {@code A[from:to, :]}. */
    public Matrix sliceRows(int from, int to) {
        checkRange("sliceRows", from, to, rows, "rows");
        return new Matrix(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols), name);
    }

    /** Columns {@code from} (inclusive) to {@code to} (exclusive), numpy's {@code A[:, from:to]}. */
    public Matrix sliceCols(int from, int to) {
        checkRange("sliceCols", from, to, cols, "columns");
        int width = to - from;
        double[] out = new double[rows * width];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data, i * cols + from, out, i * width, width);
        }
        return new Matrix(rows, width, out, name);
    }

    /** The rows at the given indices, in that order, numpy's {@code A[index, :]} (for shuffled batches). */
    public Matrix takeRows(int[] index) {
        double[] out = new double[index.length * cols];
        for (int k = 0; k < index.length; k++) {
            checkIndex("takeRows", index[k], rows, "rows");
            System.arraycopy(data, index[k] * cols, out, k * cols, cols);
        }
        return new Matrix(index.length, cols, out, name);
    }

    /** The columns at the given indices, in that order, numpy's {@code A[:, index]}. */
    public Matrix takeCols(int[] index) {
        for (int k : index) {
            checkIndex("takeCols", k, cols, "columns");
        }
        double[] out = new double[rows * index.length];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < index.length; k++) {
                out[i * index.length + k] = data[i * cols + index[k]];
            }
        }
        return new Matrix(rows, index.length, out, name);
    }

    /** The same values in a new shape, row-major, {@code np.reshape}; -1 infers one dimension. */
    public Matrix reshape(int newRows, int newCols) {
        int r = newRows;
        int c = newCols;
        if (r == -1 && c > 0 && data.length % c == 0) {
            r = data.length / c;
        } else if (c == -1 && r > 0 && data.length % r == 0) {
            c = data.length / r;
        }
        if (r < 0 || c < 0 || (long) r * c != data.length) {
            throw new ShapeException("reshape", shape(), null,
                    "reshape: cannot reshape " + describe() + " (" + data.length + " elements) into (" + newRows
                            + ", " + newCols + ").",
                    "The new shape must hold the same number of elements; use -1 for one dimension to infer it.");
        }
        return new Matrix(r, c, data, name);
    }

    /** A copy of the values as rows. */
    public double[][] toArray() {
        double[][] out = new double[rows][];
        for (int i = 0; i < rows; i++) {
            out[i] = Arrays.copyOfRange(data, i * cols, (i + 1) * cols);
        }
        return out;
    }

    /** A copy of the values in row-major order, numpy's {@code ravel()}. */
    public double[] toFlatArray() {
        return data.clone();
    }

    private void checkRange(String op, int from, int to, int n, String what) {
        if (from < 0 || to > n || from > to) {
            throw new IndexOutOfBoundsException(op + "(" + from + ", " + to + ") on " + describe() + ": " + what
                    + " go from 0 to " + n + " (exclusive), and from must not exceed to.");
        }
    }

    void checkIndex(String op, int index, int n, String what) {
        if (index < 0 || index >= n) {
            throw new IndexOutOfBoundsException(op + ": index " + index + " is outside " + describe() + "; " + what
                    + " go from 0 to " + (n - 1) + ".");
        }
    }

    // ---------------------------------------------------------------- comparison and printing

    /**
     * True when shapes are equal and every pair of elements is within {@code atol + rtol·|other|}, numpy's allclose
     * (with its default {@code equal_nan=False}: a NaN is close to nothing, not even a NaN).
     */
    public boolean allclose(Matrix other, double rtol, double atol) {
        return close(other, rtol, atol, false);
    }

    private boolean close(Matrix other, double rtol, double atol, boolean equalNan) {
        if (rows != other.rows || cols != other.cols) {
            return false;
        }
        for (int i = 0; i < data.length; i++) {
            double a = data[i];
            double b = other.data[i];
            if (a == b || (equalNan && Double.isNaN(a) && Double.isNaN(b))) {
                continue;
            }
            if (!(Math.abs(a - b) <= atol + rtol * Math.abs(b))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tolerant equality: same shape and elements within {@link #TOLERANCE} (absolute and relative). A NaN equals a
     * NaN in the same place, as in {@link Arrays#equals(double[], double[])}, so that a matrix always equals itself
     * and can be found in a list or set; use {@link #allclose} for numpy's comparison, where it does not.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix other && close(other, TOLERANCE, TOLERANCE, true);
    }

    /** Consistent with the tolerant {@link #equals}: only the shape contributes. */
    @Override
    public int hashCode() {
        return 31 * rows + cols;
    }

    /** {@code W1 (128, 784)} or just {@code (128, 784)} when unnamed. */
    public String describe() {
        return name == null ? shape().toString() : name + " " + shape();
    }

    /** numpy-like printing: the shape, then the values, truncated with … for large matrices. */
    @Override
    public String toString() {
        return MatrixFormat.format(this);
    }
}
