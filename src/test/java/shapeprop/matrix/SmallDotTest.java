package shapeprop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The small-product path (no packing) against the textbook triple loop: every dimension 0–70 in each of the
 * three ways a network multiplies (A·B, A·Bᵀ, Aᵀ·B), plus the thin shapes of the two-moons network.
 */
class SmallDotTest {

    private static final double TOLERANCE = 1e-12;

    @Test
    void everyDimensionFrom0To70MatchesTheNaiveLoopInAllThreeForms() {
        SplittableRandom rng = new SplittableRandom(21);
        List<String> failures = new ArrayList<>();
        for (int size = 0; size <= 70; size++) {
            // each dimension in turn takes every size, the others random (0 included)
            check(size, rng.nextInt(71), rng.nextInt(71), rng, failures);
            check(rng.nextInt(71), size, rng.nextInt(71), rng, failures);
            check(rng.nextInt(71), rng.nextInt(71), size, rng, failures);
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void theTwoMoonsShapesMatchTheNaiveLoop() {
        SplittableRandom rng = new SplittableRandom(22);
        List<String> failures = new ArrayList<>();
        // W1·X, W2·A1, dW2 = dZ2·A1ᵀ, W2ᵀ·dZ2, dW1 = dZ1·Xᵀ for 200 and 10,000 points
        int[][] shapes = {{22, 2, 200}, {1, 22, 200}, {1, 200, 22}, {22, 1, 200}, {22, 200, 2},
                {16, 2, 10_000}, {1, 16, 10_000}, {1, 10_000, 16}, {16, 1, 10_000}, {16, 10_000, 2}, {3, 5, 1}};
        for (int[] s : shapes) {
            check(s[0], s[1], s[2], rng, failures);
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void smallAndThinProductsTakeThisPathAndLargeOnesDoNot() {
        assertTrue(SmallDot.fits(22, 2, 200));
        assertTrue(SmallDot.fits(1, 10_000, 16));
        assertTrue(SmallDot.fits(16, 2, 10_000));
        assertTrue(!SmallDot.fits(64, 784, 128));
        assertTrue(!SmallDot.fits(16, 16, 10_000));
    }

    private static void check(int m, int k, int n, SplittableRandom rng, List<String> failures) {
        double[][] a = Naive.values(m, k, rng);
        double[][] b = Naive.values(k, n, rng);
        double[][] expected = Naive.dot(a, k, b, n);
        Matrix am = Naive.matrix(a, m, k);
        Matrix bm = Naive.matrix(b, k, n);
        Matrix at = Naive.matrix(Naive.transpose(a, m, k), k, m);
        Matrix bt = Naive.matrix(Naive.transpose(b, k, n), n, k);
        String shape = " (" + m + ", " + k + ")·(" + k + ", " + n + ")";
        // A·B with B's rows contiguous
        compare("A·B" + shape, new Matrix(m, n, SmallDot.multiply(am.data, k, 1, bm.data, n, 1, m, k, n), null),
                expected, failures);
        // A·Bᵀ, B stored as (n, k)
        compare("A·Bᵀ" + shape, new Matrix(m, n, SmallDot.multiply(am.data, k, 1, bt.data, 1, k, m, k, n), null),
                expected, failures);
        // Aᵀ·B, A stored as (k, m)
        compare("Aᵀ·B" + shape, new Matrix(m, n, SmallDot.multiply(at.data, 1, m, bm.data, n, 1, m, k, n), null),
                expected, failures);
        // Aᵀ·Bᵀ, both stored transposed
        compare("Aᵀ·Bᵀ" + shape, new Matrix(m, n, SmallDot.multiply(at.data, 1, m, bt.data, 1, k, m, k, n), null),
                expected, failures);
        // and through the public methods, whichever path they take
        compare("dot" + shape, am.dot(bm), expected, failures);
        compare("dotT" + shape, am.dotT(bt), expected, failures);
        compare("Tdot" + shape, at.Tdot(bm), expected, failures);
    }

    private static void compare(String what, Matrix actual, double[][] expected, List<String> failures) {
        int m = expected.length;
        int n = m == 0 ? actual.cols() : expected[0].length;
        if (actual.rows() != m || actual.cols() != n) {
            failures.add(what + ": shape " + actual.shape());
            return;
        }
        double err = Naive.maxRelativeError(actual, expected);
        if (!(err <= TOLERANCE)) {
            failures.add(what + ": error " + err);
        }
    }
}
