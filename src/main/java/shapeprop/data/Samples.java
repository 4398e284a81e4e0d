package shapeprop.data;

/**
 * Where the samples go in a data matrix. {@link #COLUMNS}: X is (features, m), one sample per column, the
 * deeplearning.ai convention ({@code Z = W·X + b}). {@link #ROWS}: X is (m, features), one sample per row,
 * the PyTorch and scikit-learn convention ({@code Z = X·W + b}).
 *
 * <p>This is the data package's own name for the orientation, so that data depends on nothing but
 * matrix; it has the same constants as {@code shapeprop.nn.Layout}, so {@code Samples.valueOf(layout.name())}
 * converts.
 */
public enum Samples {
    /** One sample per row: X is (m, features). */
    ROWS,
    /** One sample per column: X is (features, m). */
    COLUMNS;

    /** {@code samples}, or a NullPointerException naming {@code operation} and the two choices. */
    static Samples given(Samples samples, String operation) {
        if (samples == null) {
            throw new NullPointerException(operation + ": samples is null; pass Samples.ROWS (X is (m, features), one"
                    + " sample per row) or Samples.COLUMNS (X is (features, m), one sample per column).");
        }
        return samples;
    }
}
