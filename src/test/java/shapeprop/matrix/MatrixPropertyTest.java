package shapeprop.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Algebraic facts a learner relies on, checked on many seeded random shapes. */
class MatrixPropertyTest {

    private final SplittableRandom rng = new SplittableRandom(21);

    private Matrix random(int rows, int cols) {
        return Naive.matrix(Naive.values(rows, cols, rng), rows, cols);
    }

    @Test
    void transposeOfAProductIsTheProductOfTransposesInReverseOrder() {
        for (int trial = 0; trial < 60; trial++) {
            int m = rng.nextInt(0, 40);
            int k = rng.nextInt(0, 40);
            int n = rng.nextInt(0, 40);
            Matrix A = random(m, k);
            Matrix B = random(k, n);
            // (AB)ᵀ = BᵀAᵀ
            assertEquals(A.dot(B).T(), B.T().dot(A.T()), "(AB)ᵀ = BᵀAᵀ for " + A.shape() + "·" + B.shape());
        }
    }

    @Test
    void transposingTwiceGivesTheOriginalAndSwapsTheShape() {
        for (int[] s : new int[][] {{0, 0}, {0, 5}, {1, 1}, {1, 9}, {9, 1}, {31, 33}, {64, 100}, {100, 64}}) {
            Matrix A = random(s[0], s[1]);
            assertEquals(new Shape(s[1], s[0]), A.T().shape());
            assertEquals(A, A.T().T());
            for (int i = 0; i < s[0]; i++) {
                for (int j = 0; j < s[1]; j++) {
                    assertEquals(A.get(i, j), A.T().get(j, i));
                }
            }
        }
        assertEquals("W1ᵀ", Matrix.zeros(2, 3).named("W1").T().name());
    }

    @Test
    void broadcastingEqualsExplicitTiling() {
        for (int trial = 0; trial < 40; trial++) {
            int m = rng.nextInt(1, 9);
            int n = rng.nextInt(1, 9);
            Matrix A = random(m, n);
            Matrix column = random(m, 1);
            Matrix row = random(1, n);
            Matrix scalar = random(1, 1);
            // tile the vector by hand: column (m, 1) → (m, n), row (1, n) → (m, n)
            Matrix columnTiled = Matrix.fromFunction(m, n, (i, j) -> column.get(i, 0));
            Matrix rowTiled = Matrix.fromFunction(m, n, (i, j) -> row.get(0, j));
            Matrix scalarTiled = Matrix.full(m, n, scalar.item());
            assertEquals(A.add(columnTiled), A.add(column));
            assertEquals(A.sub(rowTiled), A.sub(row));
            assertEquals(rowTiled.div(A), row.div(A));
            assertEquals(columnTiled.mul(A), column.mul(A));
            assertEquals(A.mul(scalarTiled), A.mul(scalar));
            // both operands stretched: an outer sum (m, 1) + (1, n)
            assertEquals(columnTiled.add(rowTiled), column.add(row));
        }
    }

    @Test
    void sumKeepsTwoDimensionsAndMatchesNumpysShapes() {
        Matrix dZ = random(10, 64);
        assertEquals(new Shape(10, 1), dZ.sum(1, true).shape());
        assertEquals(new Shape(1, 64), dZ.sum(0, true).shape());
        // numpy's 1-D results come back as rows, so they broadcast the way numpy's do
        assertEquals(new Shape(1, 10), dZ.sum(1, false).shape());
        assertEquals(new Shape(1, 64), dZ.sum(0, false).shape());
        assertEquals(dZ.sum(1, true).T(), dZ.sum(1, false));
        // every way of summing gives the same total
        assertEquals(dZ.sum(), dZ.sum(0, true).sum(), 1e-9);
        assertEquals(dZ.sum(), dZ.sum(1, true).sum(), 1e-9);
        // a sum over the batch axis equals a product with a column of ones
        assertEquals(dZ.dot(Matrix.ones(64, 1)), dZ.sum(1, true));
        assertEquals(Matrix.ones(1, 10).dot(dZ), dZ.sum(0, true));
        assertEquals(new Shape(10, 1), dZ.mean(1, true).shape());
        assertEquals(dZ.sum(1, true).div(64), dZ.mean(1, true));
    }

    @Test
    void reshapeRoundTripsAndKeepsRowMajorOrder() {
        Matrix A = random(6, 8);
        assertEquals(A, A.reshape(48, 1).reshape(6, 8));
        assertEquals(A, A.reshape(-1, 4).reshape(6, -1));
        assertEquals(new Shape(3, 16), A.reshape(3, -1).shape());
        assertArrayEquals(A.toFlatArray(), A.reshape(1, 48).toFlatArray());
        assertEquals(A.get(1, 2), A.reshape(12, 4).get(2, 2));
        ShapeException e = org.junit.jupiter.api.Assertions.assertThrows(ShapeException.class, () -> A.reshape(5, -1));
        assertEquals("reshape: cannot reshape (6, 8) (48 elements) into (5, -1). The new shape must hold the same "
                + "number of elements; use -1 for one dimension to infer it.", e.getMessage());
    }

    @Test
    void slicingRowsAndColumnsCutsMiniBatches() {
        Matrix X = Matrix.fromFunction(5, 4, (i, j) -> 10 * i + j).named("X");
        assertEquals(Matrix.of(new double[][] {{10, 11, 12, 13}, {20, 21, 22, 23}}), X.sliceRows(1, 3));
        assertEquals(Matrix.fromFunction(5, 2, (i, j) -> 10 * i + j + 2), X.sliceCols(2, 4));
        assertEquals(Matrix.of(new double[][] {{40, 41, 42, 43}, {0, 1, 2, 3}}), X.takeRows(new int[] {4, 0}));
        assertEquals(X.T().takeRows(new int[] {3, 1}).T(), X.takeCols(new int[] {3, 1}));
    }

