package shapeprop.nn;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.ToDoubleFunction;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.Shape;

/**
 * Compares every analytic gradient with central finite differences, the independent reference that tells a
 * correct backward pass from one that forgot the chain rule:
 *
 * <pre>
 *   ∂L/∂θᵢ ≈ (L(θ + ε·eᵢ) − L(θ − ε·eᵢ)) / 2ε
 * </pre>
 *
 * <p><b>Choices.</b> ε = 1e-5: the truncation error of central differences grows like ε² (≈ 1e-10) and the
 * rounding error like 1e-16·|L|/ε (≈ 1e-11 for a loss near 1), so 1e-5 keeps both far below the thresholds. Per
 * parameter the relative error is ‖a − n‖ / (‖a‖ + ‖n‖) over the checked entries (a analytic, n numeric, Euclidean
 * norms), the course formula that stays meaningful when single entries are tiny. Verdicts: below 1e-7
 * {@link Verdict#OK}; up to 1e-4 {@link Verdict#SUSPICIOUS}; above that {@link Verdict#WRONG}. Differences within
 * the rounding error count as OK whatever the ratio: below 1e-9 ({@link #NOISE}), or below 2.2e-15·|L|/ε
 * ({@link #ROUNDING}) when the loss is large (a loss of 4e4 leaves about 1e-6 of rounding in the numerical
 * gradient).
 *
 * <p><b>Kinks.</b> relu and leaky relu have no derivative at z = 0. When the check runs on a {@link Network}, it
 * notes which side of 0 every relu pre-activation is on at θ + ε and at θ − ε: an entry whose step crosses a kink
 * has a central difference that averages two slopes, so a mismatch there is {@link Verdict#SUSPICIOUS} ("near a
 * kink"), and the verdict comes from the other entries. A learner's own loss function hides its units: there
 * a near match can only be put down to kinks as one possible cause.
 *
 * <p>Parameters with more than {@value #MAX_ENTRIES} entries are checked on that many entries drawn with a fixed
 * seed (each costs two forward passes).
 */
public final class GradientCheck {

    /** The finite-difference step. */
    public static final double EPSILON = 1e-5;
    /** Relative errors below this are OK. */
    public static final double OK_BELOW = 1e-7;
    /** Relative errors above this are WRONG; between the two, SUSPICIOUS. */
    public static final double WRONG_ABOVE = 1e-4;
    /** Differences below this are rounding noise. */
    public static final double NOISE = 1e-9;
    /**
     * Differences below this·|L|/ε are rounding noise too: each loss value carries a rounding error of a few
     * 1e-16·|L|, which the central difference divides by ε (10 ulps of 1, for sums over many samples).
     */
    public static final double ROUNDING = 10 * 0x1.0p-52;
    /** At most this many entries of one parameter are checked. */
    public static final int MAX_ENTRIES = 400;

    private GradientCheck() {
    }

    /** How an analytic gradient compares with the numerical one. */
    public enum Verdict {
        OK, SUSPICIOUS, WRONG;

        /** {@code ok}, {@code suspicious}, {@code wrong}. */
        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    /**
     * One parameter's comparison.
     *
     * @param parameter     the parameter's name, e.g. {@code W2}
     * @param shape         the parameter's shape
     * @param maxAbsDiff    max |analytic − numeric| over the checked entries (NaN when the shapes differ)
     * @param relativeError ‖a − n‖ / (‖a‖ + ‖n‖) (NaN when the shapes differ)
     * @param verdict       ok / suspicious / wrong
     * @param explanation   a sentence naming what is wrong, or confirming the match
     * @param checked       how many entries were compared
     */
    public record Row(String parameter, Shape shape, double maxAbsDiff, double relativeError, Verdict verdict,
                      String explanation, int checked) {

        /** {@code W2 (10, 64): wrong, relative error 9.8e-01. dW2 does not match: …}. */
        @Override
        public String toString() {
            return parameter + " " + shape + ": " + verdict + ", relative error " + Numbers.scientific(relativeError)
                    + ". " + explanation;
        }
    }

    /** The rows of one check; prints as an aligned table. */
    public record Report(List<Row> rows) {

        public Report {
            rows = List.copyOf(rows);
        }

        /** True when every parameter's verdict is OK. */
        public boolean allOk() {
            return rows.stream().allMatch(r -> r.verdict() == Verdict.OK);
        }

