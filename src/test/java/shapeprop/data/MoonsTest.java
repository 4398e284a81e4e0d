package shapeprop.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import shapeprop.matrix.Matrix;

class MoonsTest {

    @Test
    void withoutNoiseOrShuffleThePointsAreTheHalfCirclesOfMakeMoons() {
        // n = 6: n_out = 3, n_in = 3, t = 0, π/2, π for both moons
        // outer (cos t, sin t): (1, 0), (0, 1), (-1, 0); inner (1 - cos t, 1 - sin t - 0.5): (0, .5), (1, -.5), (2, .5)
        Dataset moons = Moons.generate(6, 0.0, false, 42);
        Matrix expected = Matrix.of(6, 2,
                1, 0,
                0, 1,
                -1, 0,
                0, 0.5,
                1, -0.5,
                2, 0.5);
        assertTrue(moons.x(Samples.ROWS).allclose(expected, 0, 1e-15), moons.x(Samples.ROWS).toString());
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1}, moons.labels());
    }

    @Test
    void anOddCountGivesTheExtraPointToTheInnerMoon() {
        // n = 5: n_out = 2 (t = 0, π), n_in = 3 (t = 0, π/2, π)
        Dataset moons = Moons.generate(5, 0.0, false, 0);
        Matrix expected = Matrix.of(5, 2, 1, 0, -1, 0, 0, 0.5, 1, -0.5, 2, 0.5);
        assertTrue(moons.x(Samples.ROWS).allclose(expected, 0, 1e-15), moons.x(Samples.ROWS).toString());
        assertArrayEquals(new int[] {0, 0, 1, 1, 1}, moons.labels());
    }

    @Test
    void aPointAtAThirdOfTheArcMatchesTheFormula() {
        // n = 8: n_out = n_in = 4, t = 0, π/3, 2π/3, π; outer point 1 is (cos π/3, sin π/3) = (0.5, √3/2)
        Dataset moons = Moons.generate(8, 0.0, false, 0);
        Matrix x = moons.x(Samples.ROWS);
        assertEquals(0.5, x.get(1, 0), 1e-15);
        assertEquals(Math.sqrt(3) / 2, x.get(1, 1), 1e-15);
        // inner point 2 (sample 6) is (1 - cos 2π/3, 1 - sin 2π/3 - 0.5) = (1.5, 0.5 - √3/2)
        assertEquals(1.5, x.get(6, 0), 1e-15);
        assertEquals(0.5 - Math.sqrt(3) / 2, x.get(6, 1), 1e-15);
    }

    @Test
    void theSameSeedGivesTheSameMoonsAndAnotherSeedOthers() {
        assertEquals(Moons.generate(200, 0.2, 7).x(Samples.ROWS), Moons.generate(200, 0.2, 7).x(Samples.ROWS));
        assertNotEquals(Moons.generate(200, 0.2, 7).x(Samples.ROWS), Moons.generate(200, 0.2, 8).x(Samples.ROWS));
    }

    @Test
    void shufflingReordersPointsAndLabelsTogether() {
        Dataset ordered = Moons.generate(100, 0.0, false, 3);
        Dataset shuffled = Moons.generate(100, 0.0, true, 3);
        assertNotEquals(ordered.x(Samples.ROWS), shuffled.x(Samples.ROWS));
        // every shuffled point is an ordered point with the same label
        double[][] points = ordered.x(Samples.ROWS).toArray();
        double[][] moved = shuffled.x(Samples.ROWS).toArray();
        for (int i = 0; i < moved.length; i++) {
            int at = indexOf(points, moved[i]);
            assertTrue(at >= 0, "shuffled point " + Arrays.toString(moved[i]) + " is not a moon point");
            assertEquals(ordered.label(at), shuffled.label(i));
        }
    }

    @Test
    void noiseHasTheRequestedStandardDeviation() {
        Matrix exact = Moons.generate(10_000, 0.0, false, 1).x(Samples.ROWS);
        Matrix noisy = Moons.generate(10_000, 0.2, false, 1).x(Samples.ROWS);
        Matrix diff = noisy.sub(exact);
        double mean = diff.mean();
        double std = Math.sqrt(diff.pow(2).mean() - mean * mean);
        assertEquals(0.0, mean, 0.01);
        assertEquals(0.2, std, 0.005);
    }

    @Test
    void eitherLayoutHasTheSamplesAlongTheRightAxis() {
        Dataset moons = Moons.generate(200, 0.2, 0);
        assertEquals("(2, 200)", moons.x(Samples.COLUMNS).shape().toString());
        assertEquals("(1, 200)", moons.y(Samples.COLUMNS).shape().toString());
        assertEquals("(200, 2)", moons.x(Samples.ROWS).shape().toString());
        assertEquals("(200, 1)", moons.y(Samples.ROWS).shape().toString());
        assertEquals("(2, 200)", moons.oneHot(Samples.COLUMNS).shape().toString());
        assertEquals(moons.x(Samples.ROWS).T(), moons.x(Samples.COLUMNS));
        assertEquals("moons: 200 samples × 2 features, 2 classes", moons.toString());
    }

    @Test
    void aNegativeNoiseIsRejectedWithTheFix() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Moons.generate(10, -0.1, 0));
        assertEquals("Moons.generate: noise is -0.1; give a standard deviation ≥ 0 (0 for exact half circles,"
                + " 0.2 is the usual toy problem).", e.getMessage());
    }

    private static int indexOf(double[][] points, double[] p) {
        for (int i = 0; i < points.length; i++) {
            if (Arrays.equals(points[i], p)) {
                return i;
            }
        }
        return -1;
    }
}
