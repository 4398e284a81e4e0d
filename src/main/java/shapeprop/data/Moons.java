package shapeprop.data;

import java.util.Random;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.Shape;

/**
 * Two interleaving half circles in the plane, the toy problem a straight line cannot separate. The same
 * algorithm as scikit-learn's {@code make_moons}:
 *
 * <pre>
 * n_out = n // 2, n_in = n - n_out
 * outer (label 0): ( cos t,       sin t       )  for t in linspace(0, π, n_out)
 * inner (label 1): ( 1 - cos t,   1 - sin t - 0.5 )  for t in linspace(0, π, n_in)
 * then, optionally, shuffle the samples; then add Gaussian noise with standard deviation {@code noise}
 * </pre>
 *
 * The random numbers come from {@code java.util.Random(seed)}, so points match scikit-learn's exactly only
 * without noise and shuffle; the distribution is the same.
 */
public final class Moons {

    private Moons() {
    }

    /** {@code n} shuffled points with Gaussian noise of standard deviation {@code noise}, seeded. */
    public static Dataset generate(int n, double noise, long seed) {
        return generate(n, noise, true, seed);
    }

    /** {@code n} points, shuffled or in generation order (outer moon first), with noise, seeded. */
    public static Dataset generate(int n, double noise, boolean shuffle, long seed) {
        if (n < 0) {
            throw new IllegalArgumentException("Moons.generate: n is " + n + "; give a number of points ≥ 0, e.g. 200.");
        }
        if (!(noise >= 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("Moons.generate: noise is " + noise
                    + "; give a standard deviation ≥ 0 (0 for exact half circles, 0.2 is the usual toy problem).");
        }
        int nOut = n / 2;
        int nIn = n - nOut;
        // (n, 2) points in one array: more than about a billion do not fit, and Shape says so
        double[] xy = new double[new Shape(n, 2).size()];
        int[] labels = new int[n];
        double[] tOut = linspace(0, Math.PI, nOut);
        double[] tIn = linspace(0, Math.PI, nIn);
        for (int i = 0; i < nOut; i++) {
            xy[2 * i] = Math.cos(tOut[i]);
            xy[2 * i + 1] = Math.sin(tOut[i]);
        }
        for (int i = 0; i < nIn; i++) {
            int s = nOut + i;
            xy[2 * s] = 1 - Math.cos(tIn[i]);
            xy[2 * s + 1] = 1 - Math.sin(tIn[i]) - 0.5;
            labels[s] = 1;
        }
        Random rng = new Random(seed);
        Dataset moons = Dataset.of("moons", Matrix.of(n, 2, xy), labels, 2);
        if (shuffle) {
            moons = moons.take(Dataset.permutation(n, rng));
        }
        if (noise == 0) {
            return moons;
        }
        // X += noise · N(0, 1), drawn sample by sample (x then y), like generator.normal(scale=noise, size=X.shape)
        double[] noisy = moons.x(Samples.ROWS).toFlatArray();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += noise * rng.nextGaussian();
        }
        return Dataset.of("moons", Matrix.of(n, 2, noisy), moons.labels(), 2);
    }

    /** numpy's {@code linspace(start, stop, n)}: n evenly spaced values, both ends included. */
    static double[] linspace(double start, double stop, int n) {
        double[] out = new double[n];
        if (n == 1) {
            out[0] = start;
            return out;
        }
        double step = (stop - start) / (n - 1);
        for (int i = 0; i < n; i++) {
            out[i] = start + i * step;
        }
        if (n > 1) {
            out[n - 1] = stop;
        }
        return out;
    }
}
