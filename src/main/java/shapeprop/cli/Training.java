package shapeprop.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import shapeprop.data.Dataset;
import shapeprop.data.OneHot;
import shapeprop.data.Samples;
import shapeprop.matrix.Dot;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.NoCopy;
import shapeprop.nn.History;
import shapeprop.nn.Network;
import shapeprop.nn.Trace;

/**
 * The training loop of the terminal commands: for every epoch, shuffled mini-batches (or the full batch),
 * each through {@code forward}, {@code backward} and {@code update}. Only this loop is timed; measuring test
 * accuracy after an epoch is not.
 */
final class Training {

    /** Hears the loop: after every step, after the trace of the first step, after every reported epoch. */
    interface Listener {
        default void onStep() {
        }

        default void onTrace(Trace trace) {
        }

        default void onEpoch(EpochResult result) {
        }
    }

    /** Looked up once: each lookup searches the platform's beans. */
    private static final OperatingSystemMXBean OS = ManagementFactory.getOperatingSystemMXBean();

    private final Network net;
    private final Dataset train;
    private final Dataset test;
    private final TrainSpec spec;
    private final Samples samples;
    // Full batch: the lowest loss so far and its step. Every step sees the same samples there, so a loss well above
    // the lowest is gradient descent overshooting.
    private double lowestLoss = Double.POSITIVE_INFINITY;
    private int lowestStep;

    /** The last loss at least this many times the lowest is a run that has not settled. */
    static final double UNSETTLED = 1.05;

    Training(Network net, Dataset train, Dataset test, TrainSpec spec) {
        this.net = net;
        this.train = train;
        this.test = test;
        this.spec = spec;
        this.samples = Samples.valueOf(net.layout().name());
    }

    /** Steps in one epoch. */
    int stepsPerEpoch() {
        return spec.batchSize() == 0 ? 1 : (train.size() + spec.batchSize() - 1) / spec.batchSize();
    }

