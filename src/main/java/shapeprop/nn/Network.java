package shapeprop.nn;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import shapeprop.matrix.Bands;
import shapeprop.matrix.Broadcast;
import shapeprop.matrix.Broadcasts;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.NoCopy;
import shapeprop.matrix.Shape;

/**
 * A stack of {@link Dense} layers trained by backpropagation, one visible step at a time:
 *
 * <pre>{@code
 * Network net = Network.builder(784)
 *         .dense(128, Activation.SIGMOID)
 *         .dense(10, Activation.SIGMOID)
 *         .loss(Loss.MSE).layout(Layout.COLUMNS).seed(1)
 *         .build();
 * net.tracing(true);
 * net.forward(X);          // Z1 = W1·X + b1, A1 = σ(Z1), …
 * net.backward(Y);         // dZ2, dW2, db2, dZ1, dW1, db1 — each checked against its parameter's shape
 * net.update(0.5);         // W1 -= 0.5·dW1, …
 * System.out.println(net.trace());
 * }</pre>
 *
 * With tracing off, forward and backward take a fused path (bias add + activation in one pass, 1/m folded into
 * dZ, no dX for the first layer) that computes the same numbers without recording anything. A network of one hidden
 * layer and one sigmoid output unit (two moons) goes through {@link SmallStep} there, unit by unit, with the same
 * numbers again.
 *
 * <p>The network keeps its parameters {@code W1}, {@code b1}, … in arrays of its own that {@link #update} changes
 * in place (a 784-128-10 network would otherwise allocate a new 800 KB W1 every step); {@link #parameters()}
 * hands out snapshots, which later updates leave as they were. Training loops call {@link #step}, which also keeps
 * the weight gradients in arrays of its own. A network is not thread-safe: it caches the last
 * forward pass for backward.
 *
 * <p>On several threads ({@link shapeprop.matrix.Dot#setThreads}), the untraced columns-layout path splits each large
 * hidden layer by its units into {@link Bands}: one thread computes its rows of Z = W·A_prev + b and A = g(Z), later
 * its rows of dZ, dW and db, and, in {@link #step}, updates its rows of W1 and b1, so each band of the largest arrays
 * stays in one core's cache. Every number is computed as on one thread: the same seed gives the same bits on any
 * number of threads.
 */
public final class Network {

    private final int inputSize;
    private final List<Dense> layers;
    private final Loss loss;
    private final Layout layout;

    // Parameters and gradients of layer l (1-based) live at index l − 1.
    private final Matrix[] W;
    private final Matrix[] b;
    private final Matrix[] dW;
    private final Matrix[] db;

    // The last forward pass: A[0] = X, A[l] and Z[l] for layer l (Z only where backward or the loss needs it).
    private final Matrix[] A;
    private final Matrix[] Z;
    private boolean forwardDone;
    private boolean backwardDone;
    // update() has moved the weights since the last forward: its cached activations belong to the old ones
    private boolean updatedSinceForward;
    private double lastLoss = Double.NaN;
    private long steps;
    // a learning rate so large that units saturate while the loss stays finite, watched in step()
    private final Saturation saturation = new Saturation();

    private boolean tracing;
    private List<Trace.Step> recorded = new ArrayList<>();

    // The untraced path's own arrays for what never leaves the network, reused from step to step: the hidden
    // outputs A1 … A(L−1) and the hidden dZ1 … dZ(L−1) (index l), the output layer's Z and δ. A fresh 35 KB array
    // per step would cost more than the two-moons products that fill it.
    private final double[][] hiddenA;
    private final double[][] hiddenDZ;
    private double[] outputZ;
    private double[] outputDelta;
    // The weight gradients' own arrays for step(), which keeps them inside: an 800 KB dW1 per MNIST step would
    // cost more in allocation than the update that reads it. gradientsInside is true while dW (and, on the SmallStep path, db) lives in them.
    private final double[][] ownDW;
    private boolean gradientsInside;
    // One hidden layer and one sigmoid unit (two moons): the untraced passes go unit by unit where the batch allows,
    // with the same numbers (null for other networks); smallPass is true when the last forward went that way.
    private SmallStep small;
    private boolean smallPass;
    // the labels backward last found valid for the loss (checkLabelValues)
    private Matrix labelsChecked;
    // Layers 1 … updatedInBackward have had their update in the banded phase of step()'s backward pass.
    private int updatedInBackward;

    // Names built once, so the untraced hot path formats no strings: index l holds W{l}, A{l}, …
    private final String[] nameW;
    private final String[] nameB;
    private final String[] nameZ;
    private final String[] nameA;
    private final String[] nameDW;
    private final String[] nameDB;

    private Network(int inputSize, List<Dense> layers, Loss loss, Layout layout, Matrix[] W, Matrix[] b) {
        this.inputSize = inputSize;
        this.layers = List.copyOf(layers);
        this.loss = loss;
        this.layout = layout;
        int depth = layers.size();
        // The network owns its parameters: private copies that update() changes in place.
        this.W = new Matrix[depth];
        this.b = new Matrix[depth];
        for (int i = 0; i < depth; i++) {
            this.W[i] = NoCopy.wrap(W[i].rows(), W[i].cols(), W[i].toFlatArray()).named("W" + (i + 1));
            this.b[i] = NoCopy.wrap(b[i].rows(), b[i].cols(), b[i].toFlatArray()).named("b" + (i + 1));
        }
        this.dW = new Matrix[depth];
        this.db = new Matrix[depth];
        this.A = new Matrix[depth + 1];
        this.Z = new Matrix[depth + 1];
        this.hiddenA = new double[depth][];
        this.hiddenDZ = new double[depth][];
        this.ownDW = new double[depth][];
        this.small = SmallStep.of(layers, loss, layout);
        this.nameW = names("W", depth);
        this.nameB = names("b", depth);
        this.nameZ = names("Z", depth);
        this.nameA = names("A", depth);
        this.nameDW = names("dW", depth);
        this.nameDB = names("db", depth);
    }

    private static String[] names(String prefix, int depth) {
        String[] out = new String[depth + 1];
        for (int l = 1; l <= depth; l++) {
            out[l] = prefix + l;
        }
        return out;
    }