    @Test
    void equalityToleratesRoundingButNotRealDifferences() {
        Matrix A = random(3, 3);
        assertEquals(A, A.add(1e-12));
        assertNotEquals(A, A.add(1e-6));
        assertNotEquals(A, A.reshape(1, 9));
        assertEquals(A.hashCode(), A.add(1e-12).hashCode());
    }

    @Test
    void aMatrixHoldingNaNStillEqualsItselfAndIsFoundInACollection() {
        Matrix m = Matrix.row(Double.NaN);
        assertTrue(m.equals(m));
        assertTrue(List.of(m).contains(m));
        assertTrue(Set.of(m).contains(Matrix.row(Double.NaN)));
        Matrix A = Matrix.of(2, 2, 1, Double.NaN, 3, 4);
        assertEquals(A, Matrix.of(2, 2, 1 + 1e-12, Double.NaN, 3, 4));
        assertEquals(A.hashCode(), Matrix.of(2, 2, 1, Double.NaN, 3, 4).hashCode());
        assertNotEquals(A, Matrix.of(2, 2, 1, 2, 3, 4));
        assertNotEquals(Matrix.of(2, 2, 1, 2, 3, 4), A);
        assertNotEquals(A, Matrix.of(2, 2, Double.NaN, 2, 3, 4));
        // allclose stays numpy's: np.allclose(nan, nan) is False
        assertFalse(m.allclose(m, 1e-9, 1e-9));
    }

    @Test
    void numpysNegativeAxesCountFromTheEnd() {
        // numpy: dZ = np.arange(12.).reshape(3, 4); axis=-1 is axis 1, axis=-2 is axis 0
        Matrix dZ = Matrix.fromFunction(3, 4, (i, j) -> 4 * i + j).named("dZ");
        assertEquals(Matrix.column(6, 22, 38), dZ.sum(-1, true));
        assertEquals(dZ.sum(0, true), dZ.sum(-2, true));
        assertEquals(Matrix.row(4, 5, 6, 7), dZ.mean(-2, true));
        assertEquals(dZ.mean(1, false), dZ.mean(-1, false));
        assertArrayEquals(new int[] {3, 3, 3}, dZ.argmax(-1));
        assertArrayEquals(new int[] {2, 2, 2, 2}, dZ.argmax(-2));
        assertEquals(Matrix.row(8, 9, 10, 11), dZ.max(-2, true));
        assertEquals(Matrix.column(3, 7, 11), dZ.max(-1, true));
        assertEquals(4, dZ.shape().dim(-1));
        ShapeException e = assertThrows(ShapeException.class, () -> dZ.sum(2, true));
        assertEquals("sum: dZ (3, 4) has no axis 2; a matrix has axis 0 (rows) and axis 1 (columns), which numpy also"
                + " counts from the end as -2 and -1. Use axis 0 to reduce down the rows (one value per column) or"
                + " axis 1 to reduce across the columns (one value per row).", e.getMessage());
        assertEquals("argmax", assertThrows(ShapeException.class, () -> dZ.argmax(-3)).operation());
    }

    @Test
    void reductionsAgreeWithTheirDefinitions() {
        Matrix A = Matrix.of(new double[][] {{1, 7, -2}, {4, 0, 9}});
        assertArrayEquals(new int[] {1, 0, 1}, A.argmax(0));
        assertArrayEquals(new int[] {1, 2}, A.argmax(1));
        assertEquals(9.0, A.max());
        assertEquals(-2.0, A.min());
        assertEquals(Matrix.row(4, 7, 9), A.max(0, true));
        assertEquals(Matrix.column(7, 9), A.max(1, true));
        assertEquals(19.0 / 6, A.mean(), 1e-15);
    }

    @Test
    void aNaNAlongAnAxisShowsUpInMaxAndArgmaxAsInNumpy() {
        // numpy: np.argmax([[1, nan, 3]], axis=1) → [1]; np.max(…, axis=1, keepdims=True) → [[nan]]
        Matrix A = Matrix.of(1, 3, 1, Double.NaN, 3);
        assertArrayEquals(new int[] {1}, A.argmax(1));
        assertEquals("(1, 1)\n[[nan]]", A.max(1, true).toString());
        assertEquals(Double.NaN, A.max());
        // a = [[1, nan, 3], [nan, 2, nan], [4, 5, -inf]]: argmax → [1 0 1] on either axis, max(axis=0) → all nan
        Matrix B = Matrix.of(3, 3, 1, Double.NaN, 3, Double.NaN, 2, Double.NaN, 4, 5, Double.NEGATIVE_INFINITY);
        assertArrayEquals(new int[] {1, 0, 1}, B.argmax(1));
        assertArrayEquals(new int[] {1, 0, 1}, B.argmax(0));
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, 5}, B.max(1, true).toFlatArray());
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, Double.NaN}, B.max(0, true).toFlatArray());
        // sum and mean carry a NaN along too (numpy: B.sum(axis=1) → [nan nan -inf], B.mean(axis=0) → all nan)
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, Double.NEGATIVE_INFINITY}, B.sum(1, true).toFlatArray());
        assertArrayEquals(new double[] {Double.NaN, Double.NaN, Double.NaN}, B.mean(0, true).toFlatArray());
        assertArrayEquals(new int[] {0}, Matrix.row(Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY).argmax(1));
    }
}
