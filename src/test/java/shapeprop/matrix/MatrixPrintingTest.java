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
        Matrix big = Matrix.fromFunction(40, 30, (i, j) -> i * 30 + j).named("big");
        assertEquals("""
                big (40, 30)
                [[   0.,    1.,    2., ...,   27.,   28.,   29.],
                 [  30.,   31.,   32., ...,   57.,   58.,   59.],
                 [  60.,   61.,   62., ...,   87.,   88.,   89.],
                 ...,
                 [1110., 1111., 1112., ..., 1137., 1138., 1139.],
                 [1140., 1141., 1142., ..., 1167., 1168., 1169.],
                 [1170., 1171., 1172., ..., 1197., 1198., 1199.]]""", big.toString());
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
