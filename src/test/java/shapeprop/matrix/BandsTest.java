package shapeprop.matrix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * Bands of rows, one per thread, for the phases of a training step: every row is covered exactly once, and a band of
 * a product has the very bits of the whole product in its rows.
 */
class BandsTest {

    @Test
    void theBandsCoverEveryRowExactlyOnceInWholeStripsForOddSizesToo() {
        for (int rows = 0; rows <= 200; rows++) {
            for (int count = 1; count <= 4; count++) {
                AtomicIntegerArray hits = new AtomicIntegerArray(rows);
                Bands.run(rows, count, (from, to) -> {
                    for (int i = from; i < to; i++) {
                        hits.incrementAndGet(i);
                    }
                });
                for (int i = 0; i < rows; i++) {
                    assertEquals(1, hits.get(i), "row " + i + " of " + rows + " in " + count + " bands");
                }
                for (int t = 1; t < count; t++) {
                    int start = Bands.start(rows, count, t);
                    assertEquals(0, start % Bands.ALIGN, "band " + t + " of " + rows + " rows starts at " + start);
                }
                assertEquals(rows, Bands.start(rows, count, count));
            }
        }
    }

    @Test
    void oneThreadOrASmallPhaseMakesOneBandAndTwoThreadsTwo() {
        int before = Dot.threads();
        try {
            Dot.setThreads(1);
            assertEquals(1, Bands.count(128, 128L * 784 * 64));
            Dot.setThreads(2);
            assertEquals(2, Bands.count(128, 128L * 784 * 64));
            // the two-moons hidden layer: far too small to split
            assertEquals(1, Bands.count(22, 22L * 2 * 200));
            // fewer rows than a strip: nothing to split
            assertEquals(1, Bands.count(7, 1L << 30));
        } finally {
            Dot.setThreads(before);
        }
    }

    @Test
    void aBandOfAProductHasTheBitsOfTheWholeProductInItsRows() {
        SplittableRandom rng = new SplittableRandom(3);
        List<String> failures = new ArrayList<>();
        // (m, k, n): the MNIST step's products, odd sizes, n not a whole number of vectors, and a small product
        int[][] shapes = {{128, 784, 64}, {128, 10, 64}, {128, 64, 784}, {70, 131, 37}, {13, 9, 5}, {33, 200, 3}};
        for (int[] s : shapes) {
            for (int form = 0; form < 3; form++) {
                boolean transposeA = form == 1;
                boolean transposeB = form == 2;
                Matrix a = transposeA ? Naive.matrix(Naive.values(s[1], s[0], rng), s[1], s[0])
                        : Naive.matrix(Naive.values(s[0], s[1], rng), s[0], s[1]);
                Matrix b = transposeB ? Naive.matrix(Naive.values(s[2], s[1], rng), s[2], s[1])
                        : Naive.matrix(Naive.values(s[1], s[2], rng), s[1], s[2]);
                double[] whole = NoCopy.array(NoCopy.product(a, transposeA, b, transposeB, null));
                for (int count = 1; count <= 3; count++) {
                    double[] banded = new double[s[0] * s[2]];
                    int bands = count;
                    Bands.run(s[0], bands, (from, to) -> Bands.product(a, transposeA, b, transposeB, banded, from, to));
                    if (!java.util.Arrays.equals(whole, banded)) {
                        failures.add(java.util.Arrays.toString(s) + " form " + form + " in " + count + " bands");
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void rowSumsOfABandAreTheRowSumsOfTheMatrix() {
        Matrix m = Matrix.randn(19, 67, new java.util.Random(4));
        double[] sums = new double[19];
        Bands.run(19, 2, (from, to) -> Bands.rowSums(m, sums, from, to));
        assertArrayEquals(m.sum(1, true).toFlatArray(), sums, 0.0);
    }

    @Test
    void aBandProductOfTheWrongShapeSaysWhich() {
        Matrix w = Matrix.zeros(128, 784);
        Matrix x = Matrix.zeros(64, 784);
        ShapeException e = assertThrows(ShapeException.class,
                () -> Bands.product(w, false, x, false, new double[128 * 64], 0, 64));
        assertTrue(e.getMessage().contains("(128, 784)") && e.getMessage().contains("(64, 784)"), e.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> Bands.product(w, false, x.T(), false, new double[100], 0, 64));
        assertEquals("Bands.product: rows 0 to 64 of a (128, 64) product into an array of 100 values; give an array "
                + "of exactly 8192 values and a band of Bands.start(…).", size.getMessage());
    }
}