    // ================================================================ building

    /** Starts a network whose samples have {@code inputSize} features. */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /** Describes the layers, loss, layout, initializer and seed of a new network. */
    public static final class Builder {
        private final int inputSize;
        private final List<Dense> layers = new ArrayList<>();
        private Loss loss;
        private Layout layout = Layout.COLUMNS;
        private Initializer initializer = Initializer.XAVIER;
        private long seed = 0;

        private Builder(int inputSize) {
            if (inputSize <= 0) {
                throw new IllegalArgumentException("Network.builder(" + inputSize + "): the input size is the number "
                        + "of features per sample (784 for 28×28 MNIST pixels) and must be positive.");
            }
            this.inputSize = inputSize;
        }

        /** Adds a dense layer of {@code units} outputs, taking the previous layer's outputs as inputs. */
        public Builder dense(int units, Activation activation) {
            int in = layers.isEmpty() ? inputSize : layers.get(layers.size() - 1).out();
            layers.add(new Dense(in, units, activation));
            return this;
        }

        public Builder loss(Loss value) {
            this.loss = value;
            return this;
        }

        /** {@link Layout#COLUMNS} (the default) or {@link Layout#ROWS}. */
        public Builder layout(Layout value) {
            this.layout = value;
            return this;
        }

        /** {@link Initializer#XAVIER} by default. */
        public Builder initializer(Initializer value) {
            this.initializer = value;
            return this;
        }

