package shapeprop.data;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
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
        if (name == null) {
            throw new IllegalArgumentException("Dataset.of: name is null; give the dataset a name for printing and"
                    + " error messages, e.g. \"moons\".");
        }
        if (featureRows == null) {
            throw new IllegalArgumentException("Dataset.of: featureRows is null; pass the features as a matrix with"
                    + " one sample per row, (m, features).");
        }
        if (labels == null) {
            throw new IllegalArgumentException("Dataset.of: labels is null; pass one label per sample: an int["
                    + featureRows.rows() + "] for the " + featureRows.rows() + " rows of " + featureRows.describe() + ".");
        }
        if (featureRows.rows() != labels.length) {
            throw new IllegalArgumentException("Dataset.of: " + featureRows.describe() + " holds "
                    + featureRows.rows() + " samples (one per row) but there are " + labels.length + " labels; "
                    + "give one label per sample (if your samples are columns, pass X.T()).");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("Dataset.of: classes is " + classes + "; a dataset needs at least one class.");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("Dataset.of: label " + labels[i] + " of sample " + i
                        + negativeLabel(labels[i], classes));
            }
            if (labels[i] >= classes) {
                throw new IllegalArgumentException("Dataset.of: label " + labels[i] + " of sample " + i
                        + " is outside 0.." + (classes - 1) + "; pass the right number of classes.");
            }
        }
        return new Dataset(name, featureRows, labels.clone(), classes);
    }

    /** Why a negative label is wrong and how to fix it: another class count would not help. */
    static String negativeLabel(int label, int classes) {
        return " is negative; classes are numbered 0 to " + (classes - 1) + " here. "
                + (label == -1 ? "For -1/+1 labels, map -1 to 0 and +1 to 1 first."
                        : "Shift the labels so that the first class is 0.");
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
        checkIndex("label", "i", i);
        return labels[i];
    }

    /** The features: (m, features) for {@link Samples#ROWS}, (features, m) for {@link Samples#COLUMNS}. */
    public Matrix x(Samples samples) {
        return (Samples.given(samples, "Dataset.x") == Samples.ROWS ? features : features.T()).named("X");
    }

    /** The labels as numbers: (m, 1) for rows, (1, m) for columns; the target of a sigmoid output. */
    public Matrix y(Samples samples) {
        Samples.given(samples, "Dataset.y");
        double[] values = new double[labels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = labels[i];
        }
        return (samples == Samples.ROWS ? Matrix.column(values) : Matrix.row(values)).named("Y");
    }

    /** The labels one-hot: (m, classes) for rows, (classes, m) for columns; the target of a softmax output. */
    public Matrix oneHot(Samples samples) {
        return OneHot.encode(labels, classes, Samples.given(samples, "Dataset.oneHot")).named("Y");
    }

    /** The fraction of samples whose label equals the prediction, from 0 to 1. */
    public double accuracy(int[] predicted) {
        if (predicted == null) {
            throw new NullPointerException("accuracy: predicted is null; pass the class of every sample of " + name
                    + ", e.g. network.predict(X).");
        }
        if (predicted.length != labels.length) {
            throw new IllegalArgumentException("accuracy: " + predicted.length + " predictions for " + labels.length
                    + " samples of " + name + "; predict every sample (check the orientation of the output).");
        }
        if (labels.length == 0) {
            // numpy's mean of nothing is nan with a warning; 0.0 here would read as "every prediction wrong"
            throw new IllegalArgumentException("accuracy: " + name + " has no samples, so it has no accuracy;"
                    + " measure it on a dataset with samples (check the slice or split that made this one).");
        }
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                right++;
            }
        }
        // accuracy = (predictions equal to the label) / m
        return (double) right / labels.length;
    }

    /** The samples at the given positions, in that order. */
    public Dataset take(int[] index) {
        if (index == null) {
            throw new IllegalArgumentException("take: index is null; pass the positions of the samples to take, e.g."
                    + " new int[] {0, 1, 2}.");
        }
        for (int k = 0; k < index.length; k++) {
            checkIndex("take", "index[" + k + "]", index[k]);
        }
        int[] picked = new int[index.length];
        for (int k = 0; k < index.length; k++) {
            picked[k] = labels[index[k]];
        }
        return new Dataset(name, features.takeRows(index), picked, classes);
    }

    /** Samples {@code from} (inclusive) to {@code to} (exclusive), like {@code X[from:to]}. */
    public Dataset slice(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("slice(" + from + ", " + to + "): " + name + " has " + size()
                    + " samples, so from and to must satisfy 0 <= from <= to <= " + size() + "; e.g. slice(0, "
                    + Math.min(10, size()) + ") for the first " + Math.min(10, size()) + ".");
        }
        return new Dataset(name, features.sliceRows(from, to), Arrays.copyOfRange(labels, from, to), classes);
    }

    /** The first {@code n} samples (all of them when there are fewer); {@code n} is 0 or more. */
    public Dataset head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("head: n is " + n + "; give 0 or more (head(64) is the first 64 samples,"
                    + " and more than the " + size() + " there are gives all of them). For all but the last "
                    + (n == -1 ? "sample" : -(long) n + " samples") + ", as pandas' head(" + n + ") does, use slice(0, "
                    + "size() - " + -(long) n + ").");
        }
        return slice(0, Math.min(n, size()));
    }

    /** The same samples in a seeded random order; the same seed gives the same order. */
    public Dataset shuffle(long seed) {
        return take(permutation(size(), new Random(seed)));
    }

    /**
     * Splits into a training part and a test part of {@code round(testFraction · m)} samples (half up: 0.25 of
     * 10 is 3), after a seeded shuffle. scikit-learn's {@code train_test_split} rounds the test part up instead,
     * {@code ceil(test_size · m)}, so it can hold out one sample more (0.12 of 10: 2 there, 1 here). Refuses a
     * split that leaves either part empty, as {@code train_test_split} refuses an empty training part.
     */
    public Split split(double testFraction, long seed) {
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("split: testFraction is " + testFraction
                    + "; give a fraction between 0 and 1 (exclusive), e.g. 0.2 for 20% test samples.");
        }
        int m = size();
        if (m < 2) {
            throw new IllegalArgumentException("split: " + name + " has " + m + (m == 1 ? " sample" : " samples")
                    + "; a split into a training and a test part needs at least 2. Split a larger dataset.");
        }
        // test = round(testFraction · m), half up; train = m - test
        int test = (int) Math.round(testFraction * m);
        int train = m - test;
        if (test == 0 || train == 0) {
            int decimals = (int) Math.ceil(Math.log10(2.0 * m)); // 10^-decimals <= 1/(2m): the bounds still round right
            String low = fraction(1, m, decimals, RoundingMode.UP);
            String high = fraction(m - 1, m, decimals, RoundingMode.DOWN);
            throw new IllegalArgumentException("split: testFraction " + testFraction + " of " + m + " samples gives "
                    + test + " test and " + train + " training samples, but each part needs at least 1. Give a"
                    + " testFraction from " + low + " to " + high + " for " + m + " samples (1 to " + (m - 1)
                    + " test samples).");
        }
        int[] order = permutation(m, new Random(seed));
        return new Split(take(Arrays.copyOfRange(order, 0, train)).renamed(name + " train"),
                take(Arrays.copyOfRange(order, train, size())).renamed(name + " test"));
    }

    /** {@code k/m} as a decimal of at most {@code decimals} places, rounded as told: 1/3 → 0.4 (UP, 1 place). */
    private static String fraction(int k, int m, int decimals, RoundingMode rounding) {
        return BigDecimal.valueOf(k).divide(BigDecimal.valueOf(m), decimals, rounding).stripTrailingZeros()
                .toPlainString();
    }

    private void checkIndex(String method, String what, int i) {
        if (size() == 0) {
            throw new IllegalArgumentException(method + ": " + what + " is " + i + " but " + name + " has no samples;"
                    + " there is nothing to pick.");
        }
        if (i < 0 || i >= size()) {
            throw new IllegalArgumentException(method + ": " + what + " is " + i + " but " + name + " has " + size()
                    + " samples, numbered 0 to " + (size() - 1) + "; give a sample number in that range"
                    + (i < 0 ? " (no negative indices from the end, as in numpy: use size() - " + -(long) i + ")" : "")
                    + ".");
        }
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
        if (rng == null) {
            throw new NullPointerException("batches: rng is null; pass a random generator, e.g. new SplittableRandom(0),"
                    + " and the same one every epoch for a new order each epoch; or call batches(" + batchSize
                    + ") for batches in order.");
        }
        return new Batches(this, batchSize, rng);
    }

    /** The same samples under another name. */
    public Dataset renamed(String newName) {
        if (newName == null) {
            throw new IllegalArgumentException("renamed: newName is null; give the dataset a name for printing and error"
                    + " messages, e.g. \"moons train\".");
        }
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
        return name + ": " + count(size(), "sample", "samples") + " × " + count(features(), "feature", "features")
                + ", " + count(classes, "class", "classes");
    }

    /** {@code 1 sample}, {@code 2 samples}: the count and the noun that goes with it. */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
