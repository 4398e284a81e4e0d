package shapeprop.matrix;

/**
 * A phase of work split into bands of rows, one band per thread, for library code on hot paths (the training step
 * of {@code shapeprop.nn}); learners never need it. Splitting every phase of a step the same way (the hidden units
 * of a layer: rows of W1, Z1, A1, dZ1 and dW1 in the columns layout) keeps each band in one core's cache from the
 * forward product through the update, where splitting each product on its own would move half of every array
 * between the cores after it.
 *
 * <p>Bands are whole multiples of {@value #ALIGN} rows (the last one takes the rest), so that each row is computed by
 * the same loop as in a product on one thread: the numbers do not depend on the number of threads.
 */
public final class Bands {

    /** Rows per band are a multiple of this (a tile of the vector kernel, an even number for the small one). */
    public static final int ALIGN = 8;

    /** What one thread does with its band: rows {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    public interface Band {
        void rows(int from, int to);
    }

    private Bands() {
    }

    /**
     * The number of bands worth making of {@code rows} rows for a phase of {@code work} multiply-adds: one on one
     * thread ({@link Dot#threads()}) or below the size from which {@link Dot} splits a product, else one per thread,
     * at most one per {@value #ALIGN} rows.
     */
    public static int count(int rows, long work) {
        int threads = Dot.threads();
        if (threads <= 1 || work < Dot.PARALLEL_WORK) {
            return 1;
        }
        return Math.max(1, Math.min(threads, rows / ALIGN));
    }

    /** The first row of band {@code t} of {@code count}; band t covers rows start(t) to start(t + 1). */
    public static int start(int rows, int count, int t) {
        if (t >= count) {
            return rows;
        }
        // whole strips of ALIGN rows, as evenly as possible
        int strips = rows / ALIGN;
        return strips * t / count * ALIGN;
    }

    /**
     * Runs {@code band} on each of {@code count} bands of rows 0 to {@code rows}: band 0 on the calling thread, the
     * others on helper threads (or here too when they are busy); returns when every band is done.
     */
    public static void run(int rows, int count, Band band) {
        if (count <= 1) {
            band.rows(0, rows);
            return;
        }
        Workers.run(count, t -> band.rows(start(rows, count, t), start(rows, count, t + 1)));
    }

    /**
     * Rows {@code from} to {@code to} of {@code a.dot(b)}, {@code a.dotT(b)} or {@code a.Tdot(b)} (by
     * {@code transposeA}/{@code transposeB}; not both) into {@code c}, the product's m·n values row-major, which the
     * caller owns: the same numbers as the whole product has in those rows. {@code from} must be a band's start.
     */
    public static void product(Matrix a, boolean transposeA, Matrix b, boolean transposeB, double[] c, int from,
                               int to) {
        ShapeErrors.checkProduct("Bands.product", a, transposeA, b, transposeB);
        int m = transposeA ? a.cols : a.rows;
        int n = transposeB ? b.rows : b.cols;
        if ((long) m * n != c.length || from < 0 || to > m || from % ALIGN != 0 && from != to) {
            throw new IllegalArgumentException("Bands.product: rows " + from + " to " + to + " of a (" + m + ", " + n
                    + ") product into an array of " + c.length + " values; give an array of exactly " + (long) m * n
                    + " values and a band of Bands.start(…).");
        }
        Dot.productRows(a, transposeA, b, transposeB, c, from, to);
    }

    /** sum(m[i, :]) into sums[i] for rows from to to: the numbers of {@code m.sum(1, true)}. */
    public static void rowSums(Matrix m, double[] sums, int from, int to) {
        for (int i = from; i < to; i++) {
            sums[i] = Matrix.rowSum(m.data, i * m.cols, m.cols);
        }
    }
}
