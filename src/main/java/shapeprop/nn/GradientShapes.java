package shapeprop.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import shapeprop.matrix.Matrix;
import shapeprop.matrix.Shape;
import shapeprop.matrix.ShapeException;

/**
 * The first check of a hand-written backward pass: every gradient dθ must have exactly the shape of its
 * parameter θ, because the update θ −= η·dθ subtracts them element by element.
 *
 * <pre>{@code
 * GradientShapes.Report report = GradientShapes.check(
 *         Map.of("W1", W1, "b1", b1), Map.of("dW1", dW1, "db1", db1));
 * System.out.println(report);
 * // dW1  (64, 784)   W1 (784, 64)  ✗  transpose: dW1.T() is (784, 64)
 * // db1  (64, 200)   b1 (64, 1)    ✗  sum over the batch axis: dZ.sum(1, true) is (64, 1)
 * }</pre>
 *
 * Gradients are looked up as {@code d<name>} ("dW1"), or under the parameter's own name ("W1").
 */
public final class GradientShapes {

    private GradientShapes() {
    }

    /**
     * One gradient against its parameter.
     *
     * @param parameter      the parameter's name, e.g. {@code W1}
     * @param gradient       the gradient's name, e.g. {@code dW1}
     * @param gradientShape  the gradient's shape, or null when it is missing
     * @param parameterShape the parameter's shape
     * @param ok             true when the shapes are equal
     * @param hint           empty when ok, else the likely fix
     */
    public record Row(String parameter, String gradient, Shape gradientShape, Shape parameterShape, boolean ok,
                      String hint) {

        /** {@code dW2 (128, 10) vs W2 (10, 128) ✗ transpose: …}. */
        @Override
        public String toString() {
            return gradient + " " + (gradientShape == null ? "missing" : gradientShape) + " vs " + parameter + " "
                    + parameterShape + (ok ? " ✓" : " ✗ " + hint);
        }
    }

    /** The rows of one check; prints as an aligned table with ✓/✗. */
    public record Report(List<Row> rows) {

        public Report {
            rows = List.copyOf(rows);
        }

        /** True when every gradient has its parameter's shape. */
        public boolean allOk() {
            return rows.stream().allMatch(Row::ok);
        }

        /** Throws a {@link ShapeException} naming every wrong gradient and its fix, unless all are ok. */
        public void requireOk() {
            List<String> problems = new ArrayList<>();
            Row first = null;
            for (Row row : rows) {
                if (!row.ok()) {
                    first = first == null ? row : first;
                    problems.add(describe(row));
                }
            }
            if (first != null) {
                throw new ShapeException("gradient shapes", first.gradientShape(), first.parameterShape(),
                        String.join(" ", problems), "Every gradient must have its parameter's shape.");
            }
        }

        @Override
        public String toString() {
            List<List<String>> cells = new ArrayList<>();
            for (Row row : rows) {
                cells.add(List.of(row.gradient(), row.gradientShape() == null ? "missing" : row.gradientShape().toString(),
                        row.parameter() + " " + row.parameterShape(), row.ok() ? "✓" : "✗", row.hint()));
            }
            return TextTable.format(cells);
        }
    }