        /** The seed of the initial weights (0 by default): the same seed gives the same network. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        public Network build() {
            if (layers.isEmpty()) {
                throw new IllegalArgumentException("Network.build: the network has no layers; add at least one with "
                        + ".dense(units, activation), the last one being the output layer.");
            }
            if (loss == null) {
                throw new IllegalArgumentException("Network.build: choose a loss with .loss(...): Loss.MSE, "
                        + "Loss.BINARY_CROSS_ENTROPY (one sigmoid output) or Loss.SOFTMAX_CROSS_ENTROPY (softmax "
                        + "output, one-hot labels).");
            }
            checkActivations(layers, loss);
            Random rng = new Random(seed);
            Matrix[] W = new Matrix[layers.size()];
            Matrix[] b = new Matrix[layers.size()];
            for (int i = 0; i < layers.size(); i++) {
                Dense layer = layers.get(i);
                W[i] = initializer.weights(layer.in(), layer.out(), layout, rng).named("W" + (i + 1));
                b[i] = initializer.biases(layer.out(), layout, rng).named("b" + (i + 1));
            }
            return new Network(inputSize, layers, loss, layout, W, b);
        }
    }

    private static void checkActivations(List<Dense> layers, Loss loss) {
        for (int i = 0; i < layers.size() - 1; i++) {
            if (layers.get(i).activation() == Activation.SOFTMAX) {
                throw new IllegalArgumentException("layer " + (i + 1) + " " + layers.get(i) + ": softmax belongs on "
                        + "the output layer, where it turns scores into class probabilities; use tanh, relu or "
                        + "sigmoid in hidden layers.");
            }
        }
        loss.checkOutput(layers.get(layers.size() - 1).activation());
    }

    /**
     * A network from given parameters {@code W1, b1, W2, b2, …} in {@code layout}'s shapes, one activation per
     * layer; use it to compare with another implementation or to continue from saved weights.
     */
    public static Network fromParameters(Layout layout, Loss loss, Map<String, Matrix> parameters,
                                         Activation... activations) {
        int depth = activations.length;
        if (depth == 0) {
            throw new IllegalArgumentException("Network.fromParameters: no activations; give one per layer, in order,"
                    + " e.g. fromParameters(layout, loss, parameters, Activation.TANH, Activation.SIGMOID) for W1, b1,"
                    + " W2, b2.");
        }
        if (parameters.size() != 2 * depth) {
            List<String> missing = new ArrayList<>();
            for (int l = 1; l <= depth; l++) {
                for (String name : List.of("W" + l, "b" + l)) {
                    if (!parameters.containsKey(name)) {
                        missing.add(name);
                    }
                }
            }
            List<String> extra = new ArrayList<>();
            for (String name : parameters.keySet()) {
                if (!name.matches("[Wb][1-9][0-9]*") || Integer.parseInt(name.substring(1)) > depth) {
                    extra.add(name);
                }
            }
            String which = (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing))
                    + (extra.isEmpty() ? "" : "; not parameters of " + depth + (depth == 1 ? " layer: " : " layers: ")
                    + String.join(", ", extra) + " (one activation per layer: is one missing?)");
            throw new IllegalArgumentException("Network.fromParameters: " + depth + " activations need " + 2 * depth
                    + " parameters W1, b1, …, W" + depth + ", b" + depth + ", but got " + parameters.keySet() + which
                    + ".");
        }
        Matrix[] W = new Matrix[depth];
        Matrix[] b = new Matrix[depth];
        for (int l = 1; l <= depth; l++) {
            W[l - 1] = require(parameters, "W" + l).named("W" + l);
            b[l - 1] = require(parameters, "b" + l).named("b" + l);
        }
        // n0 inputs, n1 … nL outputs, read from all the parameters at once: a wrong shape is blamed on its own
        // parameter, with the shape the others give it
        int[] sizes = ParameterShapes.of(layout, W, b);
        List<Dense> layers = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            layers.add(new Dense(sizes[l - 1], sizes[l], activations[l - 1]));
        }
        checkActivations(layers, loss);
        return new Network(layers.get(0).in(), layers, loss, layout, W, b);
    }

    private static Matrix require(Map<String, Matrix> parameters, String name) {
        Matrix m = parameters.get(name);
        if (m == null) {
            throw new IllegalArgumentException("Network.fromParameters: no parameter named " + name + " among "
                    + parameters.keySet() + "; name them W1, b1, W2, b2, … from the input layer on.");
        }
        return m;
    }

    /** The same network in the other layout: every W and b transposed, so it computes the same function. */
    public Network withLayout(Layout target) {
        Map<String, Matrix> transposed = new LinkedHashMap<>();
        for (int i = 0; i < W.length; i++) {
            transposed.put("W" + (i + 1), target == layout ? W[i] : W[i].T());
            transposed.put("b" + (i + 1), target == layout ? b[i] : b[i].T());
        }
        return fromParameters(target, loss, transposed, activations());
    }

    // ================================================================ the three steps

    /** Turns the recording of every operation on or off (off by default; off costs nothing). */
    public Network tracing(boolean on) {
        this.tracing = on;
        return this;
    }

    public boolean isTracing() {
        return tracing;
    }

    /** What the last forward (and the backward and update after it) did; empty when tracing was off. */
    public Trace trace() {
        return recorded.isEmpty() ? Trace.EMPTY : new Trace(recorded);
    }

    /** Runs the batch X through every layer and returns the output A of the last one. */
    public Matrix forward(Matrix X) {
        return forward(X, false);
    }

    /** forward(X); {@code keepOutput}: the output may live in an array of the network's own (for step()). */
    private Matrix forward(Matrix X, boolean keepOutput) {
        layout.checkInput(X, inputSize);
        A[0] = X.name() == null ? X.named("X") : X;
        if (tracing) {
            recorded = new ArrayList<>();
        } else if (!recorded.isEmpty()) {
            recorded = new ArrayList<>();
        }
        int depth = layers.size();
        smallPass = !tracing && small != null && small.fits(X.cols());
        if (smallPass) {
            small.forward(W, b, A, Z, keepOutput);
        }
        for (int l = 1; l <= depth && !smallPass; l++) {
            if (tracing) {
                forwardTraced(l);
            } else {
                forwardFused(l);
            }
        }
        forwardDone = true;
        backwardDone = false;
        updatedSinceForward = false;
        return A[depth];
    }

    /** Layer l without recording: the bias add and the activation in one pass where Z is not needed later. */
    private void forwardFused(int l) {
        Activation g = layers.get(l - 1).activation();
        int bands = l < layers.size() ? bands(l, A[l - 1]) : 1;
        if (bands > 1) {
            forwardBanded(l, g, bands);
        } else if (l < layers.size()) {
            // A = g(W·A_prev + b), computed in the layer's own array, bias and activation in place; backward
            // takes g' from A
            Matrix product = layout == Layout.COLUMNS ? NoCopy.product(W[l - 1], false, A[l - 1], false, hiddenA[l])
                    : NoCopy.product(A[l - 1], false, W[l - 1], false, hiddenA[l]);
            hiddenA[l] = NoCopy.array(product);
            Kernels.biasActivation(g, hiddenA[l], product.rows(), product.cols(), NoCopy.array(b[l - 1]),
                    layout == Layout.COLUMNS);
            A[l] = product.named(nameA[l]);
            Z[l] = null;
        } else {
            Matrix product = layout == Layout.COLUMNS ? NoCopy.product(W[l - 1], false, A[l - 1], false, outputZ)
                    : NoCopy.product(A[l - 1], false, W[l - 1], false, outputZ);
            outputZ = NoCopy.array(product);
            // the output keeps Z = W·A_prev + b for a numerically stable loss, the bias added in place
            Kernels.addBias(NoCopy.array(product), product.rows(), product.cols(), NoCopy.array(b[l - 1]),
                    layout == Layout.COLUMNS);
            Z[l] = product.named(nameZ[l]);
            A[l] = g.apply(Z[l], layout).named(nameA[l]);
        }
    }

    /**
     * How many bands hidden layer l is split into for a batch {@code input}: one per thread in the columns layout
     * when its product W·A_prev is large enough to be split ({@link Bands#count}), else 1.
     */
    private int bands(int l, Matrix input) {
        if (layout != Layout.COLUMNS || l >= layers.size()) {
            return 1;
        }
        Dense layer = layers.get(l - 1);
        // work = units·inputs·m multiply-adds
        return Bands.count(layer.out(), (long) layer.out() * layer.in() * input.cols());
    }

    /** Hidden layer l in the columns layout, each thread computing its band of the layer's units. */
    private void forwardBanded(int l, Activation g, int bands) {
        Matrix weights = W[l - 1];
        Matrix input = A[l - 1];
        int units = weights.rows();
        int m = input.cols();
        double[] out = hiddenA[l] != null && hiddenA[l].length == units * m ? hiddenA[l] : new double[units * m];
        hiddenA[l] = out;
        double[] bias = NoCopy.array(b[l - 1]);
        Bands.run(units, bands, (from, to) -> {
            // Z[from:to] = W[from:to]·A_prev
            Bands.product(weights, false, input, false, out, from, to);
            // A[from:to] = g(Z[from:to] + b[from:to]), in place; backward takes g' from A
            Kernels.biasActivationRows(g, out, m, bias, from, to);
        });
        A[l] = NoCopy.wrap(units, m, out).named(nameA[l]);
        Z[l] = null;
    }

    private void forwardTraced(int l) {
        Activation g = layers.get(l - 1).activation();
        String input = l == 1 ? A[0].name() : "A" + (l - 1);
        List<Broadcast> stretched = new ArrayList<>();
        Matrix z;
        try (Broadcasts.Scope scope = Broadcasts.watch(stretched::add)) {
            // Z = W·A_prev + b (columns) or A_prev·W + b (rows)
            z = linear(W[l - 1], A[l - 1]).add(b[l - 1]);
        }
        Z[l] = z.named("Z" + l);
        String operands = layout == Layout.COLUMNS
                ? W[l - 1].shape() + "·" + A[l - 1].shape() + " + " + b[l - 1].shape()
                : A[l - 1].shape() + "·" + W[l - 1].shape() + " + " + b[l - 1].shape();
        record("forward", l, "Z" + l + " = " + layout.linear("W" + l, input, "b" + l), operands, Z[l].shape(),
                describe(stretched));
        // A = g(Z)
        A[l] = g.apply(Z[l], layout).named("A" + l);
        record("forward", l, "A" + l + " = " + g.symbol() + "(Z" + l + ")", Z[l].shape().toString(), A[l].shape(), "");
    }

    private Matrix linear(Matrix weights, Matrix input) {
        return layout == Layout.COLUMNS ? weights.dot(input) : input.dot(weights);
    }

    private static String describe(List<Broadcast> events) {
        StringBuilder text = new StringBuilder();
        for (Broadcast event : events) {
            if (text.length() > 0) {
                text.append("; ");
            }
            text.append(event.describe());
        }
        return text.toString();
    }

    /**
     * Backpropagates the loss against labels Y (the outputs' shape) through every layer and returns the
     * gradients {@code W1 → dW1, b1 → db1, …}. Stops with {@link TrainingDivergedException} if the loss is NaN/∞,
     * or with an IllegalArgumentException naming the sample when X or Y itself holds NaN/∞.
     */
    public Map<String, Matrix> backward(Matrix Y) {
        backpropagate(Y, false);
        return gradients();
    }

    /**
     * One training step: {@code forward(X)}, {@code backward(Y)} and {@code update(learningRate)} in one call, with the
     * same numbers; returns the output A of the forward pass. For training loops: the gradients stay inside the
     * network, which reuses their arrays from step to step instead of handing out new matrices ({@link #gradients()}
     * gives copies of them), and the output may be an array of the network's own too, which the next step
     * overwrites: copy it ({@code toFlatArray()}) to keep it. Stops with {@link TrainingDivergedException} as
     * {@link #backward} does, and also when the learning rate is so large that a hidden layer saturated while the
     * loss stayed finite but far above the first step's (see {@link Saturation}).
     */
    public Matrix step(Matrix X, Matrix Y, double learningRate) {
        Matrix output = forward(X, true);
        // a banded first layer is updated in its band as soon as its gradients are known (update() refuses a
        // learning rate that Sgd would refuse, after the backward pass, as always)
        boolean valid = learningRate > 0 && !Double.isInfinite(learningRate);
        backpropagate(Y, true, valid ? learningRate : 0);
        update(learningRate);
        return output;
    }

    /**
     * backward(Y); {@code keepInside}: write the weight gradients into the network's own arrays; {@code rate} &gt; 0:
     * a training step with that learning rate, which updates the first layer where its band is computed and is
     * watched for saturation.
     */
    private void backpropagate(Matrix Y, boolean keepInside) {
        backpropagate(Y, keepInside, 0);
    }

    private void backpropagate(Matrix Y, boolean keepInside, double rate) {
        if (!forwardDone) {
            throw new IllegalStateException("backward: run forward(X) first; backward needs the activations of the "
                    + "batch it differentiates.");
        }
        if (updatedSinceForward) {
            throw new IllegalStateException("backward: the weights changed in update() since the last forward(X), so "
                    + "the activations backward would differentiate belong to the old weights; run forward(X) again, "
                    + "then backward(Y).");
        }
        int depth = layers.size();
        Matrix output = A[depth];
        Matrix labels = Y.name() == null ? Y.named("Y") : Y;
        Activation g = layers.get(depth - 1).activation();
        Matrix logits = Z[depth];
        // the loss first refuses labels whose shape differs from the outputs'
        lastLoss = loss.valueFromOutputs(logits, output, labels, g, layout);
        // then their values: 0/1 for binary cross-entropy, one class per sample for softmax cross-entropy; once for
        // the labels a full-batch run passes at every step (a Matrix never changes; a new batch is a new Matrix)
        if (Y != labelsChecked) {
            loss.checkLabelValues(labels, layout);
            labelsChecked = Y;
        }
        if (smallPass && (tracing || !Double.isFinite(lastLoss))) {
            // SmallStep keeps A1 in rows of its own: the trace and the diagnosis of a divergence see it as a matrix
            A[1] = small.hiddenOutputs();
        }
        if (!Double.isFinite(lastLoss)) {
            // NaN or ∞ in the batch itself is the data's fault, not the learning rate's
            layout.requireFinite("backward", A[0], "X", "the batch of the last forward(X)");
            layout.requireFinite("backward", labels, "Y", "the labels");
            throw diverged(steps + 1);
        }
        // a training step (step() passes its learning rate): one comparison, unless the loss grew far above the first
        if (rate > 0 && saturation.suspects(steps + 1, lastLoss)) {
            lookForSaturation(rate);
        }
        updatedInBackward = 0;
        if (tracing) {
            backwardTraced(labels);
            gradientsInside = false;
        } else if (smallPass) {
            small.backward(labels, W, A, dW, db, keepInside);
            gradientsInside = keepInside;
        } else {
            backwardFused(labels, keepInside, rate);
            gradientsInside = keepInside;
        }
        steps++;
        backwardDone = true;
    }

    private void backwardFused(Matrix Y, boolean keepInside, double rate) {
        int depth = layers.size();
        double m = layout.samples(Y);
        Activation g = layers.get(depth - 1).activation();
        // δ = dZ / m: folding 1/m into dZ once is cheaper than dividing every dW
        Matrix delta = outputDelta(A[depth], Y, g, 1.0 / m);
        // the layer whose dW and db the last banded phase computed along with its dZ
        int banded = 0;
        for (int l = depth; l >= 1; l--) {
            Matrix previous = A[l - 1];
            double[] into = keepInside ? ownDW[l - 1] : null;
            if (l == banded) {
                // dW and db are known already
            } else if (layout == Layout.COLUMNS) {
                // dW = dZ·A_prevᵀ / m ; db = sum(dZ, axis=1) / m
                dW[l - 1] = NoCopy.product(delta, false, previous, true, into).named(nameDW[l]);
                db[l - 1] = delta.sum(1, true).named(nameDB[l]);
            } else {
                // dW = A_prevᵀ·dZ / m ; db = sum(dZ, axis=0) / m
                dW[l - 1] = NoCopy.product(previous, true, delta, false, into).named(nameDW[l]);
                db[l - 1] = delta.sum(0, true).named(nameDB[l]);
            }
            if (keepInside) {
                ownDW[l - 1] = NoCopy.array(dW[l - 1]);
            }
            int bands = l > 1 ? bands(l - 1, previous) : 1;
            if (bands > 1) {
                delta = backwardBanded(l - 1, delta, keepInside, rate, bands);
                banded = l - 1;
            } else if (l > 1) {
                Activation below = layers.get(l - 2).activation();
                // dZ_prev = Wᵀ·dZ ⊙ g'(Z_prev) (columns) or dZ·Wᵀ ⊙ g'(Z_prev) (rows), g' taken from A_prev
                Matrix back = layout == Layout.COLUMNS ? NoCopy.product(W[l - 1], true, delta, false, hiddenDZ[l - 1])
                        : NoCopy.product(delta, false, W[l - 1], true, hiddenDZ[l - 1]);
                hiddenDZ[l - 1] = NoCopy.array(back);
                if (below.isElementwise()) {
                    // ⊙ g'(Z_prev) in place, in the layer's own array
                    Kernels.multiplySlope(below, NoCopy.array(back), NoCopy.array(previous));
                    delta = back;
                } else {
                    delta = below.backward(back, previous, layout);
                }
            }
        }
    }

    /**
     * dZ, dW and db of hidden layer h (columns layout) from δ of the layer above, each thread computing its band of
     * the layer's units; with {@code rate} &gt; 0 and h = 1, also W1 and b1's update in the band. Returns dZ.
     */
    private Matrix backwardBanded(int h, Matrix deltaAbove, boolean keepInside, double rate, int bands) {
        Activation g = layers.get(h - 1).activation();
        Matrix weightsAbove = W[h];
        Matrix input = A[h - 1];
        double[] a = NoCopy.array(A[h]);
        int units = W[h - 1].rows();
        int in = W[h - 1].cols();
        int m = input.cols();
        double[] dz = hiddenDZ[h] != null && hiddenDZ[h].length == units * m ? hiddenDZ[h] : new double[units * m];
        hiddenDZ[h] = dz;
        double[] dw = keepInside && ownDW[h - 1] != null && ownDW[h - 1].length == units * in ? ownDW[h - 1]
                : new double[units * in];
        double[] dbValues = new double[units];
        Matrix dZ = NoCopy.wrap(units, m, dz);
        boolean update = rate > 0 && h == 1;
        double[] w = NoCopy.array(W[h - 1]);
        double[] bias = NoCopy.array(b[h - 1]);
        Bands.run(units, bands, (from, to) -> {
            // dZ[from:to] = (W_aboveᵀ·δ_above)[from:to] ⊙ g'(Z[from:to]), g' taken from A
            Bands.product(weightsAbove, true, deltaAbove, false, dz, from, to);
            Kernels.multiplySlope(g, dz, a, from * m, to * m);
            // dW[from:to] = dZ[from:to]·A_prevᵀ / m ; db[from:to] = sum(dZ[from:to], axis=1) / m (δ holds the 1/m)
            Bands.product(dZ, false, input, true, dw, from, to);
            Bands.rowSums(dZ, dbValues, from, to);
            if (update) {
                // W[from:to] -= η·dW[from:to] ; b[from:to] -= η·db[from:to]
                descend(w, dw, rate, from * in, to * in);
                descend(bias, dbValues, rate, from, to);
            }
        });
        dW[h - 1] = NoCopy.wrap(units, in, dw).named(nameDW[h]);
        db[h - 1] = NoCopy.wrap(units, 1, dbValues).named(nameDB[h]);
        if (keepInside) {
            ownDW[h - 1] = dw;
        }
        if (update) {
            updatedInBackward = 1;
        }
        return dZ;
    }

    /** δ = dZ·(1/m) of the output layer; (A − Y)·(1/m) in one pass where the loss simplifies. */
    private Matrix outputDelta(Matrix output, Matrix Y, Activation g, double inverseM) {
        if (!loss.simplifies(g)) {
            return loss.outputDelta(output, Y, g, layout).mul(inverseM);
        }
        double[] a = NoCopy.array(output);
        double[] y = NoCopy.array(Y);
        double[] delta = outputDelta != null && outputDelta.length == a.length ? outputDelta : new double[a.length];
        outputDelta = delta;
        for (int i = 0; i < delta.length; i++) {
            // δ = (A − Y)·(1/m)
            delta[i] = (a[i] - y[i]) * inverseM;
        }
        return NoCopy.wrap(output.rows(), output.cols(), delta);
    }

    private void backwardTraced(Matrix Y) {
        int depth = layers.size();
        int m = layout.samples(Y);
        Activation g = layers.get(depth - 1).activation();
        String out = "A" + depth;
        record("forward", 0, "L = " + loss + "(" + out + ", Y)", A[depth].shape() + ", " + Y.shape(), new Shape(1, 1),
                "");
        Matrix dZ;
        String dZName = "dZ" + depth;
        if (loss.simplifies(g)) {
            // dZ = A − Y
            dZ = loss.outputDelta(A[depth], Y, g, layout);
            record("backward", depth, dZName + " = " + out + " − Y", A[depth].shape() + " − " + Y.shape(), dZ.shape(),
                    "");
        } else if (g == Activation.IDENTITY) {
            // dZ = 2(A − Y)
            dZ = loss.outputDelta(A[depth], Y, g, layout);
            record("backward", depth, dZName + " = 2·(" + out + " − Y)", A[depth].shape() + " − " + Y.shape(),
                    dZ.shape(), "");
        } else if (g.isElementwise()) {
            // dZ = 2(A − Y) ⊙ g'(Z)
            dZ = loss.outputDelta(A[depth], Y, g, layout);
            record("backward", depth, dZName + " = 2·(" + out + " − Y) ⊙ " + g.symbol() + "'(Z" + depth + ")",
                    A[depth].shape() + " − " + Y.shape() + " ⊙ " + Z[depth].shape(), dZ.shape(), "");
        } else {
            // dA = ∂(m·L)/∂A, then dZ = A ⊙ (dA − sum(dA ⊙ A)) through softmax
            Matrix dA = loss.gradient(A[depth], Y);
            record("backward", depth, "dA" + depth + " = " + gradientSymbol(out), A[depth].shape() + " − "
                    + Y.shape(), dA.shape(), "");
            dZ = g.backward(dA, A[depth], layout);
            record("backward", depth, dZName + " = " + out + " ⊙ (dA" + depth + " − sum(dA" + depth + " ⊙ " + out
                    + ", axis=" + layout.featureAxis() + "))", dA.shape() + " ⊙ " + A[depth].shape(), dZ.shape(), "");
        }
        for (int l = depth; l >= 1; l--) {
            Matrix previous = A[l - 1];
            String previousName = l == 1 ? A[0].name() : "A" + (l - 1);
            String dZl = "dZ" + l;
            Matrix weightGradient;
            String operands;
            if (layout == Layout.COLUMNS) {
                // dW = dZ·A_prevᵀ / m
                weightGradient = dZ.dotT(previous).div(m);
                operands = dZ.shape() + "·" + previous.shape().T();
            } else {
                // dW = A_prevᵀ·dZ / m
                weightGradient = previous.Tdot(dZ).div(m);
                operands = previous.shape().T() + "·" + dZ.shape();
            }
            dW[l - 1] = weightGradient.named("dW" + l);
            recordGradient(l, "dW" + l + " = " + layout.weightGradient(dZl, previousName), operands, dW[l - 1],
                    W[l - 1]);
            // db = sum(dZ over the samples) / m
            db[l - 1] = dZ.sum(layout.sampleAxis(), true).div(m).named("db" + l);
            recordGradient(l, "db" + l + " = " + layout.biasGradient(dZl), dZ.shape().toString(), db[l - 1], b[l - 1]);
            if (l > 1) {
                Activation below = layers.get(l - 2).activation();
                Matrix back;
                String backOperands;
                if (layout == Layout.COLUMNS) {
                    // dA_prev = Wᵀ·dZ
                    back = W[l - 1].Tdot(dZ);
                    backOperands = W[l - 1].shape().T() + "·" + dZ.shape();
                } else {
                    // dA_prev = dZ·Wᵀ
                    back = dZ.dotT(W[l - 1]);
                    backOperands = dZ.shape() + "·" + W[l - 1].shape().T();
                }
                // dZ_prev = dA_prev ⊙ g'(Z_prev)
                dZ = below.backward(back, previous, layout);
                String chain = layout.backThroughWeights("W" + l, dZl);
                String equation = below == Activation.IDENTITY ? "dZ" + (l - 1) + " = " + chain
                        : "dZ" + (l - 1) + " = " + chain + " ⊙ " + below.symbol() + "'(Z" + (l - 1) + ")";
                String shown = below == Activation.IDENTITY ? backOperands : backOperands + " ⊙ " + previous.shape();
                record("backward", l - 1, equation, shown, dZ.shape(), "");
            }
        }
    }

    private String gradientSymbol(String out) {
        switch (loss) {
            case MSE:
                return "2·(" + out + " − Y)";
            case BINARY_CROSS_ENTROPY:
                return "(" + out + " − Y) / (" + out + "·(1 − " + out + "))";
            default:
                return "−Y / " + out;
        }
    }

    /** θ ← θ − η·dθ for every parameter, using the gradients of the last {@link #backward}. */
    public void update(double learningRate) {
        if (!backwardDone) {
            throw new IllegalStateException("update: run backward(Y) first; the update moves each parameter against "
                    + "the gradient that backward computes.");
        }
        new Sgd(learningRate);
        for (int l = 1; l <= layers.size(); l++) {
            // W = W − η·dW ; b = b − η·db, in place in the network's own arrays
            GradientShapes.requireSameShape(nameW[l], W[l - 1], dW[l - 1]);
            GradientShapes.requireSameShape(nameB[l], b[l - 1], db[l - 1]);
            if (l > updatedInBackward) {
                descend(NoCopy.array(W[l - 1]), NoCopy.array(dW[l - 1]), learningRate);
                descend(NoCopy.array(b[l - 1]), NoCopy.array(db[l - 1]), learningRate);
            }
            if (tracing) {
                recordUpdate(l, learningRate);
            }
        }
        backwardDone = false;
        updatedSinceForward = true;
        updatedInBackward = 0;
    }

    private void recordUpdate(int l, double learningRate) {
        String eta = Numbers.format(learningRate);
        record("update", l, "W" + l + " -= " + eta + "·dW" + l, W[l - 1].shape() + " - " + eta + "·"
                + dW[l - 1].shape(), W[l - 1].shape(), "");
        record("update", l, "b" + l + " -= " + eta + "·db" + l, b[l - 1].shape() + " - " + eta + "·"
                + db[l - 1].shape(), b[l - 1].shape(), "");
    }

    /** θ ← θ − η·dθ, element by element. */
    private static void descend(double[] theta, double[] gradient, double eta) {
        descend(theta, gradient, eta, 0, theta.length);
    }

    /** θ[i] ← θ[i] − η·dθ[i] for from ≤ i &lt; to. */
    private static void descend(double[] theta, double[] gradient, double eta, int from, int to) {
        for (int i = from; i < to; i++) {
            theta[i] -= eta * gradient[i];
        }
    }

    private void record(String phase, int layer, String equation, String operands, Shape result, String broadcast) {
        recorded.add(new Trace.Step(phase, layer, equation, operands, result, broadcast, null, null, true));
    }

    private void recordGradient(int layer, String equation, String operands, Matrix gradient, Matrix parameter) {
        recorded.add(new Trace.Step("backward", layer, equation, operands, gradient.shape(), "", parameter.name(),
                parameter.shape(), gradient.shape().equals(parameter.shape())));
    }

    // ================================================================ divergence

    private TrainingDivergedException diverged(long step) {
        int depth = layers.size();
        int layer = 0;
        String where = "";
        for (int l = 1; l <= depth && layer == 0; l++) {
            if (!finite(W[l - 1]) || !finite(b[l - 1])) {
                layer = l;
                where = "has NaN or ∞ in its parameters W" + l + "/b" + l;
            } else if (!finite(A[l]) || Z[l] != null && !finite(Z[l])) {
                layer = l;
                where = "has NaN or ∞ in its outputs Z" + l + "/A" + l;
            }
        }
        if (layer == 0) {
            // every number is finite, but the loss overflowed: the outputs have grown huge
            layer = depth;
            where = "outputs values so large (max |A" + depth + "| = " + Numbers.scientific(A[depth].abs().max())
                    + ") that the loss " + loss + " overflowed to " + lastLoss;
        }
        return new TrainingDivergedException(step, layer, "Training diverged at step " + step + ": layer " + layer
                + " " + layers.get(layer - 1) + " " + where + ". The learning rate is probably too large (try 10× "
                + "smaller): each update overshoots, the weights grow until σ/tanh saturate (their derivative ≈ 0) "
                + "or relu outputs overflow. Also check that the inputs are scaled (e.g. pixels / 255) and that the "
                + "initial weights are small.");
    }

    /** Stops training when a hidden layer saturated under learning rate {@code rate} (see {@link Saturation}). */
    private void lookForSaturation(double rate) {
        if (smallPass) {
            A[1] = small.hiddenOutputs();
        }
        TrainingDivergedException stuck = saturation.diagnose(steps + 1, lastLoss, rate, layers, A);
        if (stuck != null) {
            throw stuck;
        }
    }

    private static boolean finite(Matrix m) {
        for (double v : m.toFlatArray()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    // ================================================================ evaluation without side effects

    /** The output A of the last layer for X, without touching the cached batch or the trace. */
    public Matrix output(Matrix X) {
        return evaluate(W, b, X)[1];
    }

    /** {Z_L, A_L} for X under the given parameters. */
    Matrix[] evaluate(Matrix[] weights, Matrix[] biases, Matrix X) {
        return evaluate(weights, biases, X, null);
    }

    /**
     * {Z_L, A_L} for X under the given parameters; {@code reluSides} (may be null) gets one bit per pre-activation
     * of every relu and leaky-relu layer, set where z &gt; 0: the side of the kink each unit is on.
     */
    private Matrix[] evaluate(Matrix[] weights, Matrix[] biases, Matrix X, BitSet reluSides) {
        layout.checkInput(X, inputSize);
        Matrix activation = X;
        Matrix logits = null;
        int bit = 0;
        for (int l = 1; l <= layers.size(); l++) {
            Activation g = layers.get(l - 1).activation();
            // Z = W·A_prev + b (columns) or A_prev·W + b (rows), the bias added in the product's new array
            logits = linear(weights[l - 1], activation);
            Kernels.addBias(NoCopy.array(logits), logits.rows(), logits.cols(), NoCopy.array(biases[l - 1]),
                    layout == Layout.COLUMNS);
            if (reluSides != null && g.hasKink()) {
                for (double z : NoCopy.array(logits)) {
                    reluSides.set(bit++, z > 0);
                }
            }
            if (l < layers.size() && g.isElementwise()) {
                // A = g(Z) in Z's own array: only the last layer's Z is kept
                Kernels.activate(g, NoCopy.array(logits));
                activation = logits;
            } else {
                activation = g.apply(logits, layout);
            }
        }
        return new Matrix[] {logits, activation};
    }

    /** The loss for X against labels Y under the current parameters. */
    public double loss(Matrix X, Matrix Y) {
        return lossWith(W, b, X, Y);
    }

    /** The loss under other parameters (same shapes), for gradient checks. */
    double lossWith(Matrix[] weights, Matrix[] biases, Matrix X, Matrix Y) {
        return lossWith(weights, biases, X, Y, null);
    }

    /** As {@link #lossWith(Matrix[], Matrix[], Matrix, Matrix)}; {@code reluSides} as in evaluate (may be null). */
    double lossWith(Matrix[] weights, Matrix[] biases, Matrix X, Matrix Y, BitSet reluSides) {
        Matrix[] za = evaluate(weights, biases, X, reluSides);
        return loss.valueFromLogits(za[0], za[1], Y, layers.get(layers.size() - 1).activation(), layout);
    }

    /**
     * The predicted class of each sample: the arg max over the output units, or, with one output unit,
     * 1 when the output is at least {@link #threshold()} (0.5; 0 for tanh) and 0 otherwise.
     */
    public int[] predict(Matrix X) {
        return classes(output(X));
    }

    /**
     * The fraction of samples whose predicted class ({@link #predict}) equals the label's class (labels shaped like
     * the outputs): the arg max of one-hot labels, or, for one output unit, label 1 as class 1 and label 0 or −1 as
     * class 0 ({@link #labelClasses}).
     */
    public double accuracy(Matrix X, Matrix Y) {
        Matrix out = output(X);
        loss.checkLabels(out, Y);
        return agreement(classes(out, thresholdFor(Y)), labelClasses(Y));
    }

    /** Tells backward that {@code Y}'s label values are already checked: a batch of labels fit checked as a whole. */
    void labelValuesChecked(Matrix Y) {
        labelsChecked = Y;
    }

    /**
     * Where one output unit's prediction is read against labels Y: halfway between the two label values as the
     * output activation can reach them. 0.5 for 0/1 labels; 0 for ±1 labels and an output that goes below 0 (tanh,
     * identity); 0.5 for ±1 labels and a sigmoid or ReLU output, which can only come near 0 for the label −1. So a
     * tanh output trained on 0/1 labels, as in the two-moons question, is read at 0.5, not at tanh's 0.
     */
    double thresholdFor(Matrix Y) {
        Activation g = layers.get(layers.size() - 1).activation();
        double lowestOutput = g == Activation.SIGMOID || g == Activation.RELU ? 0.0
                : g == Activation.TANH ? -1.0 : Double.NEGATIVE_INFINITY;
        double lowLabel = labelMidpoint(Y.toFlatArray()) == 0.0 ? -1.0 : 0.0;
        // the midpoint of the label values, the low one as close as the output comes to it
        return (Math.max(lowLabel, lowestOutput) + 1.0) / 2;
    }

    /**
     * The decision threshold of a single output unit's predictions: 0 for tanh (outputs in (−1, 1)), else 0.5.
     * Labels are read on their own scale ({@link #labelClasses}), and {@link #accuracy} reads the outputs where the
     * labels put the boundary ({@link #thresholdFor}).
     */
    public double threshold() {
        return layers.get(layers.size() - 1).activation() == Activation.TANH ? 0.0 : 0.5;
    }

    /**
     * The class of each label: the arg max over the units of one-hot labels; a single label per sample is read
     * halfway between its two values, at 0.5 for labels in {0, 1} and at 0 for labels in {−1, 1}. The output's
     * threshold would read the label 0 of a tanh network as class 1.
     */
    int[] labelClasses(Matrix Y) {
        if (layout.features(Y) > 1) {
            return Y.argmax(layout.featureAxis());
        }
        double[] values = Y.toFlatArray();
        double midpoint = labelMidpoint(values);
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] >= midpoint ? 1 : 0;
        }
        return out;
    }

    /** Labels in {−1, 1} have their midpoint at 0, labels in {0, 1} at 0.5. */
    private static double labelMidpoint(double[] labels) {
        for (double y : labels) {
            if (y < 0) {
                return 0.0;
            }
        }
        return 0.5;
    }

    int[] classes(Matrix outputs) {
        return classes(outputs, threshold());
    }

    /** The predicted classes, one output unit read at threshold {@code t}. */
    int[] classes(Matrix outputs, double t) {
        if (layout.features(outputs) > 1) {
            return outputs.argmax(layout.featureAxis());
        }
        double[] values = outputs.toFlatArray();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] >= t ? 1 : 0;
        }
        return out;
    }

    static double agreement(int[] predicted, int[] actual) {
        int hits = 0;
        for (int i = 0; i < predicted.length; i++) {
            hits += predicted[i] == actual[i] ? 1 : 0;
        }
        return predicted.length == 0 ? Double.NaN : (double) hits / predicted.length;
    }

    // ================================================================ training

    /**
     * Mini-batch gradient descent: each epoch shuffles the samples (seeded), slices them into batches of
     * {@code batchSize} (columns or rows, by layout) and runs forward, backward and update on each. Returns one
     * {@link History.Entry} per epoch; {@code listener} (may be null) hears every step and epoch.
     */
    public History fit(Matrix X, Matrix Y, int epochs, int batchSize, double learningRate, long seed,
                       TrainingListener listener) {
        return new Trainer(this, X, Y, null, null, epochs, batchSize, learningRate, seed, listener).run();
    }

    /** As {@link #fit(Matrix, Matrix, int, int, double, long, TrainingListener)}, measuring test accuracy each epoch. */
    public History fit(Matrix X, Matrix Y, Matrix testX, Matrix testY, int epochs, int batchSize, double learningRate,
                       long seed, TrainingListener listener) {
        return new Trainer(this, X, Y, testX, testY, epochs, batchSize, learningRate, seed, listener).run();
    }

    /** The loss computed by the last {@link #backward}. */
    public double lastLoss() {
        return lastLoss;
    }

    /** True when the last forward pass went through {@link SmallStep}. */
    boolean smallPass() {
        return smallPass;
    }

    /** This network without {@link SmallStep}: the general path only, for tests that compare the two. */
    Network withoutSmallStep() {
        small = null;
        return this;
    }

    /** Output of the last forward pass (the batch it saw), or null. */
    Matrix lastOutput() {
        return A[layers.size()];
    }

    /** Number of backward passes so far (training steps). */
    public long steps() {
        return steps;
    }

    // ================================================================ what it is

    /**
     * The parameters in order {@code W1, b1, W2, b2, …} (read-only): a snapshot of their values now, which later
     * updates do not change.
     */
    public Map<String, Matrix> parameters() {
        Map<String, Matrix> out = new LinkedHashMap<>();
        for (int i = 0; i < W.length; i++) {
            out.put(nameW[i + 1], snapshot(W[i], nameW[i + 1]));
            out.put(nameB[i + 1], snapshot(b[i], nameB[i + 1]));
        }
        return Collections.unmodifiableMap(out);
    }

    private static Matrix snapshot(Matrix parameter, String name) {
        return NoCopy.wrap(parameter.rows(), parameter.cols(), parameter.toFlatArray()).named(name);
    }

    /**
     * The gradients of the last {@link #backward}, keyed by parameter name ({@code W1 → dW1, b1 → db1, …}) in the
     * order of {@link #parameters()}; empty before the first backward.
     */
    public Map<String, Matrix> gradients() {
        // sized for 2·depth entries, so that it never grows: backward builds one every training step
        Map<String, Matrix> out = new LinkedHashMap<>(4 * dW.length + 1);
        for (int i = 0; i < dW.length; i++) {
            if (dW[i] == null) {
                return Collections.unmodifiableMap(new LinkedHashMap<>());
            }
            // after step() dW lives in arrays the next step overwrites: hand out a copy
            out.put(nameW[i + 1], gradientsInside ? snapshot(dW[i], nameDW[i + 1]) : dW[i]);
            out.put(nameB[i + 1], gradientsInside ? snapshot(db[i], nameDB[i + 1]) : db[i]);
        }
        return Collections.unmodifiableMap(out);
    }

    public List<Dense> layers() {
        return layers;
    }

    public Loss lossFunction() {
        return loss;
    }

    public Layout layout() {
        return layout;
    }

    public int inputSize() {
        return inputSize;
    }

    /** The output size (units of the last layer). */
    public int outputSize() {
        return layers.get(layers.size() - 1).out();
    }

    Activation[] activations() {
        return layers.stream().map(Dense::activation).toArray(Activation[]::new);
    }

    /** Number of weights and biases. */
    public int parameterCount() {
        return layers.stream().mapToInt(Dense::parameterCount).sum();
    }

    /** Every shape of this network for a batch of {@code m} samples, in both layouts side by side. */
    public LayoutComparison compareLayouts(int m) {
        return LayoutComparison.of(this, m);
    }

    /**
     * <pre>
     * Network (columns: X is (features, m), Z = W·X + b), loss mse
     *   Dense(784 -> 128, sigmoid)  W1 (128, 784)  b1 (128, 1)
     *   Dense(128 -> 10, sigmoid)   W2 (10, 128)   b2 (10, 1)
     *   101770 parameters
     * </pre>
     */
    @Override
    public String toString() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            rows.add(List.of("  " + layers.get(i), W[i].describe(), b[i].describe()));
        }
        return "Network (" + layout.describe() + "), loss " + loss + "\n" + TextTable.format(rows) + "  "
                + parameterCount() + " parameters\n";
    }
}
