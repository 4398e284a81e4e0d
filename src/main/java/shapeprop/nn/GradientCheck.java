package shapeprop.nn;

import java.util.ArrayList;
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
 * rounding error like 1e-16·|L|/ε (≈ 1e-11), so 1e-5 keeps both far below the thresholds. Per parameter the
 * relative error is ‖a − n‖ / (‖a‖ + ‖n‖) over the checked entries (a analytic, n numeric, Euclidean norms), the
 * course formula that stays meaningful when single entries are tiny. Verdicts: below 1e-7 {@link Verdict#OK};
 * up to 1e-4 {@link Verdict#SUSPICIOUS} (what relu kinks or saturated units produce); above that
 * {@link Verdict#WRONG}. A max |diff| below 1e-9 is floating-point noise and counts as OK whatever the ratio.
 * Parameters with more than {@value #MAX_ENTRIES} entries are checked on that many entries drawn with a fixed
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
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            Matrix[] group = name.startsWith("W") ? W : b;
            int index = Integer.parseInt(name.substring(1)) - 1;
            rows.add(compare(name, group[index], analytic.get(name), perturbed -> {
                Matrix saved = group[index];
                group[index] = perturbed;
                try {
                    return copy.lossWith(W, b, X, Y);
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
     * named {@code dW1, db1, …} (or {@code W1, b1, …}).
     */
    public static Report of(Map<String, Matrix> parameters, ToDoubleFunction<Map<String, Matrix>> loss,
                            Map<String, Matrix> analytic) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Matrix> entry : parameters.entrySet()) {
            String name = entry.getKey();
            Matrix gradient = analytic.get("d" + name);
            if (gradient == null) {
                gradient = analytic.get(name);
            }
            rows.add(compare(name, entry.getValue(), gradient, perturbed -> {
                Map<String, Matrix> moved = new LinkedHashMap<>(parameters);
                moved.put(name, perturbed);
                return loss.applyAsDouble(moved);
            }));
        }
        return new Report(rows);
    }

    // ================================================================ one parameter

    private static Row compare(String name, Matrix parameter, Matrix analytic, ToDoubleFunction<Matrix> lossAt) {
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
        double[] a = new double[entries.length];
        double[] n = new double[entries.length];
        double[] grad = analytic.toFlatArray();
        for (int k = 0; k < entries.length; k++) {
            // each entry costs two passes over the data: an interrupt (a kernel's, or Future.cancel) ends the check
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("GradientCheck: interrupted while checking " + name + " (entry "
                        + (k + 1) + " of " + entries.length + "); the parameters are unchanged.");
            }
            int i = entries[k];
            double original = values[i];
            values[i] = original + EPSILON;
            double plus = lossAt.applyAsDouble(Matrix.of(shape.rows(), shape.cols(), values));
            values[i] = original - EPSILON;
            double minus = lossAt.applyAsDouble(Matrix.of(shape.rows(), shape.cols(), values));
            values[i] = original;
            // ∂L/∂θᵢ ≈ (L(θ + ε) − L(θ − ε)) / 2ε
            n[k] = (plus - minus) / (2 * EPSILON);
            a[k] = grad[i];
        }
        return judge(name, shape, a, n, entries.length);
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

    static Row judge(String name, Shape shape, double[] a, double[] n, int checked) {
        double diff2 = 0;
        double a2 = 0;
        double n2 = 0;
        double an = 0;
        double maxAbs = 0;
        for (int k = 0; k < a.length; k++) {
            double d = a[k] - n[k];
            diff2 += d * d;
            a2 += a[k] * a[k];
            n2 += n[k] * n[k];
            an += a[k] * n[k];
            maxAbs = Math.max(maxAbs, Math.abs(d));
        }
        double normA = Math.sqrt(a2);
        double normN = Math.sqrt(n2);
        // relative error = ‖a − n‖ / (‖a‖ + ‖n‖)
        double relative = normA + normN == 0 ? 0 : Math.sqrt(diff2) / (normA + normN);
        String d = "d" + name;
        String sampled = checked < shape.size() ? " (" + checked + " of " + shape.size() + " entries checked)" : "";
        if (Double.isNaN(relative)) {
            return new Row(name, shape, maxAbs, relative, Verdict.WRONG, d + " or the loss is NaN: the forward pass "
                    + "or the gradient overflowed; check for log(0) or exp of large values.", checked);
        }
        if (maxAbs <= NOISE || relative < OK_BELOW) {
            return new Row(name, shape, maxAbs, relative, Verdict.OK, d + " matches central differences" + sampled
                    + ".", checked);
        }
        if (relative <= WRONG_ABOVE) {
            return new Row(name, shape, maxAbs, relative, Verdict.SUSPICIOUS, d + " nearly matches (relative error "
                    + Numbers.scientific(relative) + "): expected near relu kinks or with saturated units; if it "
                    + "persists with another seed, look for a small missing term" + sampled + ".", checked);
        }
        return new Row(name, shape, maxAbs, relative, Verdict.WRONG, diagnose(name, normA, normN, an) + sampled,
                checked);
    }

    /** A sentence naming what is wrong, from how the analytic gradient a relates to the numerical one n. */
    private static String diagnose(String name, double normA, double normN, double an) {
        String d = "d" + name;
        boolean bias = name.startsWith("b");
        String formula = bias ? "sum(dZ over the samples) / m" : "dZ·A_prevᵀ / m (columns) or A_prevᵀ·dZ / m (rows)";
        if (normA == 0) {
            return d + " is all zeros but the loss does change with " + name + ": the gradient never reaches this "
                    + "parameter; carry dZ back through every layer above (chain rule).";
        }
        if (normN <= NOISE) {
            return d + " is not zero but the loss does not change with " + name + ": " + d + " was computed from "
                    + "something " + name + " does not affect.";
        }
        double cosine = an / (normA * normN);
        // the least-squares scale s with a ≈ s·n
        double scale = an / (normN * normN);
        if (cosine < -0.9999) {
            return d + " has the wrong sign (it is " + Numbers.significant(scale) + "× the true gradient): use "
                    + "(A − Y), not (Y − A), and subtract it in the update (θ −= η·" + d + ").";
        }
        if (cosine > 0.9999) {
            return d + " points the right way but is " + Numbers.significant(scale) + "× the true gradient: check "
                    + "the 1/m over the batch and constant factors such as the 2 of the squared error.";
        }
        return d + " does not match: the analytic gradient is missing the chain rule or an activation derivative; "
                + "it must be " + formula + " with dZ = dA ⊙ g'(Z) carried back from the loss through every layer "
                + "above.";
    }
}