        /** The row of one parameter, e.g. {@code row("W2")}. */
        public Row row(String parameter) {
            return rows.stream().filter(r -> r.parameter().equals(parameter)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no parameter " + parameter + " in this check; it "
                            + "has " + rows.stream().map(Row::parameter).toList() + "."));
        }

        @Override
        public String toString() {
            List<List<String>> cells = new ArrayList<>();
            cells.add(List.of("parameter", "shape", "max |diff|", "rel. error", "verdict", ""));
            for (Row r : rows) {
                cells.add(List.of(r.parameter(), r.shape().toString(), Numbers.scientific(r.maxAbsDiff()),
                        Numbers.scientific(r.relativeError()), r.verdict().toString(), r.explanation()));
            }
            return TextTable.format(cells);
        }
    }

    // ================================================================ on a Network

    /**
     * Checks the network's own backward pass on the batch (X, Y). The network itself is left untouched (its
     * cached batch, trace and step count stay as they were).
     */
    public static Report of(Network network, Matrix X, Matrix Y) {
        Network copy = Network.fromParameters(network.layout(), network.lossFunction(), network.parameters(),
                network.activations());
        copy.forward(X);
        Map<String, Matrix> analytic = copy.backward(Y);
        List<String> names = new ArrayList<>(copy.parameters().keySet());
        int depth = names.size() / 2;
        Matrix[] W = new Matrix[depth];
        Matrix[] b = new Matrix[depth];
        for (int l = 1; l <= depth; l++) {
            W[l - 1] = copy.parameters().get("W" + l);
            b[l - 1] = copy.parameters().get("b" + l);
        }
        boolean relus = copy.layers().stream().anyMatch(layer -> layer.activation().hasKink());
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            Matrix[] group = name.startsWith("W") ? W : b;
            int index = Integer.parseInt(name.substring(1)) - 1;
            rows.add(compare(name, group[index], analytic.get(name), relus ? Kinks.WATCHED : Kinks.NONE,
                    (perturbed, reluSides) -> {
                        Matrix saved = group[index];
                        group[index] = perturbed;
                        try {
                            return copy.lossWith(W, b, X, Y, reluSides);
                        } finally {
                            group[index] = saved;
                        }
                    }));
        }
        return new Report(rows);
    }

    // ================================================================ on a learner's own functions

    /**
     * Checks a hand-written backward pass: {@code parameters} by name ({@code W1, b1, …}), {@code loss} computes
     * the loss from such a map (the learner's forward pass), and {@code analytic} holds the learner's gradients
     * named {@code dW1, db1, …} (or {@code W1, b1, …}). Refuses an empty map, a gradient {@code dW2} or {@code db2}
     * whose parameter is not in the map, and a loss that asks the map for a name it does not hold.
     */
    public static Report of(Map<String, Matrix> parameters, ToDoubleFunction<Map<String, Matrix>> loss,
                            Map<String, Matrix> analytic) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("GradientCheck.of: the parameters map is empty, so there is nothing to "
                    + "check (an empty check would pass); give the parameters by name, e.g. Map.of(\"W1\", W1, "
                    + "\"b1\", b1), and the loss function that reads them from that map.");
        }
        requireParameterFor(parameters, analytic);
        requireAllRead(parameters, loss);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Matrix> entry : parameters.entrySet()) {
            String name = entry.getKey();
            Matrix gradient = analytic.get("d" + name);
            if (gradient == null) {
                gradient = analytic.get(name);
            }
            rows.add(compare(name, entry.getValue(), gradient, Kinks.UNKNOWN, (perturbed, reluSides) -> {
                Map<String, Matrix> moved = new LinkedHashMap<>(parameters);
                moved.put(name, perturbed);
                return loss.applyAsDouble(moved);
            }));
        }
        return new Report(rows);
    }

    /**
     * Refuses a gradient {@code dW2} (or {@code db2}) whose parameter W2 is missing from the parameters: the check
     * would silently leave it out. Other names (dZ1, dA1, a cache) are not gradients of parameters and are ignored.
     */
    private static void requireParameterFor(Map<String, Matrix> parameters, Map<String, Matrix> analytic) {
        for (String gradient : analytic.keySet()) {
            String parameter = gradient.startsWith("d") ? gradient.substring(1) : gradient;
            boolean weightOrBias = parameter.matches("[WwBb]\\d*");
            if (weightOrBias && !parameters.containsKey(parameter) && !parameters.containsKey(gradient)) {
                throw new IllegalArgumentException("GradientCheck.of: there is a gradient " + gradient + " but no "
                        + "parameter " + parameter + " among the parameters " + parameters.keySet() + ", so " + gradient
                        + " would go unchecked; add " + parameter + " to the parameters map, and read it from that map "
                        + "in the loss function.");
            }
        }
    }

    /**
     * Runs the loss function once on the parameters, refusing one that asks the map for a name it does not hold:
     * it would fail with a NullPointerException inside the learner's code, or check the wrong thing.
     */
    private static void requireAllRead(Map<String, Matrix> parameters, ToDoubleFunction<Map<String, Matrix>> loss) {
        List<Object> missing = new ArrayList<>();
        Map<String, Matrix> watched = new LinkedHashMap<>(parameters) {
            private static final long serialVersionUID = 1L;

            @Override
            public Matrix get(Object key) {
                Matrix value = super.get(key);
                if (value == null && !missing.contains(key)) {
                    missing.add(key);
                }
                return value;
            }
        };
        RuntimeException failure = null;
        try {
            loss.applyAsDouble(watched);
        } catch (RuntimeException e) {
            failure = e;
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("GradientCheck.of: the loss function asks the parameters map for "
                    + missing.stream().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("") + ", but the "
                    + "map holds only " + parameters.keySet() + "; put every parameter the loss reads into the map, "
                    + "under the name the loss reads it by.", failure);
        }
        if (failure != null) {
            throw failure;
        }
    }

    // ================================================================ one parameter

    /** What is known about relu kinks in the function checked. */
    enum Kinks {
        /** A network without relu or leaky relu: no kinks. */
        NONE,
        /** A network with relu units: each step's sides of the kinks are compared. */
        WATCHED,
        /** A learner's own loss function: kinks cannot be seen. */
        UNKNOWN
    }

    /** The loss with one parameter replaced; {@code reluSides} (null unless kinks are watched) gets their sides. */
    @FunctionalInterface
    interface LossAt {
        double loss(Matrix perturbed, BitSet reluSides);
    }

    private static Row compare(String name, Matrix parameter, Matrix analytic, Kinks kinks, LossAt lossAt) {
        Shape shape = parameter.shape();
        String gradientName = "d" + name;
        if (analytic == null) {
            return new Row(name, shape, Double.NaN, Double.NaN, Verdict.WRONG, gradientName + " is missing: give a "
                    + "gradient named " + gradientName + " with " + name + "'s shape " + shape + ".", 0);
        }
        if (!analytic.shape().equals(shape)) {
            return new Row(name, shape, Double.NaN, Double.NaN, Verdict.WRONG, gradientName + " is "
                    + analytic.shape() + " but " + name + " is " + shape + ": "
                    + GradientShapes.hint(gradientName, analytic.shape(), shape) + ".", 0);
        }
        int[] entries = entriesToCheck(name, shape.size());
        double[] values = parameter.toFlatArray();
        Entries checked = new Entries(shape, entries, kinks);
        double[] grad = analytic.toFlatArray();
        BitSet plusSides = kinks == Kinks.WATCHED ? new BitSet() : null;
        BitSet minusSides = kinks == Kinks.WATCHED ? new BitSet() : null;
        for (int k = 0; k < entries.length; k++) {
            // each entry costs two passes over the data: an interrupt (a kernel's, or Future.cancel) ends the check
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("GradientCheck: interrupted while checking " + name + " (entry "
                        + (k + 1) + " of " + entries.length + "); the parameters are unchanged.");
            }
            int i = entries[k];
            double original = values[i];
            values[i] = original + EPSILON;
            double plus = lossAt.loss(Matrix.of(shape.rows(), shape.cols(), values), plusSides);
            values[i] = original - EPSILON;
            double minus = lossAt.loss(Matrix.of(shape.rows(), shape.cols(), values), minusSides);
            values[i] = original;
            // ∂L/∂θᵢ ≈ (L(θ + ε) − L(θ − ε)) / 2ε
            checked.n[k] = (plus - minus) / (2 * EPSILON);
            checked.a[k] = grad[i];
            // rounding: each L carries about 1e-16·|L|, divided by 2ε in the difference
            checked.noise[k] = Math.max(NOISE, ROUNDING * Math.max(Math.abs(plus), Math.abs(minus)) / EPSILON);
            // a unit whose z changes sign between θ − ε and θ + ε: the step crosses its kink
            checked.kink[k] = plusSides != null && !plusSides.equals(minusSides);
        }
        return judge(name, checked);
    }

    private static int[] entriesToCheck(String name, int size) {
        if (size <= MAX_ENTRIES) {
            int[] all = new int[size];
            for (int i = 0; i < size; i++) {
                all[i] = i;
            }
            return all;
        }
        Random rng = new Random(name.hashCode());
        return rng.ints(0, size).distinct().limit(MAX_ENTRIES).sorted().toArray();
    }

    /** The checked entries of one parameter: analytic a, numeric n, their rounding noise, and kink crossings. */
    static final class Entries {
        final Shape shape;
        final int[] index;
        final Kinks kinks;
        final double[] a;
        final double[] n;
        final double[] noise;
        final boolean[] kink;

        Entries(Shape shape, int[] index, Kinks kinks) {
            this.shape = shape;
            this.index = index;
            this.kinks = kinks;
            this.a = new double[index.length];
            this.n = new double[index.length];
            this.noise = new double[index.length];
            this.kink = new boolean[index.length];
        }

        int crossing() {
            int count = 0;
            for (boolean crossed : kink) {
                count += crossed ? 1 : 0;
            }
            return count;
        }
    }

    /** How analytic and numeric compare over a set of entries (all, or those whose step crosses no kink). */
    private static final class Comparison {
        double normA;
        double normN;
        double an;
        double diff;
        double maxAbs;
        // the entry (position in Entries) with the largest |a − n|
        int worst = -1;
        boolean withinNoise = true;
        int count;

        Comparison(Entries e, boolean skipKinks) {
            double a2 = 0;
            double n2 = 0;
            double diff2 = 0;
            for (int k = 0; k < e.a.length; k++) {
                if (skipKinks && e.kink[k]) {
                    continue;
                }
                double d = e.a[k] - e.n[k];
                diff2 += d * d;
                a2 += e.a[k] * e.a[k];
                n2 += e.n[k] * e.n[k];
                an += e.a[k] * e.n[k];
                if (worst == -1 || Math.abs(d) > maxAbs || Double.isNaN(d)) {
                    maxAbs = Math.abs(d);
                    worst = k;
                }
                withinNoise &= Math.abs(d) <= e.noise[k];
                count++;
            }
            normA = Math.sqrt(a2);
            normN = Math.sqrt(n2);
            diff = Math.sqrt(diff2);
        }

        /** ‖a − n‖ / (‖a‖ + ‖n‖), 0 when both are 0. */
        double relative() {
            return normA + normN == 0 ? 0 : diff / (normA + normN);
        }

        boolean ok() {
            return withinNoise || relative() < OK_BELOW;
        }
    }

    static Row judge(String name, Entries e) {
        Comparison all = new Comparison(e, false);
        double relative = all.relative();
        double maxAbs = all.maxAbs;
        int checked = e.a.length;
        String d = "d" + name;
        String sampled = checked < e.shape.size() ? " (" + checked + " of " + e.shape.size() + " entries checked)"
                : "";
        if (Double.isNaN(relative)) {
            return new Row(name, e.shape, maxAbs, relative, Verdict.WRONG, d + " or the loss is NaN: the forward pass "
                    + "or the gradient overflowed; check for log(0) or exp of large values.", checked);
        }
        if (all.ok()) {
            return new Row(name, e.shape, maxAbs, relative, Verdict.OK, d + " matches central differences" + sampled
                    + ".", checked);
        }
        int crossing = e.crossing();
        if (crossing > 0) {
            // judge on the entries whose ±ε step stays on one side of every kink
            Comparison smooth = new Comparison(e, true);
            String leftOut = " (" + crossing + " of " + checked + " entries left out: their ±ε step crosses a relu "
                    + "kink)";
            if (smooth.count == 0) {
                return new Row(name, e.shape, maxAbs, relative, Verdict.SUSPICIOUS, "near a kink: every checked "
                        + "entry's ±ε step crosses a relu kink (some unit's Z changes sign between θ − ε and θ + ε), "
                        + "where central differences average two slopes, so they cannot judge " + d + " here; "
                        + "check again with another seed or batch.", checked);
            }
            if (smooth.ok()) {
                return new Row(name, e.shape, maxAbs, relative, Verdict.SUSPICIOUS, "near a kink: " + d + " matches "
                        + "central differences on the " + smooth.count + " entries whose ±ε step stays clear of every "
                        + "relu kink; on the other " + (crossing == 1 ? "one" : crossing) + " some unit's Z changes "
                        + "sign between θ − ε and θ + ε, where the central difference averages two slopes and " + d
                        + " takes one. Not a bug: check again with another seed or batch" + sampled + ".", checked);
            }
            if (smooth.relative() <= WRONG_ABOVE) {
                return new Row(name, e.shape, maxAbs, relative, Verdict.SUSPICIOUS, nearly(d, smooth.relative(),
                        Kinks.NONE) + leftOut + sampled + ".", checked);
            }
            return new Row(name, e.shape, maxAbs, relative, Verdict.WRONG, diagnose(name, e, smooth) + leftOut
                    + sampled + ".", checked);
        }
        if (relative <= WRONG_ABOVE) {
            return new Row(name, e.shape, maxAbs, relative, Verdict.SUSPICIOUS, nearly(d, relative, e.kinks) + sampled
                    + ".", checked);
        }
        return new Row(name, e.shape, maxAbs, relative, Verdict.WRONG, diagnose(name, e, all) + sampled + ".",
                checked);
    }

    /** A gradient that nearly matches; relu kinks are named only where they may be the cause. */
    private static String nearly(String d, double relative, Kinks kinks) {
        String cause = kinks == Kinks.UNKNOWN ? "expected near relu kinks or with saturated units"
                : "expected with saturated units, whose tiny slopes leave little but rounding";
        return d + " nearly matches (relative error " + Numbers.scientific(relative) + "): " + cause + "; if it "
                + "persists with another seed, look for a small missing term";
    }

    /** A sentence naming what is wrong, from how the analytic gradient a relates to the numerical one n. */
    private static String diagnose(String name, Entries e, Comparison c) {
        String d = "d" + name;
        boolean bias = name.startsWith("b");
        String formula = bias ? "sum(dZ over the samples) / m" : "dZ·A_prevᵀ / m (columns) or A_prevᵀ·dZ / m (rows)";
        if (c.normA == 0) {
            return d + " is all zeros but the loss does change with " + name + ": the gradient never reaches this "
                    + "parameter; carry dZ back through every layer above (chain rule)";
        }
        if (c.normN <= NOISE) {
            String notRead = e.kinks == Kinks.UNKNOWN ? ", or the loss function does not read " + name + " from the "
                    + "map it is given (p.get(\"" + name + "\")) but a variable outside it, which the check's nudges "
                    + "never reach" : "";
            return d + " is not zero but the loss does not change with " + name + ": " + d + " was computed from "
                    + "something " + name + " does not affect" + notRead;
        }
        double cosine = c.an / (c.normA * c.normN);
        // the least-squares scale s with a ≈ s·n
        double scale = c.an / (c.normN * c.normN);
        if (cosine < -0.9999) {
            return d + " has the wrong sign (it is " + Numbers.significant(scale) + "× the true gradient): use "
                    + "(A − Y), not (Y − A), and subtract it in the update (θ −= η·" + d + ")";
        }
        if (cosine > 0.9999 && Math.abs(scale - 1) >= 0.01) {
            return d + " points the right way but is " + Numbers.significant(scale) + "× the true gradient: check "
                    + "the 1/m over the batch and constant factors such as the 2 of the squared error";
        }
        if (cosine > 0.9999) {
            // the right direction and size: not a factor, but some entries are off
            int k = c.worst;
            int i = e.index[k];
            return d + " has the right direction and size overall but differs entry by entry, most at " + name + "["
                    + i / e.shape.cols() + ", " + i % e.shape.cols() + "] (" + Numbers.significant(e.a[k])
                    + " vs " + Numbers.significant(e.n[k]) + " numerically): a term is missing for some units or "
                    + "samples; it must be " + formula + " with dZ = dA ⊙ g'(Z) carried back from the loss";
        }
        return d + " does not match: the analytic gradient is missing the chain rule or an activation derivative; "
                + "it must be " + formula + " with dZ = dA ⊙ g'(Z) carried back from the loss through every layer "
                + "above";
    }
}
