package shapeprop.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast kernels against the textbook triple loop, on shapes chosen to hit every edge of their blocking:
 * tiles of 4 rows × 3 vectors, panels of 256 rows of B, blocks of 192 rows of A, and the split across threads.
 */
class DotKernelTest {

    /** Relative error a blocked sum may have against the naive order of additions. */
    private static final double TOLERANCE = 1e-12;

    private static final List<Dot.Kernel> KERNELS = List.of(Dot.Kernel.VECTOR, Dot.Kernel.SCALAR);

    @Test
    void testsRunWithTheVectorModuleSoBothKernelsAreChecked() {
        assertTrue(Dot.vectorAvailable(), "surefire starts the JVM with --add-modules jdk.incubator.vector");
        assertEquals(Dot.Kernel.VECTOR, Dot.kernel());
    }

    @Test
    void everySizeFrom1To70MatchesTheNaiveLoop() {
        SplittableRandom rng = new SplittableRandom(7);
        List<String> failures = new ArrayList<>();
        for (int size = 1; size <= 70; size++) {
            // each dimension in turn takes every size, the others random
            check(size, 1 + rng.nextInt(70), 1 + rng.nextInt(70), rng, failures);
            check(1 + rng.nextInt(70), size, 1 + rng.nextInt(70), rng, failures);
            check(1 + rng.nextInt(70), 1 + rng.nextInt(70), size, rng, failures);
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void sizesAroundTheBlockEdgesMatchTheNaiveLoop() {
        SplittableRandom rng = new SplittableRandom(8);
        List<String> failures = new ArrayList<>();
        int[] edges = {23, 24, 25, 191, 192, 193, 255, 256, 257};
        for (int e : edges) {
            check(e, 31, 29, rng, failures);
            check(5, e, 27, rng, failures);
            check(6, 33, e, rng, failures);
        }
        check(193, 513, 50, rng, failures);
        check(37, 300, 530, rng, failures);
        assertEquals(List.of(), failures);
    }

    @Test
    void largeProductsSplitAcrossThreadsMatchTheNaiveLoop() {
        SplittableRandom rng = new SplittableRandom(9);
        List<String> failures = new ArrayList<>();
        // tall (split by rows), wide (split by columns), and square
        for (int[] s : new int[][] {{333, 129, 61}, {45, 150, 517}, {260, 260, 260}}) {
            double[][] a = Naive.values(s[0], s[1], rng);
            double[][] b = Naive.values(s[1], s[2], rng);
            double[][] expected = Naive.dot(a, s[1], b, s[2]);
            for (Dot.Kernel kernel : KERNELS) {
                for (int threads : new int[] {2, 3}) {
                    Matrix c = Dot.multiply(Naive.matrix(a, s[0], s[1]), Naive.matrix(b, s[1], s[2]), kernel, threads);
                    double err = Naive.maxRelativeError(c, expected);
                    if (err > TOLERANCE) {
                        failures.add(kernel + " on " + threads + " threads, " + c.shape() + ": error " + err);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void zeroSizeProductsGiveZerosOfTheRightShape() {
        for (Dot.Kernel kernel : KERNELS) {
            // (3, 0)·(0, 4) is a sum of nothing: zeros
            assertEquals(Matrix.zeros(3, 4), Dot.multiply(Matrix.zeros(3, 0), Matrix.zeros(0, 4), kernel, 1));
            assertEquals(Matrix.zeros(0, 4), Dot.multiply(Matrix.zeros(0, 5), Matrix.ones(5, 4), kernel, 2));
            assertEquals(Matrix.zeros(5, 0), Dot.multiply(Matrix.ones(5, 2), Matrix.zeros(2, 0), kernel, 2));
        }
    }

    @Test
    void transposedOperandsAreReadInPlaceByBothKernels() {
        SplittableRandom rng = new SplittableRandom(10);
        List<String> failures = new ArrayList<>();
        for (int[] s : new int[][] {{1, 1, 1}, {5, 7, 3}, {64, 130, 10}, {97, 33, 50}, {200, 260, 70}}) {
            Matrix a = Naive.matrix(Naive.values(s[1], s[0], rng), s[1], s[0]);
            Matrix b = Naive.matrix(Naive.values(s[2], s[1], rng), s[2], s[1]);
            // Aᵀ·Bᵀ read through strides, against copies made by T()
            double[][] expected = Naive.dot(a.T().toArray(), s[1], b.T().toArray(), s[2]);
            for (Dot.Kernel kernel : KERNELS) {
                DotKernel implementation = kernel.implementation();
                Operands o = Operands.of(a, true, b, true, implementation.columnPadding(), null);
                implementation.multiply(o, 0, o.m, 0, o.n);
                double err = Naive.maxRelativeError(new Matrix(o.m, o.n, o.result(), null), expected);
                if (err > TOLERANCE) {
                    failures.add(kernel + " Aᵀ·Bᵀ " + o + ": error " + err);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void fusedTransposeProductsEqualTheSpelledOutOnes() {
        SplittableRandom rng = new SplittableRandom(11);
        Matrix X = Naive.matrix(Naive.values(64, 20, rng), 64, 20).named("X");
        Matrix dZ = Naive.matrix(Naive.values(64, 7, rng), 64, 7).named("dZ1");
        Matrix W = Naive.matrix(Naive.values(7, 20, rng), 7, 20).named("W");
        // dW = Xᵀ·dZ (rows layout) and dZ·W (back through W)
        assertEquals(X.T().dot(dZ), X.Tdot(dZ));
        assertEquals(dZ.dot(W), dZ.dotT(W.T()));
        assertEquals(X.dot(W.T()), X.dotT(W));
        ShapeException e = org.junit.jupiter.api.Assertions.assertThrows(ShapeException.class, () -> X.dotT(dZ));
        assertEquals("dotT: X·dZ1ᵀ needs X.cols (20) to equal dZ1.cols (7), but X is (64, 20) and dZ1 is (64, 7). "
                + "Did you mean X.Tdot(dZ1)? That is Xᵀ·dZ1: (20, 64)·(64, 7) → (20, 7).", e.getMessage());
        ShapeException t = org.junit.jupiter.api.Assertions.assertThrows(ShapeException.class, () -> X.Tdot(W));
        assertEquals("Tdot: Xᵀ·W needs X.rows (64) to equal W.rows (7), but X is (64, 20) and W is (7, 20). "
                + "Did you mean X.dotT(W)? That is X·Wᵀ: (64, 20)·(20, 7) → (64, 7).", t.getMessage());
    }

    @Test
    void aTransposedRightOperandGivesTheSameBitsAsItsCopy() {
        SplittableRandom rng = new SplittableRandom(13);
        // dW1 = dZ1·Xᵀ of MNIST (Xᵀ packed eight columns at a time, 784 = 32 panels of 24 and one of 16), panels whose
        // last columns are fewer than eight or padded with zeros, several blocks of k, and more columns than a block
        for (int[] s : new int[][] {{128, 64, 784}, {72, 300, 95}, {65, 20, 1601}, {100, 129, 67}}) {
            Matrix dZ = Naive.matrix(Naive.values(s[0], s[1], rng), s[0], s[1]).named("dZ");
            Matrix X = Naive.matrix(Naive.values(s[2], s[1], rng), s[2], s[1]).named("X");
            // dZ·Xᵀ reads X through strides; dZ·(Xᵀ copied by T()) reads rows: the same values, packed alike
            assertArrayEquals(dZ.dot(X.T()).toFlatArray(), dZ.dotT(X).toFlatArray(),
                    "dZ " + dZ.shape() + "·X " + X.shape() + "ᵀ");
        }
    }

    @Test
    void kernelsOverwriteWhatTheResultArrayHeld() {
        SplittableRandom rng = new SplittableRandom(12);
        List<String> failures = new ArrayList<>();
        // one block of k and several, whole tiles and a last partial row tile, a wide C and a narrow one
        for (int[] s : new int[][] {{64, 64, 784}, {128, 300, 64}, {13, 40, 48}, {64, 128, 10}, {30, 0, 16}}) {
            Matrix a = Naive.matrix(Naive.values(s[0], s[1], rng), s[0], s[1]);
            Matrix b = Naive.matrix(Naive.values(s[1], s[2], rng), s[1], s[2]);
            double[][] expected = Naive.dot(a.toArray(), s[1], b.toArray(), s[2]);
            for (Dot.Kernel kernel : KERNELS) {
                DotKernel implementation = kernel.implementation();
                double[] dirty = new double[s[0] * s[2]];
                java.util.Arrays.fill(dirty, Double.NaN);
                Operands o = Operands.of(a, false, b, false, implementation.columnPadding(), dirty);
                if (o.k > 0) {
                    implementation.multiply(o, 0, o.m, 0, o.n);
                }
                double err = Naive.maxRelativeError(new Matrix(o.m, o.n, o.result(), null), expected);
                if (!(err <= TOLERANCE)) {
                    failures.add(kernel + " " + o + " into a used array: error " + err);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void narrowProductsOfTheScalarKernelMatchTheNaiveLoop() {
        SplittableRandom rng = new SplittableRandom(13);
        List<String> failures = new ArrayList<>();
        // at most 12 columns and k of at least 24: dot products, two rows and two columns at a time
        for (int[] s : new int[][] {{64, 128, 10}, {128, 64, 10}, {37, 50, 7}, {1, 24, 12}, {5, 99, 1}}) {
            check(s[0], s[1], s[2], rng, failures);
        }
        // B read transposed: its columns are already side by side
        Matrix a = Naive.matrix(Naive.values(9, 40, rng), 9, 40);
        Matrix bt = Naive.matrix(Naive.values(11, 40, rng), 11, 40);
        Operands o = Operands.of(a, false, bt, true, 1, null);
        ScalarDot.INSTANCE.multiply(o, 0, o.m, 0, o.n);
        double err = Naive.maxRelativeError(new Matrix(o.m, o.n, o.result(), null),
                Naive.dot(a.toArray(), 40, Naive.transpose(bt.toArray(), 11, 40), 11));
        if (!(err <= TOLERANCE)) {
            failures.add("scalar A·Bᵀ (9, 40)·(40, 11): error " + err);
        }
        assertEquals(List.of(), failures);
    }

    private static void check(int m, int k, int n, SplittableRandom rng, List<String> failures) {
        double[][] a = Naive.values(m, k, rng);
        double[][] b = Naive.values(k, n, rng);
        double[][] expected = Naive.dot(a, k, b, n);
        Matrix am = Naive.matrix(a, m, k);
        Matrix bm = Naive.matrix(b, k, n);
        for (Dot.Kernel kernel : KERNELS) {
            Matrix c = Dot.multiply(am, bm, kernel, 1);
            double err = c.rows() == m && c.cols() == n ? Naive.maxRelativeError(c, expected) : Double.NaN;
            if (!(err <= TOLERANCE)) {
                failures.add(kernel + " (" + m + ", " + k + ")·(" + k + ", " + n + "): error " + err);
            }
        }
        Matrix viaDot = am.dot(bm);
        if (!(Naive.maxRelativeError(viaDot, expected) <= TOLERANCE)) {
            failures.add("Matrix.dot (" + m + ", " + k + ")·(" + k + ", " + n + ") differs");
        }
    }
}
