package shapeprop.matrix;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What a learner sees when a matrix is printed: its name and shape, then numpy-style values. */
class MatrixPrintingTest {

    @Test
    void aSmallNamedMatrixShowsNameShapeAndAlignedValues() {
        Matrix W1 = Matrix.of(new double[][] {{1, -0.5}, {0.25, 2}, {0, 1}}).named("W1");
        assertEquals("""
                W1 (3, 2)
                [[ 1.  , -0.5 ],
                 [ 0.25,  2.  ],
                 [ 0.  ,  1.  ]]""", W1.toString());
    }

    @Test
    void wholeNumbersPrintWithATrailingPointLikeNumpy() {
        assertEquals("""
                (2, 2)
                [[1., 2.],
                 [3., 4.]]""", Matrix.of(new double[][] {{1, 2}, {3, 4}}).toString());
    }

    @Test
    void aLargeMatrixShowsThreeRowsAndColumnsFromEachEdge() {
        // numpy: np.arange(1200.).reshape(40, 30); 1199 is more than 1000 times 1, so whole numbers go scientific too
        Matrix big = Matrix.fromFunction(40, 30, (i, j) -> i * 30 + j).named("big");
        assertEquals("""
                big (40, 30)
                [[0.000e+00, 1.000e+00, 2.000e+00, ..., 2.700e+01, 2.800e+01, 2.900e+01],
                 [3.000e+01, 3.100e+01, 3.200e+01, ..., 5.700e+01, 5.800e+01, 5.900e+01],
                 [6.000e+01, 6.100e+01, 6.200e+01, ..., 8.700e+01, 8.800e+01, 8.900e+01],
                 ...,
                 [1.110e+03, 1.111e+03, 1.112e+03, ..., 1.137e+03, 1.138e+03, 1.139e+03],
                 [1.140e+03, 1.141e+03, 1.142e+03, ..., 1.167e+03, 1.168e+03, 1.169e+03],
                 [1.170e+03, 1.171e+03, 1.172e+03, ..., 1.197e+03, 1.198e+03, 1.199e+03]]""", big.toString());
        Matrix wide = Matrix.fromFunction(40, 30, (i, j) -> 1000 + i * 30 + j);
        assertEquals("""
                (40, 30)
                [[1000., 1001., 1002., ..., 1027., 1028., 1029.],
                 [1030., 1031., 1032., ..., 1057., 1058., 1059.],
                 [1060., 1061., 1062., ..., 1087., 1088., 1089.],
                 ...,
                 [2110., 2111., 2112., ..., 2137., 2138., 2139.],
                 [2140., 2141., 2142., ..., 2167., 2168., 2169.],
                 [2170., 2171., 2172., ..., 2197., 2198., 2199.]]""", wide.toString());
    }

    /**
     * Each row: the values of a (1, n) matrix and what numpy 2.4 prints for them after
     * {@code np.set_printoptions(precision=4)}: {@code np.array2string(np.array([values]), separator=', ')}.
     */
    @Test
    void rowsPrintAsNumpyPrintsThemWithPrecision4() {
        Object[][] table = {
                // the sign of -0.0 is kept, in fixed and in scientific notation
                {new double[] {-0.0, 1}, "[[-0.,  1.]]"},
                {new double[] {-0.0, 0.5}, "[[-0. ,  0.5]]"},
                {new double[] {1.5e8, 1, -0.0}, "[[ 1.5e+08,  1.0e+00, -0.0e+00]]"},
                // scientific mantissas drop trailing zeros, all to the longest one's length
                {new double[] {1e8, 1}, "[[1.e+08, 1.e+00]]"},
                {new double[] {1234.5, 0.5}, "[[1.2345e+03, 5.0000e-01]]"},
                // more than three orders of magnitude apart: scientific, whole numbers too
                {new double[] {1, 10000}, "[[1.e+00, 1.e+04]]"},
                {new double[] {1, 1000}, "[[   1., 1000.]]"},
                // digits of the exact binary value, rounded half to even
                {new double[] {2.00005, 0.03125}, "[[2.    , 0.0312]]"},
                {new double[] {0.00015, 0.00025}, "[[0.0001, 0.0003]]"},
                {new double[] {0.99995, 2.5}, "[[1. , 2.5]]"},
                {new double[] {9.99995, 1e5}, "[[1.e+01, 1.e+05]]"},
                // a three-digit exponent widens every exponent; nan and inf take the numbers' width
                {new double[] {1e100, 1e-5, Double.NaN, Double.NEGATIVE_INFINITY}, "[[1.e+100, 1.e-005,     nan,    -inf]]"},
                {new double[] {Double.MIN_VALUE, 1}, "[[5.e-324, 1.e+000]]"},
        };
        for (Object[] row : table) {
            double[] values = (double[]) row[0];
            assertEquals("(1, " + values.length + ")\n" + row[1], Matrix.row(values).toString(),
                    () -> java.util.Arrays.toString(values));
        }
    }

    @Test
    void anEmptyMatrixStillShowsItsShape() {
        assertEquals("(0, 3)\n[]", Matrix.zeros(0, 3).toString());
        assertEquals("X (64, 0)\n[]", Matrix.zeros(64, 0).named("X").toString());
    }

    @Test
    void valuesOfVeryDifferentSizesSwitchToScientificNotation() {
        assertEquals("""
                (1, 4)
                [[        nan,         inf, -1.0000e-07,  1.2346e+08]]""",
                Matrix.row(Double.NaN, Double.POSITIVE_INFINITY, -1e-7, 123456789).toString());
    }

    @Test
    void shapesAndBroadcastsPrintTheWayMessagesUseThem() {
        assertEquals("(128, 64)", Shape.of(128, 64).toString());
        Broadcast event = new Broadcast("add", Shape.of(128, 64), "Z1", Shape.of(128, 1), "b1", Shape.of(128, 64));
        assertEquals("add: b1 (128, 1) stretched along axis 1 (columns) to (128, 64)", event.toString());
        assertEquals("W1 (128, 784)", Matrix.zeros(128, 784).named("W1").describe());
    }
}
