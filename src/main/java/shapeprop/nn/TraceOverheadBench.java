package shapeprop.nn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.NoCopy;

/**
 * Does tracing cost anything when it is off? Times the same training loop three ways, interleaved so that load
 * on the machine hits all three alike, and prints the medians and their ratios:
 *
 * <ol>
 *   <li><b>never traced</b>: the training step written directly with Matrix, the same operations the network's
 *       fused path performs, with no tracing code anywhere;</li>
 *   <li><b>tracing off</b>: {@link Network#forward}/{@link Network#backward}/{@link Network#update} on a network
 *       whose tracing was never turned on;</li>
 *   <li><b>tracing switched off</b>: a network that traced a step, then had tracing turned off.</li>
 * </ol>
 *
 * Run: {@code java --add-modules jdk.incubator.vector -cp target/classes shapeprop.nn.TraceOverheadBench}
 * (arguments: rounds, default 25). Two workloads: MNIST-shaped 784-128-10 (batch 64, columns) and two-moons
 * 2-22-1 (200 points, rows).
 */
public final class TraceOverheadBench {

    private TraceOverheadBench() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 25;
        Random rng = new Random(1);
        System.out.println("workload             never traced   tracing off    switched off   off/never  switched/never");
        Matrix X = Matrix.rand(784, 64, rng);
        Matrix Y = oneHot(10, 64, rng);
        run("mnist 784-128-10", rounds, 40, () -> network(784, 128, 10, Activation.SIGMOID, Activation.SOFTMAX,
                Loss.SOFTMAX_CROSS_ENTROPY, Layout.COLUMNS), X, Y);
        Matrix moonsX = Matrix.randn(200, 2, rng);
        Matrix moonsY = Matrix.rand(200, 1, rng).map(v -> v < 0.5 ? 0 : 1);
        run("moons 2-22-1", rounds, 400, () -> network(2, 22, 1, Activation.TANH, Activation.SIGMOID,
                Loss.BINARY_CROSS_ENTROPY, Layout.ROWS), moonsX, moonsY);
    }

    private interface Factory {
        Network create();
    }

    private static Network network(int in, int hidden, int out, Activation g, Activation output, Loss loss,
                                   Layout layout) {
        return Network.builder(in).dense(hidden, g).dense(out, output).loss(loss).layout(layout).seed(1).build();
    }

    private static void run(String name, int rounds, int steps, Factory factory, Matrix X, Matrix Y) {
        Network plain = factory.create();
        Network off = factory.create();
        Network switched = factory.create().tracing(true);
        switched.forward(X);
        switched.backward(Y);
        switched.update(0.1);
        switched.tracing(false);
        Baseline baseline = new Baseline(factory.create());
        double[][] seconds = new double[3][rounds + 3];
        for (int r = 0; r < rounds + 3; r++) {
            // interleave: each round times all three, so background load affects them alike
            seconds[0][r] = time(() -> baseline.step(X, Y, 0.1), steps);
            seconds[1][r] = time(() -> step(off, X, Y), steps);
            seconds[2][r] = time(() -> step(switched, X, Y), steps);
        }
        double never = best(seconds[0], 3);
        double traceOff = best(seconds[1], 3);
        double switchedOff = best(seconds[2], 3);
        System.out.printf(Locale.ROOT, "%-20s %9.1f µs   %9.1f µs   %9.1f µs   %8.3f   %8.3f%n", name,
                never * 1e6 / steps, traceOff * 1e6 / steps, switchedOff * 1e6 / steps, traceOff / never, switchedOff / never);
        if (plain.steps() != 0) {
            throw new IllegalStateException("unused network was trained");
        }
    }

    private static void step(Network net, Matrix X, Matrix Y) {
        net.forward(X);
        net.backward(Y);
        net.update(0.1);
    }

    /**
     * Seconds of this thread's CPU time for {@code steps} steps: on a shared machine wall-clock time also counts
     * the time other processes held the core, CPU time only the work done.
     */
    private static double time(Runnable step, int steps) {
        long start = THREADS.getCurrentThreadCpuTime();
        for (int i = 0; i < steps; i++) {
            step.run();
        }
        return (THREADS.getCurrentThreadCpuTime() - start) / 1e9;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The fastest of values[skip:], the first {@code skip} rounds being JIT warm-up. */
    private static double best(double[] values, int skip) {
        return Arrays.stream(values, skip, values.length).min().orElseThrow();
    }

    private static Matrix oneHot(int classes, int m, Random rng) {
        int[] labels = rng.ints(m, 0, classes).toArray();
        return Matrix.fromFunction(classes, m, (k, j) -> labels[j] == k ? 1 : 0);
    }

    /**
     * The loop that never traced: one hidden layer and an output layer, the network's untraced path written out
     * with the same kernels, the same reused arrays and the same in-place update, and no tracing code at all.
     */
    private static final class Baseline {
        private final Layout layout;
        private final Activation g;
        private final Activation output;
        private final Loss loss;
        private final Matrix W1;
        private final Matrix b1;
        private final Matrix W2;
        private final Matrix b2;
        private double[] hidden;
        private double[] hiddenDZ;

        Baseline(Network net) {
            layout = net.layout();
            g = net.layers().get(0).activation();
            output = net.layers().get(1).activation();
            loss = net.lossFunction();
            W1 = net.parameters().get("W1");
            b1 = net.parameters().get("b1");
            W2 = net.parameters().get("W2");
            b2 = net.parameters().get("b2");
        }

        void step(Matrix X, Matrix Y, double lr) {
            boolean columns = layout == Layout.COLUMNS;
            // forward: A1 = g(W1·X + b1) in a reused array ; Z2 = W2·A1 + b2 ; A2 = output(Z2)
            Matrix A1 = columns ? NoCopy.product(W1, false, X, false, hidden) : NoCopy.product(X, false, W1, false,
                    hidden);
            hidden = NoCopy.array(A1);
            Kernels.biasActivation(g, hidden, A1.rows(), A1.cols(), NoCopy.array(b1), columns);
            Matrix Z2 = columns ? W2.dot(A1) : A1.dot(W2);
            Kernels.addBias(NoCopy.array(Z2), Z2.rows(), Z2.cols(), NoCopy.array(b2), columns);
            Matrix A2 = output.apply(Z2, layout);
            double value = loss.valueFromOutputs(Z2, A2, Y, output, layout);
            if (!Double.isFinite(value)) {
                throw new IllegalStateException("diverged");
            }
            // backward: δ2 = (A2 − Y)/m ; dW2, db2 ; δ1 = W2ᵀ·δ2 ⊙ g'(A1) ; dW1, db1
            double m = layout.samples(Y);
            Matrix delta2;
            if (loss.simplifies(output)) {
                double[] a = NoCopy.array(A2);
                double[] y = NoCopy.array(Y);
                double[] d = new double[a.length];
                for (int i = 0; i < d.length; i++) {
                    // δ2 = (A2 − Y)·(1/m)
                    d[i] = (a[i] - y[i]) * (1.0 / m);
                }
                delta2 = NoCopy.wrap(A2.rows(), A2.cols(), d);
            } else {
                delta2 = loss.outputDelta(A2, Y, output, layout).mul(1.0 / m);
            }
            Matrix dW2 = columns ? delta2.dotT(A1) : A1.Tdot(delta2);
            Matrix db2 = delta2.sum(layout.sampleAxis(), true);
            Matrix delta1 = columns ? NoCopy.product(W2, true, delta2, false, hiddenDZ)
                    : NoCopy.product(delta2, false, W2, true, hiddenDZ);
            hiddenDZ = NoCopy.array(delta1);
            Kernels.multiplySlope(g, hiddenDZ, hidden);
            Matrix dW1 = columns ? delta1.dotT(X) : X.Tdot(delta1);
            Matrix db1 = delta1.sum(layout.sampleAxis(), true);
            Map<String, Matrix> gradients = new LinkedHashMap<>(9);
            gradients.put("W1", dW1);
            gradients.put("b1", db1);
            gradients.put("W2", dW2);
            gradients.put("b2", db2);
            // update: θ −= η·dθ in place
            descend("W1", W1, gradients.get("W1"), lr);
            descend("b1", b1, gradients.get("b1"), lr);
            descend("W2", W2, gradients.get("W2"), lr);
            descend("b2", b2, gradients.get("b2"), lr);
        }

        private static void descend(String name, Matrix theta, Matrix gradient, double lr) {
            GradientShapes.requireSameShape(name, theta, gradient);
            double[] t = NoCopy.array(theta);
            double[] d = NoCopy.array(gradient);
            for (int i = 0; i < t.length; i++) {
                t[i] -= lr * d[i];
            }
        }
    }
}