    /**
     * Trains for the spec's epochs; returns the reported epochs (every {@code spec.every()}, and the last), each
     * with the loss and training accuracy of that epoch and the training time since the previous report.
     */
    List<EpochResult> run(Listener listener) {
        List<EpochResult> results = new ArrayList<>();
        // The batch order has its own generator: the weights come from java.util.Random(seed), and a second
        // Random(seed) would replay the very numbers that drew them. SplittableRandom is another algorithm.
        RandomGenerator order = new SplittableRandom(spec.seed());
        boolean full = spec.batchSize() == 0 || spec.batchSize() >= train.size();
        // the full batch is the same every step: build X and Y once
        Matrix fullX = full ? train.x(samples) : null;
        Matrix fullY = full ? target(train) : null;
        Matrix testX = test.x(samples);
        // Mini-batches are gathered from the samples as rows (each sample contiguous; in bytes where the values
        // allow), transposed on the way for the columns layout, into two arrays reused from batch to batch. Which
        // samples form a batch comes from a dataset of sample numbers: its label i is i, and its batches are drawn
        // exactly as the training set's.
        SampleRows trainX = full ? null : SampleRows.of(train.x(Samples.ROWS));
        Matrix trainY = full ? null : targetRows(train);
        boolean transposed = samples == Samples.COLUMNS;
        Dataset sampleNumbers = full ? null : numbered(train.size());
        double[] batchX = null;
        double[] batchY = null;
        // The clocks are read once per reported block of epochs, not per epoch: with a full batch every step is
        // an epoch, and reading the process CPU time (a system call summing every thread) would cost more than
        // a two-moons step.
        long start = System.nanoTime();
        long cpuStart = processCpuNanos();
        double warmUpStart = Dot.warmUpSeconds();
        boolean first = true;
        // full batch: the highest spike since the last reported epoch, and the loss of the step before
        EpochResult.Spike spike = null;
        double previous = Double.NaN;
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            // each line shows the loss and training accuracy of its own epoch (like the numpy reference)
            double lossSum = 0;
            long hits = 0;
            long seen = 0;
            if (full) {
                hits += step(fullX, fullY, train, first, listener);
                double loss = net.lastLoss();
                lossSum += loss * train.size();
                seen += train.size();
                first = false;
                if (loss < lowestLoss) {
                    lowestLoss = loss;
                    lowestStep = epoch;
                } else if (loss >= EpochResult.Spike.RISE * lowestLoss && loss > previous
                        && (spike == null || loss > spike.loss())) {
                    // only a step whose loss rose: the steps after a peak, on their way back down, did not jump
                    spike = new EpochResult.Spike(epoch, loss, lowestStep, lowestLoss);
                }
                previous = loss;
            } else {
                // the batches of the sample numbers: the same order as train.batches(…) would give
                for (Dataset numbers : sampleNumbers.batches(spec.batchSize(), order)) {
                    int[] index = numbers.labels();
                    Matrix X = trainX.take(index, transposed, batchX).named("X");
                    Matrix Y = NoCopy.takeRows(trainY, index, transposed, batchY).named("Y");
                    batchX = NoCopy.array(X);
                    batchY = NoCopy.array(Y);
                    hits += step(X, Y, numbers, first, listener);
                    lossSum += net.lastLoss() * index.length;
                    seen += index.length;
                    first = false;
                }
            }
            if (epoch % spec.every() == 0 || epoch == spec.epochs()) {
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
                double warmUp = Dot.warmUpSeconds() - warmUpStart;
                // measuring test accuracy is not training: the clocks restart after it
                double testAccuracy = test.accuracy(net.predict(testX));
                EpochResult result = new EpochResult(epoch, lossSum / seen, (double) hits / seen, testAccuracy, seconds,
                        cpuSeconds, warmUp, spike);
                spike = null;
                results.add(result);
                listener.onEpoch(result);
                start = System.nanoTime();
                cpuStart = processCpuNanos();
                warmUpStart = Dot.warmUpSeconds();
            }
        }
        return results;
    }

    /**
     * Full batch, after {@link #run}: a note when the last step's loss is still {@value #UNSETTLED}× its lowest or
     * more, so the last line shows a run that overshot and has not come back down; null otherwise (and for
     * mini-batches, whose losses differ from batch to batch anyway).
     */
    String unsettledNote() {
        // mini-batches never set the lowest loss: infinity, which no last loss reaches
        double last = net.lastLoss();
        if (!(last >= UNSETTLED * lowestLoss)) {
            return null;
        }
        return "note: the run ends with a loss of " + History.number(last) + ", above its lowest, "
                + History.number(lowestLoss) + " at step " + lowestStep + ". Every step sees the same samples, so the"
                + " loss rises only where gradient descent overshoots: lr " + TrainSpec.decimal(spec.learningRate())
                + " is too long a step where the loss is steepest. "
                + (spec.every() > 1 ? "--every 1 shows every step; a" : "A") + " smaller --lr overshoots later or not"
                + " at all.";
    }

    /**
     * forward, backward, update on one batch; returns how many of its samples were classified right. The labels of
     * {@code batch} are the samples' classes, or their numbers in the training set.
     */
    private int step(Matrix X, Matrix Y, Dataset batch, boolean traced, Listener listener) {
        net.tracing(traced && spec.trace());
        // forward, backward, update
        Matrix output = net.step(X, Y, spec.learningRate());
        if (net.isTracing()) {
            listener.onTrace(net.trace());
            net.tracing(false);
        }
        listener.onStep();
        return hits(output, batch);
    }

    /**
     * How many samples of {@code batch} the outputs classify right: the predicted class is the arg max over the
     * output units (the first of equal ones), or, with one unit, 1 where it is at least 0.5 — {@link OneHot#decode},
     * counted in one pass over the outputs instead of building the array of classes every step.
     */
    private int hits(Matrix output, Dataset batch) {
        double[] scores = NoCopy.array(output);
        int m = samples == Samples.ROWS ? output.rows() : output.cols();
        int units = scores.length / Math.max(1, m);
        // unit c of sample j sits at j·sampleStep + c·unitStep
        int sampleStep = samples == Samples.ROWS ? units : 1;
        int unitStep = samples == Samples.ROWS ? 1 : m;
        int right = 0;
        for (int j = 0; j < m; j++) {
            int label = train.label(batch == train ? j : batch.label(j));
            int predicted;
            if (units == 1) {
                predicted = scores[j] >= 0.5 ? 1 : 0;
            } else {
                predicted = argmax(scores, j * sampleStep, unitStep, units);
            }
            right += predicted == label ? 1 : 0;
        }
        return right;
    }

    /** The c &lt; units whose value at first + c·step is largest, the first of equal ones. */
    private static int argmax(double[] values, int first, int step, int units) {
        int best = 0;
        double bestValue = values[first];
        for (int c = 1, i = first + step; c < units; c++, i += step) {
            if (values[i] > bestValue) {
                bestValue = values[i];
                best = c;
            }
        }
        return best;
    }

    /** CPU time of the whole process so far, in nanoseconds (NaN-free: 0 where the JVM cannot tell). */
    private static long processCpuNanos() {
        return OS instanceof com.sun.management.OperatingSystemMXBean os ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    /** Labels as the output layer needs them: one sigmoid unit takes 0/1, softmax takes one-hot vectors. */
    private Matrix target(Dataset data) {
        return net.outputSize() == 1 ? data.y(samples) : data.oneHot(samples);
    }

    /** {@link #target} with one sample per row. */
    private Matrix targetRows(Dataset data) {
        return net.outputSize() == 1 ? data.y(Samples.ROWS) : data.oneHot(Samples.ROWS);
    }

    /** Samples 0 … n − 1, each labelled with its own number (one feature, unused). */
    private static Dataset numbered(int n) {
        int[] numbers = new int[n];
        for (int i = 0; i < n; i++) {
            numbers[i] = i;
        }
        return Dataset.of("sample numbers", Matrix.zeros(n, 1), numbers, Math.max(1, n));
    }
}
