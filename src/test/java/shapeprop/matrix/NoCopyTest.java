package shapeprop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hot-path product into a reused array: the same values and the same shape errors as dot, dotT and Tdot. */
class NoCopyTest {

    private final SplittableRandom rng = new SplittableRandom(31);

    private Matrix random(int rows, int cols) {
        return Naive.matrix(Naive.values(rows, cols, rng), rows, cols);
    }

    @Test
    void aSmallProductIsWrittenIntoTheGivenArrayAndEqualsDot() {
        Matrix W = random(22, 2);
        Matrix X = random(2, 200);
        double[] reuse = new double[22 * 200];
        java.util.Arrays.fill(reuse, Double.NaN);

        Matrix product = NoCopy.product(W, false, X, false, reuse);

        assertSame(reuse, NoCopy.array(product));
        assertEquals(W.dot(X), product);
        // Tdot and dotT, into arrays of their own
        Matrix dZ = random(1, 200);
        Matrix back = NoCopy.product(random(1, 22), true, dZ, false, new double[22 * 200]);
        assertEquals(new Shape(22, 200), back.shape());
        Matrix A = random(22, 200);
        assertEquals(dZ.dotT(A), NoCopy.product(dZ, false, A, true, new double[22]));
    }

    @Test
    void wrapRefusesAnArrayThatDoesNotHoldRowsTimesColsValues() {
        ShapeException error = assertThrows(ShapeException.class, () -> NoCopy.wrap(3, 4, new double[10]));
        assertEquals("NoCopy.wrap: a (3, 4) matrix needs 12 values but the array holds 10. Give an array of exactly "
                + "rows·cols values in row-major order.", error.getMessage());
        assertEquals("NoCopy.wrap", error.operation());
        assertThrows(ShapeException.class, () -> NoCopy.wrap(-1, 0, new double[0]));
        assertEquals(new Shape(3, 4), NoCopy.wrap(3, 4, new double[12]).shape());
    }

    @Test
    void anArrayOfTheWrongSizeGetsANewOneAndALargeProductIsWrittenIntoItsArrayToo() {
        double[] wrongSize = new double[5];
        Matrix small = NoCopy.product(random(3, 2), false, random(2, 4), false, wrongSize);
        assertNotSame(wrongSize, NoCopy.array(small));

        // the packed kernels overwrite what the array held: NaN would show through any sum that kept it
        Matrix A = random(64, 300);
        Matrix B = random(300, 64);
        double[] big = new double[64 * 64];
        java.util.Arrays.fill(big, Double.NaN);
        Matrix large = NoCopy.product(A, false, B, false, big);
        assertSame(big, NoCopy.array(large));
        assertEquals(A.dot(B), large);
        // and transposed operands, as dW = dZ·Xᵀ reads them
        Matrix X = random(64, 300);
        double[] gradient = new double[64 * 64];
        java.util.Arrays.fill(gradient, Double.NaN);
        assertEquals(A.dot(X.T()), NoCopy.product(A, false, X, true, gradient));
    }

    @Test
    void takeRowsGathersRowsOrTheirTransposeIntoTheGivenArray() {
        Matrix samples = random(50, 7);
        int[] batch = {42, 3, 3, 17, 0, 49, 8, 21, 30};
        double[] reuse = new double[batch.length * 7];
        java.util.Arrays.fill(reuse, Double.NaN);

        Matrix rows = NoCopy.takeRows(samples, batch, false, reuse);
        assertSame(reuse, NoCopy.array(rows));
        assertEquals(samples.takeRows(batch), rows);

        Matrix columns = NoCopy.takeRows(samples, batch, true, reuse);
        assertEquals(samples.takeRows(batch).T(), columns);
        // a wrong-sized array is left alone; an index out of range names the operation
        double[] wrong = new double[3];
        assertNotSame(wrong, NoCopy.array(NoCopy.takeRows(samples, batch, true, wrong)));
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                () -> NoCopy.takeRows(samples, new int[] {1, 50}, true, null));
        assertEquals("takeRows: index 50 is outside (50, 7); rows go from 0 to 49.", e.getMessage());
    }

    @Test
    void theTransposedGatherCopiesEveryBatchSizeExactly() {
        Matrix samples = random(50, 7);
        java.util.Random rng = new java.util.Random(3);
        // batches gathered eight samples and one at a time, and every mix of them
        for (int size = 1; size <= 21; size++) {
            int[] batch = rng.ints(size, 0, 50).toArray();
            org.junit.jupiter.api.Assertions.assertArrayEquals(samples.takeRows(batch).T().toFlatArray(),
                    NoCopy.takeRows(samples, batch, true, null).toFlatArray(), "a batch of " + size);
        }
    }

    @Test
    void shapeErrorsAreTheOnesOfDotDotTAndTdot() {
        Matrix W = random(3, 4).named("W");
        Matrix X = random(3, 5).named("X");
        assertEquals(assertThrows(ShapeException.class, () -> W.dot(X)).getMessage(),
                assertThrows(ShapeException.class, () -> NoCopy.product(W, false, X, false, null)).getMessage());
        assertEquals(assertThrows(ShapeException.class, () -> W.dotT(X)).getMessage(),
                assertThrows(ShapeException.class, () -> NoCopy.product(W, false, X, true, null)).getMessage());
        Matrix V = random(4, 5).named("V");
        assertEquals(assertThrows(ShapeException.class, () -> W.Tdot(V)).getMessage(),
                assertThrows(ShapeException.class, () -> NoCopy.product(W, true, V, false, null)).getMessage());
    }
}
