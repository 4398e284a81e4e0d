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
    void anArrayOfTheWrongSizeOrALargeProductGetsANewArray() {
        double[] wrongSize = new double[5];
        Matrix small = NoCopy.product(random(3, 2), false, random(2, 4), false, wrongSize);
        assertNotSame(wrongSize, NoCopy.array(small));

        Matrix A = random(64, 128);
        Matrix B = random(128, 64);
        double[] big = new double[64 * 64];
        Matrix large = NoCopy.product(A, false, B, false, big);
        assertNotSame(big, NoCopy.array(large));
        assertEquals(A.dot(B), large);
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
