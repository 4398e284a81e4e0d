package shapeprop.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import shapeprop.data.Dataset;
import shapeprop.data.OneHot;
import shapeprop.data.Samples;
import shapeprop.matrix.Matrix;
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

    private final Network net;
    private final Dataset train;
    private final Dataset test;
    private final TrainSpec spec;
    private final Samples samples;

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
        double seconds = 0;
        double cpuSeconds = 0;
        boolean first = true;
        for (int epoch = 1; epoch <= spec.epochs(); epoch++) {
            // each line shows the loss and training accuracy of its own epoch (like the numpy reference)
            double lossSum = 0;
            long hits = 0;
            long seen = 0;
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            if (full) {
                hits += step(fullX, fullY, train, first, listener);
                lossSum += net.lastLoss() * train.size();
                seen += train.size();
                first = false;
            } else {
                for (Dataset batch : train.batches(spec.batchSize(), order)) {
                    hits += step(batch.x(samples), target(batch), batch, first, listener);
                    lossSum += net.lastLoss() * batch.size();
                    seen += batch.size();
                    first = false;
                }
            }
            seconds += (System.nanoTime() - start) / 1e9;
            cpuSeconds += (processCpuNanos() - cpuStart) / 1e9;
            if (epoch % spec.every() == 0 || epoch == spec.epochs()) {
                double testAccuracy = test.accuracy(net.predict(testX));
                EpochResult result = new EpochResult(epoch, lossSum / seen, (double) hits / seen, testAccuracy, seconds,
                        cpuSeconds);
                results.add(result);
                listener.onEpoch(result);
                seconds = 0;
                cpuSeconds = 0;
            }
        }
        return results;
    }

    /** forward, backward, update on one batch; returns how many of its samples were classified right. */
    private int step(Matrix X, Matrix Y, Dataset batch, boolean traced, Listener listener) {
        net.tracing(traced && spec.trace());
        // forward
        Matrix output = net.forward(X);
        // backward
        net.backward(Y);
        // update
        net.update(spec.learningRate());
        if (net.isTracing()) {
            listener.onTrace(net.trace());
            net.tracing(false);
        }
        listener.onStep();
        int[] predicted = OneHot.decode(output, samples);
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == batch.label(i) ? 1 : 0;
        }
        return right;
    }

    /** CPU time of the whole process so far, in nanoseconds (NaN-free: 0 where the JVM cannot tell). */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return Math.max(0, os.getProcessCpuTime());
        }
        return 0;
    }

    /** Labels as the output layer needs them: one sigmoid unit takes 0/1, softmax takes one-hot vectors. */
    private Matrix target(Dataset data) {
        return net.outputSize() == 1 ? data.y(samples) : data.oneHot(samples);
    }
}
