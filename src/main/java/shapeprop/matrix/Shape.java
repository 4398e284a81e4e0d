package shapeprop.matrix;

/**
 * The shape of a 2-D matrix, printed the way numpy prints it: {@code (128, 64)}.
 *
 * @param rows number of rows (numpy's axis 0)
 * @param cols number of columns (numpy's axis 1)
 */
public record Shape(int rows, int cols) {

    /** The most entries a matrix can have: the longest array every JVM allocates. */
    private static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    public Shape {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(
                    "Shape(" + rows + ", " + cols + "): a dimension cannot be negative; use 0 for an empty axis.");
        }
    }

    public static Shape of(int rows, int cols) {
        return new Shape(rows, cols);
    }

    /** The size along numpy's axis 0 (rows) or 1 (columns); as in numpy, -1 is the last axis (1) and -2 is 0. */
    public int dim(int axis) {
        return switch (axis) {
            case 0, -2 -> rows;
            case 1, -1 -> cols;
            default -> throw new IllegalArgumentException("axis " + axis + " does not exist: " + AXES);
        };
    }

    /** What every message about a wrong axis says. */
    static final String AXES = "a matrix has axis 0 (rows) and axis 1 (columns), which numpy also counts from the "
            + "end as -2 and -1.";

    /** Number of elements, rows·cols. */
    public int size() {
        long size = (long) rows * cols;
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("a " + this + " matrix has " + size + " entries, more than "
                    + "one Java array holds (" + MAX_SIZE + "); use fewer rows or columns (fewer samples, smaller "
                    + "layers).");
        }
        return (int) size;
    }

    /** The shape of the transpose. */
    public Shape T() {
        return new Shape(cols, rows);
    }

    /**
     * Same rows and columns. Written out because a record's generated {@code equals} is linked on its first call
     * through {@code invokedynamic}, which in a fresh JVM takes ~50 ms: the first training step checks shapes.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && s.rows == rows && s.cols == cols;
    }

    @Override
    public int hashCode() {
        return 31 * rows + cols;
    }

    @Override
    public String toString() {
        return "(" + rows + ", " + cols + ")";
    }
}
