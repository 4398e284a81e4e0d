package shapeprop.data;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;
import shapeprop.matrix.Matrix;

/**
 * Labelled samples: the features of m samples and the class of each. Stored with one sample per row; ask
 * for the orientation your network uses with {@link #x(Samples)}, {@link #y(Samples)} and
 * {@link #oneHot(Samples)}.
 *
 * <pre>{@code
 * Dataset moons = Moons.generate(200, 0.2, 0);
 * Matrix X = moons.x(Samples.COLUMNS);      // (2, 200)
 * Matrix Y = moons.y(Samples.COLUMNS);      // (1, 200), labels 0 or 1
 * for (Dataset batch : mnist.train().batches(64, rng)) { ... }   // shuffled, last batch may be smaller
 * }</pre>
 *
 * A dataset is immutable: shuffling, splitting and batching return new datasets.
 */
public final class Dataset {

    private final String name;
    private final Matrix features; // (m, features), one sample per row
    private final int[] labels;
    private final int classes;

    private Dataset(String name, Matrix features, int[] labels, int classes) {
        this.name = name;
        this.features = features;
        this.labels = labels;
        this.classes = classes;
    }

    /**
     * A dataset from features with one sample per row, (m, features), and one label in 0..classes-1 per
     * sample.
     */
    public static Dataset of(String name, Matrix featureRows, int[] labels, int classes) {
        Objects.requireNonNull(featureRows, "Dataset.of: featureRows is null");
        if (featureRows.rows() != labels.length) {
            throw new IllegalArgumentException("Dataset.of: " + featureRows.describe() + " holds "
                    + featureRows.rows() + " samples (one per row) but there are " + labels.length + " labels; "
                    + "give one label per sample (if your samples are columns, pass X.T()).");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("Dataset.of: classes is " + classes + "; a dataset needs at least one class.");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("Dataset.of: label " + labels[i] + " of sample " + i
                        + " is outside 0.." + (classes - 1) + "; pass the right number of classes.");
            }
        }
        return new Dataset(name, featureRows, labels.clone(), classes);
    }

    /** The dataset's name, e.g. {@code mnist train}. */
    public String name() {
        return name;
    }

    /** Number of samples, m. */
    public int size() {
        return labels.length;
    }

    /** Number of features per sample, e.g. 784 for a 28×28 digit. */
    public int features() {
        return features.cols();
    }

    /** Number of classes, e.g. 10 for digits, 2 for moons. */
    public int classes() {
        return classes;
    }

    /** A copy of the labels, one per sample. */
    public int[] labels() {
        return labels.clone();
    }

    /** The label of sample {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** The features: (m, features) for {@link Samples#ROWS}, (features, m) for {@link Samples#COLUMNS}. */
    public Matrix x(Samples samples) {
        return (samples == Samples.ROWS ? features : features.T()).named("X");
    }

    /** The labels as numbers: (m, 1) for rows, (1, m) for columns; the target of a sigmoid output. */
    public Matrix y(Samples samples) {
        double[] values = new double[labels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = labels[i];
        }
        return (samples == Samples.ROWS ? Matrix.column(values) : Matrix.row(values)).named("Y");
    }

    /** The labels one-hot: (m, classes) for rows, (classes, m) for columns; the target of a softmax output. */
    public Matrix oneHot(Samples samples) {
        return OneHot.encode(labels, classes, samples).named("Y");
    }

    /** The fraction of samples whose label equals the prediction, from 0 to 1. */
    public double accuracy(int[] predicted) {
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException("accuracy: " + predicted.length + " predictions for " + labels.length
                    + " samples of " + name + "; predict every sample (check the orientation of the output).");
        }
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                right++;
            }
        }
        return labels.length == 0 ? 0.0 : (double) right / labels.length;
    }

    /** The samples at the given positions, in that order. */
    public Dataset take(int[] index) {
        int[] picked = new int[index.length];
        for (int k = 0; k < index.length; k++) {
            picked[k] = labels[index[k]];
        }
        return new Dataset(name, features.takeRows(index), picked, classes);
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive), like {@code X[from:to]}. */
    public Dataset slice(int from, int to) {
        return new Dataset(name, features.sliceRows(from, to), Arrays.copyOfRange(labels, from, to), classes);
    }

    /** The first {@code n} samples (all of them when there are fewer). */
    public Dataset head(int n) {
        return slice(0, Math.min(n, size()));
    }

    /** The same samples in a seeded random order; the same seed gives the same order. */
    public Dataset shuffle(long seed) {
        return take(permutation(size(), new Random(seed)));
    }

    /**
     * Splits into a training part and a test part holding {@code testFraction} of the samples (rounded),
     * after a seeded shuffle.
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction <= 1)) {
            throw new IllegalArgumentException("split: testFraction is " + testFraction
                    + "; give a fraction between 0 and 1, e.g. 0.2 for 20% test samples.");
        }
        int[] order = permutation(size(), new Random(seed));
        int test = (int) Math.round(testFraction * size());
        int train = size() - test;
        return new Split(take(Arrays.copyOfRange(order, 0, train)).renamed(name + " train"),
                take(Arrays.copyOfRange(order, train, size())).renamed(name + " test"));
    }

    /** Mini-batches of {@code batchSize} samples in order; the last batch keeps the remainder. */
    public Batches batches(int batchSize) {
        return new Batches(this, batchSize, null);
    }

    /**
     * Mini-batches of {@code batchSize} samples in a random order drawn from {@code rng} (call once per epoch
     * with the same generator for a new order each epoch); the last batch keeps the remainder.
     */
    public Batches batches(int batchSize, RandomGenerator rng) {
        return new Batches(this, batchSize, Objects.requireNonNull(rng, "batches: rng is null"));
    }

    /** The same samples under another name. */
    public Dataset renamed(String newName) {
        return new Dataset(newName, features, labels, classes);
    }

    /** A Fisher–Yates permutation of 0..n-1. */
    static int[] permutation(int n, RandomGenerator rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** {@code mnist train: 60000 samples × 784 features, 10 classes}. */
    @Override
    public String toString() {
        return name + ": " + size() + " samples × " + features() + " features, " + classes + " classes";
    }
}
