package shapeprop.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Dot;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.NoCopy;

/** Batches gathered from samples kept in bytes are the very doubles NoCopy.takeRows gathers from the matrix. */
class SampleRowsTest {

    private final SplittableRandom rng = new SplittableRandom(7);

    /** (rows, cols) of pixels k / 255 (k &lt; 255), as MNIST's, and −0.0 beside 0.0: two entries of the table. */
    private Matrix pixels(int rows, int cols) {
        double[] values = new double[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextInt(4) == 0 ? -0.0 : rng.nextInt(255) / 255.0;
        }
        return NoCopy.wrap(rows, cols, values);
    }

    private int[] index(int size, int rows) {
        int[] index = new int[size];
        for (int k = 0; k < size; k++) {
            index[k] = rng.nextInt(rows);
        }
        return index;
    }

    @Test
    void aBatchOfPixelsIsTheSameBitsAsTakeRowsInBothLayouts() {
        Matrix X = pixels(300, 37);
        SampleRows rows = SampleRows.of(X);
        assertTrue(rows.compact(), "256 distinct values fit in bytes");
        for (int size : new int[] {1, 3, 4, 7, 64}) {
            int[] index = index(size, X.rows());
            for (boolean transpose : new boolean[] {false, true}) {
                Matrix expected = NoCopy.takeRows(X, index, transpose, null);
                Matrix got = rows.take(index, transpose, null);
                assertEquals(expected.shape(), got.shape());
                assertBitsEqual(NoCopy.array(expected), NoCopy.array(got), size + " samples, transpose " + transpose);
            }
        }
    }

    @Test
    void aLargeBatchGatheredOnTwoOrThreeThreadsIsTheSameBits() {
        // 64 samples of 301 features: more than SampleRows.SPLIT_VALUES values, split by features
        Matrix X = pixels(500, 301);
        SampleRows rows = SampleRows.of(X);
        int before = Dot.threads();
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Dot.setThreads(threads);
                for (int size : new int[] {64, 61}) {
                    int[] index = index(size, X.rows());
                    Matrix expected = NoCopy.takeRows(X, index, true, null);
                    assertBitsEqual(NoCopy.array(expected), NoCopy.array(rows.take(index, true, null)),
                            size + " samples on " + threads + " threads");
                }
            }
        } finally {
            Dot.setThreads(before);
        }
    }

    @Test
    void aBatchIsWrittenIntoTheArrayGivenWhenItFits() {
        Matrix X = pixels(50, 9);
        SampleRows rows = SampleRows.of(X);
        double[] reuse = new double[9 * 8];
        Matrix batch = rows.take(index(8, 50), true, reuse);
        assertSame(reuse, NoCopy.array(batch));
        assertEquals(9, batch.rows());
        Matrix other = rows.take(index(5, 50), true, reuse);
        assertEquals(9 * 5, NoCopy.array(other).length);
    }

    @Test
    void samplesWithMoreThan256ValuesAreGatheredFromTheMatrix() {
        double[] values = new double[40 * 10];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextGaussian();
        }
        Matrix X = NoCopy.wrap(40, 10, values);
        SampleRows rows = SampleRows.of(X);
        assertFalse(rows.compact());
        int[] index = index(12, 40);
        for (boolean transpose : new boolean[] {false, true}) {
            assertBitsEqual(NoCopy.array(NoCopy.takeRows(X, index, transpose, null)),
                    NoCopy.array(rows.take(index, transpose, null)), "transpose " + transpose);
        }
    }

    @Test
    void exactly256ValuesStillFitInBytes() {
        double[] values = new double[256 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i % 256) * 0.1;
        }
        Matrix X = NoCopy.wrap(256, 3, values);
        SampleRows rows = SampleRows.of(X);
        assertTrue(rows.compact());
        int[] index = index(33, 256);
        assertBitsEqual(NoCopy.array(NoCopy.takeRows(X, index, true, null)),
                NoCopy.array(rows.take(index, true, null)), "256 values");
    }

    @Test
    void aSampleNumberOutOfRangeIsRefusedWithTheRange() {
        SampleRows rows = SampleRows.of(pixels(10, 4));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> rows.take(new int[] {2, 10}, false, null));
        assertEquals("SampleRows.take: sample 10 is out of range for 10 samples (0 … 9).", e.getMessage());
    }

    private static void assertBitsEqual(double[] expected, double[] actual, String message) {
        long[] e = new long[expected.length];
        long[] a = new long[actual.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = Double.doubleToRawLongBits(expected[i]);
        }
        for (int i = 0; i < a.length; i++) {
            a[i] = Double.doubleToRawLongBits(actual[i]);
        }
        assertArrayEquals(e, a, message);
    }
}