    /** Checks each parameter's gradient (named {@code d<name>} or {@code <name>}) against the parameter. */
    public static Report check(Map<String, Matrix> parameters, Map<String, Matrix> gradients) {
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, Matrix> entry : parameters.entrySet()) {
            String name = entry.getKey();
            Shape parameterShape = entry.getValue().shape();
            String gradientName = "d" + name;
            Matrix gradient = gradients.get(gradientName);
            if (gradient == null && gradients.containsKey(name)) {
                gradient = gradients.get(name);
            }
            if (gradient == null) {
                rows.add(new Row(name, gradientName, null, parameterShape, false,
                        "missing: no gradient named " + gradientName + " (or " + name + ")"));
                continue;
            }
            boolean ok = gradient.shape().equals(parameterShape);
            rows.add(new Row(name, gradientName, gradient.shape(), parameterShape, ok,
                    ok ? "" : hint(gradientName, gradient.shape(), parameterShape)));
        }
        return new Report(Collections.unmodifiableList(rows));
    }

    /** The likely fix when a gradient of shape {@code gradient} should have shape {@code parameter}. */
    static String hint(String gradientName, Shape gradient, Shape parameter) {
        if (gradient.equals(parameter)) {
            return "";
        }
        boolean bias = (parameter.cols() == 1 || parameter.rows() == 1) && isBias(gradientName);
        if (bias && gradient.equals(parameter.T())) {
            // a bias gradient lying the other way: a sum without keepdims, or over the wrong axis, not a transpose
            return parameter.cols() == 1
                    ? "sum over the samples, keepdims: dZ.sum(1, true) is " + parameter + " (rows layout: dZ.sum(0, true))"
                    : "sum over the samples, keepdims: dZ.sum(0, true) is " + parameter
                            + " (columns layout: dZ.sum(1, true))";
        }
        if (gradient.equals(parameter.T())) {
            return "transpose: " + gradientName + ".T() is " + parameter + " (columns: dW = dZ·A_prevᵀ; rows: "
                    + "dW = A_prevᵀ·dZ)";
        }
        if (parameter.cols() == 1 && gradient.rows() == parameter.rows()) {
            return "sum over the batch axis: dZ.sum(1, true) is " + parameter;
        }
        if (parameter.rows() == 1 && gradient.cols() == parameter.cols()) {
            return "sum over the batch axis: dZ.sum(0, true) is " + parameter;
        }
        if (parameter.cols() == 1 && gradient.cols() == parameter.rows()) {
            return "sum over the batch axis, then transpose: dZ.sum(0, true).T() is " + parameter
                    + "; or work in the layout whose bias is a column";
        }
        if (parameter.rows() == 1 && gradient.rows() == parameter.cols()) {
            return "sum over the batch axis, then transpose: dZ.sum(1, true).T() is " + parameter
                    + "; or work in the layout whose bias is a row";
        }
        if (bias && parameter.cols() == 1 && gradient.rows() == 1) {
            // a row of one value per sample where b is a column of one per unit: summed over axis 0, the units
            return "sum over the samples, axis 1: dZ.sum(1, true) is " + parameter + "; dZ.sum(0, true) adds up the"
                    + " units of each sample instead (rows layout: dZ.sum(0, true))";
        }
        if (bias && parameter.rows() == 1 && gradient.cols() == 1) {
            return "sum over the samples, axis 0: dZ.sum(0, true) is " + parameter + "; dZ.sum(1, true) adds up the"
                    + " units of each sample instead (columns layout: dZ.sum(1, true))";
        }
        return "should be " + parameter + ": check which matrices the product multiplies, and their order";
    }

    /** True for a bias gradient's name: {@code db1}, {@code db}, {@code dbias} (a {@code d} and a name starting with b). */
    private static boolean isBias(String gradientName) {
        return gradientName.length() > 1 && gradientName.charAt(0) == 'd' && (gradientName.charAt(1) == 'b'
                || gradientName.charAt(1) == 'B');
    }

    /** A sentence for an error: {@code dW2 is (64, 10) but W2 is (10, 64); transpose: …}. */
    static String describe(Row row) {
        if (row.gradientShape() == null) {
            return row.gradient() + " is missing.";
        }
        return row.gradient() + " is " + row.gradientShape() + " but " + row.parameter() + " is "
                + row.parameterShape() + "; " + row.hint() + ".";
    }

    /** Used by updates: refuses a gradient whose shape differs from its parameter's, naming the fix. */
    static void requireSameShape(String name, Matrix parameter, Matrix gradient) {
        if (parameter.rows() != gradient.rows() || parameter.cols() != gradient.cols()) {
            throw shapeMismatch(name, parameter, gradient);
        }
    }

    // The message is built apart from the check, which every training step runs: a check that small is compiled
    // early and cheaply.
    private static ShapeException shapeMismatch(String name, Matrix parameter, Matrix gradient) {
        String gradientName = "d" + name;
        return new ShapeException("update", parameter.shape(), gradient.shape(),
                "update " + name + " −= η·" + gradientName + ": " + gradientName + " is " + gradient.shape() + " but "
                        + name + " is " + parameter.shape() + "; a gradient must have its parameter's shape (an "
                        + "update never broadcasts).",
                "Fix " + gradientName + ": " + hint(gradientName, gradient.shape(), parameter.shape()) + ".");
    }
}
