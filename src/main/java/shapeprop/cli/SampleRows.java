package shapeprop.cli;

import java.util.Arrays;
import shapeprop.matrix.Bands;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.NoCopy;

/**
 * The training samples, one per row, as the training loop gathers its mini-batches from them. Where the samples take
 * at most 256 distinct values, as MNIST's pixels do (k / 255), each value is kept as a one-byte index into a table
 * of those values: a batch then reads an eighth of the memory (60,000 digits are 47 MB instead of 376 MB, which no
 * cache holds), and gets back the very same doubles. Other samples are gathered from the matrix itself.
 */
final class SampleRows {

    /** Distinct values a byte can index. */
    private static final int TABLE = 256;
    /** A batch of at least this many values is gathered on several threads (when {@code Dot.threads()} allows). */
    static final int SPLIT_VALUES = 1 << 14;

    private final Matrix rows;
    // null when the samples take more than TABLE distinct values
    private final byte[] codes;
    private final double[] values;

    private SampleRows(Matrix rows, byte[] codes, double[] values) {
        this.rows = rows;
        this.codes = codes;
        this.values = values;
    }

    /** The samples of {@code rows} (one per row), in bytes where their values allow. */
    static SampleRows of(Matrix rows) {
        double[] data = NoCopy.array(rows);
        // the distinct values met so far, in a hash table keyed by their bits (open addressing, twice the room)
        long[] keys = new long[2 * TABLE];
        int[] slots = new int[2 * TABLE];
        Arrays.fill(slots, -1);
        double[] values = new double[TABLE];
        byte[] codes = new byte[data.length];
        int distinct = 0;
        for (int i = 0; i < data.length; i++) {
            long bits = Double.doubleToRawLongBits(data[i]);
            int h = (int) ((bits * 0x9E3779B97F4A7C15L) >>> 55);
            while (slots[h] >= 0 && keys[h] != bits) {
                h = (h + 1) & (2 * TABLE - 1);
            }
            if (slots[h] < 0) {
                if (distinct == TABLE) {
                    return new SampleRows(rows, null, null);
                }
                keys[h] = bits;
                slots[h] = distinct;
                values[distinct++] = data[i];
            }
            codes[i] = (byte) slots[h];
        }
        return new SampleRows(rows, codes, values);
    }

    /** True when the samples are kept as bytes. */
    boolean compact() {
        return codes != null;
    }

    /** Number of samples. */
    int size() {
        return rows.rows();
    }

    /**
     * The samples at {@code index}, exactly as {@link NoCopy#takeRows} takes them from the matrix (with
     * {@code transpose}: one sample per column), written into {@code reuse} when that array has the batch's size.
     */
    Matrix take(int[] index, boolean transpose, double[] reuse) {
        if (codes == null) {
            return NoCopy.takeRows(rows, index, transpose, reuse);
        }
        int b = index.length;
        int cols = rows.cols();
        for (int k : index) {
            if (k < 0 || k >= rows.rows()) {
                throw new IndexOutOfBoundsException("SampleRows.take: sample " + k + " is out of range for "
                        + rows.rows() + " samples (0 … " + (rows.rows() - 1) + ").");
            }
        }
        double[] out = reuse != null && reuse.length == b * cols ? reuse : new double[b * cols];
        if (!transpose) {
            for (int k = 0; k < b; k++) {
                decode(index[k] * cols, out, k * cols, cols);
            }
            return NoCopy.wrap(b, cols, out);
        }
        // a large batch is gathered in bands of features, one per thread (on one thread, one band): the reads of
        // samples far apart in memory, which wait for it, then wait side by side
        int bands = b * cols >= SPLIT_VALUES ? Bands.count(cols, Long.MAX_VALUE) : 1;
        Bands.run(cols, bands, (from, to) -> gather(index, out, from, to));
        return NoCopy.wrap(cols, b, out);
    }

    /** Features {@code from} to {@code to} of the samples at {@code index}, one sample per column of out. */
    private void gather(int[] index, double[] out, int from, int to) {
        int b = index.length;
        int cols = rows.cols();
        int k = 0;
        for (; k <= b - 8; k += 8) {
            // out[f, k … k+7] = X[index[k … k+7], f]: eight samples read side by side fill a 64-byte line of out
            int r0 = index[k] * cols;
            int r1 = index[k + 1] * cols;
            int r2 = index[k + 2] * cols;
            int r3 = index[k + 3] * cols;
            int r4 = index[k + 4] * cols;
            int r5 = index[k + 5] * cols;
            int r6 = index[k + 6] * cols;
            int r7 = index[k + 7] * cols;
            for (int f = from, o = from * b + k; f < to; f++, o += b) {
                out[o] = values[codes[r0 + f] & 0xFF];
                out[o + 1] = values[codes[r1 + f] & 0xFF];
                out[o + 2] = values[codes[r2 + f] & 0xFF];
                out[o + 3] = values[codes[r3 + f] & 0xFF];
                out[o + 4] = values[codes[r4 + f] & 0xFF];
                out[o + 5] = values[codes[r5 + f] & 0xFF];
                out[o + 6] = values[codes[r6 + f] & 0xFF];
                out[o + 7] = values[codes[r7 + f] & 0xFF];
            }
        }
        for (; k < b; k++) {
            int r = index[k] * cols;
            for (int f = from, o = from * b + k; f < to; f++, o += b) {
                out[o] = values[codes[r + f] & 0xFF];
            }
        }
    }

    /** out[to … to + n) = the values coded at codes[from … from + n). */
    private void decode(int from, double[] out, int to, int n) {
        for (int f = 0; f < n; f++) {
            out[to + f] = values[codes[from + f] & 0xFF];
        }
    }
}
