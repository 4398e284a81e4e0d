package shapeprop.matrix;

import java.util.function.BooleanSupplier;

/**
 * The transpose behind {@link Matrix#T()}, in square tiles: a plain double loop reads one matrix along rows
 * and writes the other along columns, touching a new cache line on every write; tiles keep both the read
 * and the written lines in cache.
 */
final class Transpose {

    /** Tile side: 32 × 32 doubles = 8 KB read + 8 KB written. */
    private static final int TILE = 32;

    private Transpose() {
    }

    /** Aᵀ for row-major A (rows, cols): out[j·rows + i] = A[i·cols + j]. */
    static double[] of(double[] a, int rows, int cols) {
        return of(a, rows, cols, () -> false);
    }

    /**
     * {@link #of(double[], int, int)}, asking {@code stop} before every band of {@value #TILE} rows of A; null as soon
     * as it says true. MNIST's (784, 60000) takes seconds the first time (its 376 MB are new memory), in bands of
     * a few milliseconds.
     */
    static double[] of(double[] a, int rows, int cols, BooleanSupplier stop) {
        double[] out = new double[a.length];
        if (rows == 1 || cols == 1) {
            // a row or a column: the same values in the same order
            System.arraycopy(a, 0, out, 0, a.length);
            return out;
        }
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            if (stop.getAsBoolean()) {
                return null;
            }
            int i1 = Math.min(rows, i0 + TILE);
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    int from = i * cols;
                    for (int j = j0; j < j1; j++) {
                        // Aᵀ[j, i] = A[i, j]
                        out[j * rows + i] = a[from + j];
                    }
                }
            }
        }
        return out;
    }
}
